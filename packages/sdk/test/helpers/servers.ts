import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import type { Config } from '../../../api/src/config.js'
import type { Database } from '../../../api/src/db/database.js'
import { buildTestApp } from '../../../api/test/helpers/test-app.js'

/**
 * The SDK is tested against the real API, listening on a random port: PGlite by default, PostgreSQL with
 * DATABASE_URL. Only what the API cannot be made to do on demand (a 503, a lost response) comes from the
 * small servers below.
 */
export async function startApi(
  t: Test,
  options: { database?: Database; config?: Partial<Config> } = {},
): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const app = await buildTestApp(t, options)
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, baseUrl }
}

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

type Handler = (request: ReceivedRequest, response: ServerResponse, raw: IncomingMessage) => void | Promise<void>

/** A server that answers as the test scripts it and records every request it received. */
export async function startScriptedServer(t: Test, handler: Handler): Promise<{ url: string; received: ReceivedRequest[] }> {
  const received: ReceivedRequest[] = []
  const server = createServer(async (raw, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of raw) chunks.push(chunk as Buffer)
    const request = { method: raw.method ?? '', url: raw.url ?? '', headers: raw.headers, body: Buffer.concat(chunks).toString() }
    received.push(request)
    await handler(request, response, raw)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  response.writeHead(status, { 'content-type': type, ...headers }).end(JSON.stringify(body))
}

/** A problem+json body as the API writes it. */
export function problem(status: number, code: string, extra: Record<string, unknown> = {}) {
  return { type: `urn:wegov:problem:${code}`, title: code, status, code, detail: `detail of ${code}`, lang: 'en', instance: '/', requestId: `req-${code}`, ...extra }
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding'])

/**
 * A proxy in front of the real API that records what passes and, when `dropResponse` says so, forwards the
 * request, lets the API finish it, and then cuts the connection instead of answering: the client never
 * learns that its request succeeded. `answered` lists what the API replied to each forwarded request.
 */
export async function startProxy(
  t: Test,
  target: string,
  dropResponse: (request: ReceivedRequest, index: number) => boolean = () => false,
) {
  const answered: { status: number; headers: Headers }[] = []
  const server = await startScriptedServer(t, async (request, response) => {
    const index = proxy.received.length - 1
    const headers = Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name)) as [string, string][]
    const upstream = await fetch(target + request.url, {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? null : request.body,
    })
    const body = await upstream.text()
    answered.push({ status: upstream.status, headers: upstream.headers })
    if (dropResponse(request, index)) {
      response.socket?.destroy()
      return
    }
    const back = [...upstream.headers].filter(([name]) => !HOP_BY_HOP.has(name))
    response.writeHead(upstream.status, Object.fromEntries(back)).end(body)
  })
  const proxy = { ...server, answered }
  return proxy
}

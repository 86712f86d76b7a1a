import net from 'node:net'
import t from 'tap'
import { Pool } from 'undici'
import { buildTestApp } from './helpers/test-app.js'

/**
 * Requests Node's HTTP parser refuses never reach Fastify's routes: they are answered by the
 * clientErrorHandler. These tests speak raw bytes over a real socket, as a broken client or a fuzzer does.
 */

interface RawResponse {
  statusLine: string
  headers: Record<string, string>
  body: string
  /** The server ended the connection (we never do). */
  closedByServer: boolean
}

/** Sends bytes on a new connection and reads until the server closes it. */
function rawExchange(port: number, bytes: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [head = '', body = ''] = text.split('\r\n\r\n', 2)
      const [statusLine = '', ...lines] = head.split('\r\n')
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      )
      resolve({ statusLine, headers, body, closedByServer: true })
    })
    socket.write(bytes)
  })
}

const request = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1')

const UNREADABLE: [string, Buffer, number, string][] = [
  [
    'invalid UTF-8 in the request line',
    Buffer.concat([Buffer.from('GET /v1/projects/'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' HTTP/1.1\r\nHost: localhost\r\n\r\n')]),
    400,
    'WEGOV_MALFORMED_REQUEST',
  ],
  [
    'Content-Length with Transfer-Encoding',
    request(['POST /v1/signatures/confirm HTTP/1.1', 'Host: localhost', 'Content-Type: application/json', 'Content-Length: 5', 'Transfer-Encoding: chunked', '', '0', '']),
    400,
    'WEGOV_MALFORMED_REQUEST',
  ],
  [
    'a 20 KB header',
    request(['GET /v1/projects HTTP/1.1', 'Host: localhost', `X-Padding: ${'a'.repeat(20 * 1024)}`]),
    431,
    'WEGOV_HEADERS_TOO_LARGE',
  ],
]

t.test('a request the parser refuses gets problem+json and a closed connection; the next connection works', async (t) => {
  const app = await buildTestApp(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as net.AddressInfo

  for (const [name, bytes, status, code] of UNREADABLE) {
    const response = await rawExchange(port, bytes)
    t.match(response.statusLine, new RegExp(`^HTTP/1\\.1 ${status} `), `${name}: ${status}`)
    t.match(response.headers['content-type'], /^application\/problem\+json/, `${name}: problem+json`)
    t.equal(response.headers.connection, 'close', `${name}: says the connection is closed`)
    t.ok(response.closedByServer, `${name}: the server closes it`)
    t.equal(Number(response.headers['content-length']), Buffer.byteLength(response.body), `${name}: framed by Content-Length`)
    const problem = JSON.parse(response.body)
    t.match(problem, { type: `urn:wegov:problem:${code}`, code, status, lang: 'en', title: String, detail: String })
    t.equal(response.headers['x-request-id'], problem.requestId, `${name}: the request id is in the header and the body`)
    t.notMatch(response.body, /v1\//, `${name}: the URL is not echoed`)

    const next = await rawExchange(port, request(['GET /v1/projects HTTP/1.1', 'Host: localhost', 'Connection: close']))
    t.match(next.statusLine, /^HTTP\/1\.1 200 /, `${name}: a well-formed request on a new connection is answered`)
  }
})

t.test('a keep-alive client never loses a well-formed request because of a neighbour’s oversized one', async (t) => {
  const app = await buildTestApp(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as net.AddressInfo
  // One connection, pipelining: good requests go out on the same socket as the bad ones, before and
  // after them, as a busy keep-alive client's do.
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 1, pipelining: 4 })
  t.teardown(() => pool.destroy())

  const ROUNDS = 30
  const oversized = { 'x-padding': 'a'.repeat(20 * 1024) }
  const send = async (good: boolean) => {
    try {
      const response = await pool.request({ method: 'GET', path: '/v1/projects?limit=1', headers: good ? {} : oversized })
      const body = await response.body.text()
      return { good, status: response.statusCode, connection: response.headers.connection, body }
    } catch (error) {
      return { good, status: (error as { code?: string }).code ?? String(error), connection: undefined, body: '' }
    }
  }
  const results = await Promise.all(Array.from({ length: ROUNDS }, () => [send(false), send(true)]).flat())

  const good = results.filter((r) => r.good)
  t.same(good.map((r) => r.status), Array(ROUNDS).fill(200), 'every well-formed request is answered 200, none lost')
  t.ok(good.every((r) => JSON.parse(r.body).items), 'with its own answer')
  const bad = results.filter((r) => !r.good)
  t.same(bad.map((r) => r.status), Array(ROUNDS).fill(431), 'every oversized request gets its 431')
  t.ok(bad.every((r) => r.connection === 'close' && JSON.parse(r.body).code === 'WEGOV_HEADERS_TOO_LARGE'))
})

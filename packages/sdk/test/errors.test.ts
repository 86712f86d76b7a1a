import t from 'tap'
import {
  ConflictError,
  createClient,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorisedError,
  ValidationError,
  WeGovError,
} from '../src/index.js'
import { problem, sendJson, startApi, startScriptedServer } from './helpers/servers.js'

const rejection = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error('expected a rejection')
  },
  (error: unknown) => error as WeGovError,
)

t.test('problems of the real API become typed errors', async (t) => {
  const { baseUrl } = await startApi(t)
  const wegov = createClient({ baseUrl, lang: 'fr' })

  const badCursor = await rejection(wegov.projects.list({ cursor: 'bm90LWEtY3Vyc29y' }))
  t.ok(badCursor instanceof ValidationError)
  t.match(badCursor, { status: 400, code: 'WEGOV_BAD_CURSOR', lang: 'fr', name: 'ValidationError' })
  t.match(badCursor.detail, /Recommencez depuis la première page/)
  t.match(badCursor.requestId, /\S/)

  const tooMany = await rejection(wegov.organisations.list({ limit: 500 }, { lang: 'ar' }))
  t.ok(tooMany instanceof ValidationError)
  t.match(tooMany, { code: 'WEGOV_LIMIT_OUT_OF_RANGE', lang: 'ar' })
  t.match(tooMany.errors, [{ field: 'limit' }])

  const missing = await rejection(wegov.organisations.get('no-such-organisation'))
  t.ok(missing instanceof NotFoundError)
  t.match(missing, { status: 404, code: 'WEGOV_NOT_FOUND', title: 'Not found' })

  const malformed = await rejection(wegov.projects.get('Not A Slug!'))
  t.match(malformed, { status: 400, code: 'WEGOV_INVALID_ID' })
})

t.test('each HTTP family has its class; the body code is kept', async (t) => {
  const families: [number, string, typeof WeGovError][] = [
    [400, 'WEGOV_VALIDATION', ValidationError],
    [413, 'WEGOV_BODY_TOO_LARGE', ValidationError],
    [415, 'WEGOV_UNSUPPORTED_MEDIA_TYPE', ValidationError],
    [422, 'WEGOV_VALIDATION', ValidationError],
    [401, 'WEGOV_UNAUTHORISED', UnauthorisedError],
    [403, 'WEGOV_FORBIDDEN', UnauthorisedError],
    [404, 'WEGOV_NOT_FOUND', NotFoundError],
    [410, 'WEGOV_GONE', NotFoundError],
    [409, 'WEGOV_ALREADY_SIGNED', ConflictError],
    [405, 'WEGOV_METHOD_NOT_ALLOWED', WeGovError],
  ]
  const server = await startScriptedServer(t, (request, response) => {
    const [status, code] = families[Number(request.url.split('/')[3])]!
    sendJson(response, status, problem(status, code))
  })
  const wegov = createClient({ baseUrl: server.url })
  for (const [index, [status, code, family]] of families.entries()) {
    const error = await rejection(wegov.organisations.get(String(index)))
    t.ok(error instanceof family, `${status} is a ${family.name}`)
    t.equal(error.constructor, family, `${status} is exactly a ${family.name}`)
    t.match(error, { status, code, requestId: `req-${code}` })
  }
  // A client error is final: the SDK never asks twice.
  t.equal(server.received.length, families.length)
})

t.test('a 429 carries retryAfter; a 5xx without a problem body still gets a code', async (t) => {
  const server = await startScriptedServer(t, (request, response) => {
    if (request.url.startsWith('/v1/projects')) {
      return sendJson(response, 429, problem(429, 'WEGOV_RATE_LIMITED'), { 'retry-after': '120' })
    }
    response.writeHead(502, { 'content-type': 'text/html', 'x-request-id': 'from-the-proxy' }).end('<h1>Bad gateway</h1>')
  })
  const wegov = createClient({ baseUrl: server.url, retries: 0 })
  const limited = await rejection(wegov.projects.list())
  t.ok(limited instanceof RateLimitedError)
  t.match(limited, { status: 429, code: 'WEGOV_RATE_LIMITED', retryAfter: 120 })
  const gateway = await rejection(wegov.organisations.list())
  t.ok(gateway instanceof ServerError)
  t.match(gateway, { status: 502, code: 'WEGOV_HTTP_502', requestId: 'from-the-proxy' })
})

t.test('no response at all is a NetworkError with status 0', async (t) => {
  const server = await startScriptedServer(t, (_request, response) => {
    response.socket?.destroy()
  })
  const wegov = createClient({ baseUrl: server.url, retries: 1 })
  const error = await rejection(wegov.vocabularies.get())
  t.ok(error instanceof NetworkError)
  t.match(error, { status: 0, code: 'WEGOV_NETWORK', name: 'NetworkError' })
  t.ok(error.cause, 'the underlying fetch error is kept as cause')
  t.equal(server.received.length, 2, 'a read is retried after a network error')
})

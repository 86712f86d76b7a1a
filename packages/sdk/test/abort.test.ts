import t from 'tap'
import { createClient, NetworkError, type WeGovError } from '../src/index.js'
import { problem, sendJson, startScriptedServer } from './helpers/servers.js'

t.test('an aborted call rejects with code WEGOV_ABORTED and the name AbortError', async (t) => {
  let arrived!: () => void
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve))
  // Never answers: only the caller's abort can end the call.
  const server = await startScriptedServer(t, () => arrived())
  const wegov = createClient({ baseUrl: server.url })

  const controller = new AbortController()
  const pending = wegov.projects.list({}, { signal: controller.signal }).collect()
  await requestArrived
  controller.abort()
  const error = (await pending.catch((e: unknown) => e)) as WeGovError
  t.ok(error instanceof NetworkError)
  t.match(error, { status: 0, code: 'WEGOV_ABORTED', name: 'AbortError' })
  t.equal(server.received.length, 1, 'an abort is never retried')

  const already = AbortSignal.abort()
  const early = (await wegov.organisations.get('x', { signal: already }).catch((e: unknown) => e)) as WeGovError
  t.match(early, { code: 'WEGOV_ABORTED' })
  t.equal(server.received.length, 1, 'an already aborted signal sends nothing')
})

t.test('an abort during the wait between retries ends the call', async (t) => {
  const controller = new AbortController()
  const server = await startScriptedServer(t, (_request, response) => {
    // Retry-After 5: the SDK will wait five seconds before its next attempt, and is aborted meanwhile.
    sendJson(response, 429, problem(429, 'WEGOV_RATE_LIMITED'), { 'retry-after': '5' })
    response.on('finish', () => setImmediate(() => controller.abort()))
  })
  const error = (await createClient({ baseUrl: server.url, retries: 5 })
    .vocabularies.get({ signal: controller.signal })
    .catch((e: unknown) => e)) as WeGovError
  t.match(error, { code: 'WEGOV_ABORTED' })
  t.equal(server.received.length, 1, 'the remaining attempts were not made')
})

t.test('a server that does not answer in timeoutMs gives WEGOV_TIMEOUT, after the retries', async (t) => {
  const server = await startScriptedServer(t, () => undefined)
  const error = (await createClient({ baseUrl: server.url, timeoutMs: 50, retries: 1 })
    .vocabularies.get()
    .catch((e: unknown) => e)) as WeGovError
  t.ok(error instanceof NetworkError)
  t.match(error, { status: 0, code: 'WEGOV_TIMEOUT', name: 'NetworkError' })
  t.equal(server.received.length, 2, 'a read that timed out is tried again')
})

t.test('the timeout also covers a body that stops arriving', async (t) => {
  const server = await startScriptedServer(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.write('{"items": [')
  })
  const error = (await createClient({ baseUrl: server.url, timeoutMs: 50, retries: 0 })
    .projects.list()
    .catch((e: unknown) => e)) as WeGovError
  t.match(error, { code: 'WEGOV_TIMEOUT' })
})

import t, { type Test } from 'tap'
import { createClient, RateLimitedError, ServerError, type WeGovError } from '../src/index.js'
import { problem, sendJson, startScriptedServer } from './helpers/servers.js'

/** Fails the first `failures` requests with `status`, then answers 200 with the request it got. */
async function flakyServer(t: Test, failures: number, status = 503, headers: Record<string, string> = {}) {
  let count = 0
  return startScriptedServer(t, (request, response) => {
    count += 1
    if (count <= failures) return sendJson(response, status, problem(status, status === 429 ? 'WEGOV_RATE_LIMITED' : 'WEGOV_UNAVAILABLE'), headers)
    sendJson(response, 200, { attempt: count, method: request.method })
  })
}

t.test('a read is retried after 5xx and succeeds', async (t) => {
  const server = await flakyServer(t, 2)
  const wegov = createClient({ baseUrl: server.url })
  t.same(await wegov.vocabularies.get(), { attempt: 3, method: 'GET' })
  t.equal(server.received.length, 3)
})

t.test('retries stop after `retries` extra attempts', async (t) => {
  const server = await flakyServer(t, 10)
  const error = await createClient({ baseUrl: server.url, retries: 1 }).vocabularies.get().catch((e: WeGovError) => e)
  t.ok(error instanceof ServerError)
  t.equal(server.received.length, 2)
  const none = await flakyServer(t, 10)
  await createClient({ baseUrl: none.url, retries: 0 }).vocabularies.get().catch(() => undefined)
  t.equal(none.received.length, 1)
})

t.test('a 429 is retried after its Retry-After, and not when Retry-After is too long', async (t) => {
  const short = await flakyServer(t, 1, 429, { 'retry-after': '0' })
  t.same(await createClient({ baseUrl: short.url }).projects.get('x'), { attempt: 2, method: 'GET' })
  const long = await flakyServer(t, 1, 429, { 'retry-after': '3600' })
  const error = await createClient({ baseUrl: long.url }).projects.get('x').catch((e: WeGovError) => e)
  t.ok(error instanceof RateLimitedError)
  t.equal((error as RateLimitedError).retryAfter, 3600)
  t.equal(long.received.length, 1, 'the caller decides what to do with an hour-long wait')
})

const leila = { firstName: 'Leila', lastName: 'Ben Salah', email: 'leila@example.org', country: 'TN', consents: { processing: true as const }, altcha: 'solved' }
const sami = { ...leila, firstName: 'Sami', email: 'sami@example.org' }

t.test('a POST is retried with the same idempotency key, and only with one', async (t) => {
  const server = await flakyServer(t, 2)
  const wegov = createClient({ baseUrl: server.url, lang: 'ar' })
  const receipt = await wegov.petitions.sign('clean-water', leila)
  t.same(receipt, { attempt: 3, method: 'POST' })
  const keys = server.received.map((request) => request.headers['idempotency-key'])
  t.equal(keys.length, 3)
  t.match(keys[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  t.equal(new Set(keys).size, 1, 'every attempt carried the same key')
  t.same(JSON.parse(server.received[2]!.body), leila)
  t.equal(server.received[0]!.headers['accept-language'], 'ar')
  t.equal(server.received[0]!.url, '/v1/petitions/clean-water/signatures', 'a POST carries no ?lang=')

  const given = await flakyServer(t, 1)
  await createClient({ baseUrl: given.url }).petitions.sign('clean-water', sami, {
    idempotencyKey: 'caller-key-1',
  })
  t.same(given.received.map((request) => request.headers['idempotency-key']), ['caller-key-1', 'caller-key-1'])

  const again = await flakyServer(t, 0)
  const twice = createClient({ baseUrl: again.url })
  await twice.petitions.sign('clean-water', sami)
  await twice.petitions.sign('clean-water', sami)
  const [first, second] = again.received.map((request) => request.headers['idempotency-key'])
  t.not(first, second, 'two separate sign() calls are two separate signatures')

  const unkeyed = await flakyServer(t, 1)
  const error = await createClient({ baseUrl: unkeyed.url }).signatures.withdraw({ token: 'abc' }).catch((e: WeGovError) => e)
  t.ok(error instanceof ServerError)
  t.equal(unkeyed.received.length, 1, 'a POST that is not idempotent is never sent twice')
  t.equal(unkeyed.received[0]!.headers['idempotency-key'], undefined)

  const confirming = await flakyServer(t, 1)
  t.same(await createClient({ baseUrl: confirming.url }).signatures.confirm({ token: 'abc' }), { attempt: 2, method: 'POST' })
  t.equal(confirming.received.length, 2, 'confirming is idempotent in the API, so it is retried')
})

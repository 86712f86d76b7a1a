import { createHash } from 'node:crypto'
import t, { type Test } from 'tap'
import { createClient, NetworkError, solveChallenge, type WeGovError } from '../src/index.js'
import { BlobWorker } from './helpers/blob-worker.js'
import { startApi } from './helpers/servers.js'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** A challenge as altcha-lib builds one, whose secret number the test knows. */
function challengeFor(number: number, maxnumber: number) {
  const salt = `0123456789abcdef?expires=${Math.floor(Date.now() / 1000) + 600}&`
  return { algorithm: 'SHA-256' as const, challenge: sha256(salt + number), maxnumber, salt, signature: 'f'.repeat(64) }
}

function decode(payload: string) {
  return JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Record<string, unknown>
}

/** Makes globalThis.Worker the given class for the duration of the test. */
function installWorker(t: Test, worker: unknown) {
  const had = 'Worker' in globalThis
  const previous = (globalThis as { Worker?: unknown }).Worker
  Object.assign(globalThis, { Worker: worker })
  t.teardown(() => {
    if (had) Object.assign(globalThis, { Worker: previous })
    else delete (globalThis as { Worker?: unknown }).Worker
  })
}

t.test('the API’s challenge is fetched and solved as altcha-lib verifies it', async (t) => {
  const { baseUrl } = await startApi(t, { config: { powMaxNumber: 2000 } })
  const wegov = createClient({ baseUrl })
  const challenge = await wegov.challenge.get()
  t.match(challenge, { algorithm: 'SHA-256', maxnumber: 2000, challenge: /^[0-9a-f]{64}$/, signature: /^[0-9a-f]{64}$/ })

  const solution = decode(await wegov.challenge.solve())
  t.same(Object.keys(solution), ['algorithm', 'challenge', 'number', 'salt', 'signature'])
  t.equal(sha256(`${solution.salt}${solution.number}`), solution.challenge, 'the number hashes to the challenge')
  t.ok(Number(solution.number) <= 2000)
})

t.test('solveChallenge finds the number on the calling thread where there is no Worker', async (t) => {
  const payload = decode(await solveChallenge(challengeFor(777, 1000)))
  t.equal(payload.number, 777)
  t.equal(payload.signature, 'f'.repeat(64))
  t.equal(decode(await solveChallenge(challengeFor(0, 0))).number, 0)
  t.equal(decode(await solveChallenge(challengeFor(1000, 1000))).number, 1000, 'maxnumber itself is searched')
})

t.test('in a browser-like environment the search runs in an inline worker', async (t) => {
  installWorker(t, BlobWorker)
  BlobWorker.created = []
  const payload = decode(await solveChallenge(challengeFor(1234, 5000)))
  t.equal(payload.number, 1234)
  t.equal(BlobWorker.created.length, 1)
  t.equal(BlobWorker.created[0]!.terminated, true, 'the worker is ended once it answered')
})

t.test('a worker the page refuses (CSP) or that fails falls back to the calling thread', async (t) => {
  installWorker(t, class {
    constructor() {
      throw new DOMException('blocked by worker-src', 'SecurityError')
    }
  })
  t.equal(decode(await solveChallenge(challengeFor(42, 100))).number, 42)

  installWorker(t, class FailingWorker {
    onerror: ((event: { preventDefault(): void }) => void) | null = null
    postMessage() {
      queueMicrotask(() => this.onerror?.({ preventDefault() {} }))
    }
    terminate() {}
  })
  t.equal(decode(await solveChallenge(challengeFor(43, 100))).number, 43)
})

t.test('aborting stops the search, in a worker and on the calling thread', async (t) => {
  const unreachable = challengeFor(9_000_000, 10_000_000)

  const controller = new AbortController()
  const onThread = solveChallenge(unreachable, { signal: controller.signal })
  setImmediate(() => controller.abort())
  const error = (await onThread.catch((e: unknown) => e)) as WeGovError
  t.ok(error instanceof NetworkError)
  t.match(error, { code: 'WEGOV_ABORTED', name: 'AbortError' })

  installWorker(t, BlobWorker)
  BlobWorker.created = []
  const inWorker = new AbortController()
  const pending = solveChallenge(unreachable, { signal: inWorker.signal })
  setImmediate(() => inWorker.abort())
  t.match(await pending.catch((e: unknown) => e), { code: 'WEGOV_ABORTED' })
  t.equal(BlobWorker.created[0]?.terminated, true, 'the worker is ended')
})

t.test('a challenge without a solution below maxnumber is reported, not looped on', async (t) => {
  const error = (await solveChallenge(challengeFor(200, 100)).catch((e: unknown) => e)) as WeGovError
  t.match(error, { code: 'WEGOV_CHALLENGE_UNSOLVED', status: 0 })
})

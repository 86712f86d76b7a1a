import { createChallenge, verifySolution } from 'altcha-lib'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { deriveKey } from '../src/secrets.js'
import { encodeAltcha, fetchChallenge, solve, solvedAltcha } from './helpers/pow.js'
import { buildSigningApp, TEST_SIGN_URL } from './helpers/signing-app.js'
import { openTestDatabase, testConfig } from './helpers/test-app.js'

const POW = { powMaxNumber: 2000 }
const SECRET = 'a-test-secret-that-is-long-enough-0123456789'
const PETITION = '7d0c5c0e-2f7e-4b8e-9a55-1f1f0e0e0e01'
// One database for the file (a PGlite takes seconds to start); apps on it share only what they should.
const shared = await openTestDatabase(t)

const sign = (app: Awaited<ReturnType<typeof buildSigningApp>>, body: Record<string, unknown>, lang = 'en') =>
  app.inject({ method: 'POST', url: TEST_SIGN_URL(PETITION), headers: { 'accept-language': lang }, payload: { email: 'amal@example.org', ...body } })

t.test('GET /v1/challenge issues an ALTCHA challenge, documented, never cached', async (t) => {
  const app = await buildSigningApp(t, { database: shared, config: { powMaxNumber: 5000 } })
  const response = await app.inject({ method: 'GET', url: '/v1/challenge' })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['cache-control'], 'no-store')
  const challenge = response.json()
  t.same(Object.keys(challenge).sort(), ['algorithm', 'challenge', 'maxnumber', 'salt', 'signature'])
  t.equal(challenge.algorithm, 'SHA-256')
  t.equal(challenge.maxnumber, 5000, 'difficulty comes from WEGOV_POW_MAX_NUMBER')
  t.match(challenge.salt, /\?expires=\d+&$/, 'the expiry travels in the signed salt')
  const again = (await app.inject({ method: 'GET', url: '/v1/challenge' })).json()
  t.not(again.challenge, challenge.challenge, 'every challenge is new')

  const openapi = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  const operation = openapi.paths['/v1/challenge'].get
  t.ok(operation.responses['200'].content['application/json'].schema.properties.signature)
  t.ok(operation.responses['429'], 'the rate-limit answer is documented')
})

t.test('a solution found by altcha-lib is accepted once, then refused as replayed', async (t) => {
  const app = await buildSigningApp(t, { database: shared, config: { ...POW, secret: SECRET } })
  const challenge = await fetchChallenge(app)
  const altcha = await solve(challenge)
  t.ok(await verifySolution(altcha, deriveKey(SECRET, 'pow')), "altcha-lib's own verifier accepts it too")

  const first = await sign(app, { altcha })
  t.equal(first.statusCode, 202)
  t.same(first.json(), { flag: null })

  const replay = await sign(app, { altcha, email: 'other@example.org' })
  t.equal(replay.statusCode, 400)
  t.equal(replay.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(replay.json().code, 'WEGOV_POW_REPLAYED')
})

t.test('a solution spent on one instance is refused on another sharing the database', async (t) => {
  // No WEGOV_SECRET: both instances must agree on the secret generated once and kept in the database.
  const a = await buildSigningApp(t, { database: shared, config: POW })
  const b = await buildSigningApp(t, { database: shared, config: POW })
  const altcha = await solvedAltcha(a)

  const onB = await sign(b, { altcha })
  t.equal(onB.statusCode, 202, 'a challenge issued by A is valid on B')
  const backOnA = await sign(a, { altcha })
  t.equal(backOnA.statusCode, 400)
  t.equal(backOnA.json().code, 'WEGOV_POW_REPLAYED')
  t.equal((await sign(b, { altcha })).json().code, 'WEGOV_POW_REPLAYED')
})

t.test('missing, malformed, tampered, forged and expired solutions are refused', async (t) => {
  const app = await buildSigningApp(t, { database: shared, config: { ...POW, secret: SECRET } })

  const missing = await sign(app, {}, 'ar')
  t.equal(missing.statusCode, 400)
  t.equal(missing.json().code, 'WEGOV_POW_REQUIRED')
  t.equal(missing.json().lang, 'ar')
  t.equal(missing.json().detail, 'يرجى إكمال خطوة التحقق من مكافحة الرسائل المزعجة قبل التوقيع.')
  t.equal((await sign(app, { altcha: '' })).json().code, 'WEGOV_POW_REQUIRED')

  for (const garbage of ['not base64 at all!', Buffer.from('[1,2]').toString('base64'), Buffer.from('{"number":1}').toString('base64'), 'x'.repeat(5000)]) {
    const response = await sign(app, { altcha: garbage })
    t.equal(response.statusCode, 400, `garbage ${garbage.slice(0, 12)} is a 400`)
    t.equal(response.json().code, 'WEGOV_POW_INVALID')
  }

  const challenge = await fetchChallenge(app)
  const solved = JSON.parse(Buffer.from(await solve(challenge), 'base64').toString())
  const tampered = [
    { ...solved, number: solved.number + 1 },
    { ...solved, signature: 'f'.repeat(64) },
    // Pushing the expiry forward changes the salt, which no longer matches the signed challenge.
    { ...solved, salt: solved.salt.replace(/expires=\d+/, 'expires=9999999999') },
    { ...solved, algorithm: 'SHA-1' },
  ]
  for (const payload of tampered) {
    const response = await sign(app, { altcha: encodeAltcha(payload) })
    t.equal(response.json().code, 'WEGOV_POW_INVALID')
  }

  const powKey = deriveKey(SECRET, 'pow')
  const forged = await createChallenge({ hmacKey: 'not-the-server-key', maxnumber: 10, number: 3, expires: new Date(Date.now() + 60_000) })
  t.equal((await sign(app, { altcha: encodeAltcha({ ...forged, number: 3 }) })).json().code, 'WEGOV_POW_INVALID', 'signed with another key')

  const expired = await createChallenge({ hmacKey: powKey, maxnumber: 10, number: 3, expires: new Date(Date.now() - 1000) })
  t.equal((await sign(app, { altcha: encodeAltcha({ ...expired, number: 3 }) })).json().code, 'WEGOV_POW_INVALID', 'expired')

  const noExpiry = await createChallenge({ hmacKey: powKey, maxnumber: 10, number: 3 })
  t.equal((await sign(app, { altcha: encodeAltcha({ ...noExpiry, number: 3 }) })).json().code, 'WEGOV_POW_INVALID', 'without expiry')

  // The untouched solution still works: the refusals above were about the tampering, and spent nothing.
  t.equal((await sign(app, { altcha: encodeAltcha(solved) })).statusCode, 202)
})

t.test('WEGOV_SECRET must be long enough', async (t) => {
  await t.rejects(buildApp({ config: testConfig({ secret: 'short' }), database: shared, logger: false }), /at least 32 characters/)
})

t.test('WEGOV_POW=off skips the proof of work outside production, and is refused in production', async (t) => {
  const app = await buildSigningApp(t, { database: shared, config: { pow: false } })
  t.equal((await sign(app, {})).statusCode, 202)
  t.equal(app.abuse.settings.pow, false)

  for (const unsafe of [{ pow: false }, { rateLimit: false }]) {
    await t.rejects(
      buildApp({ config: testConfig({ production: true, ...unsafe }), database: shared, logger: false }),
      /refused in production.*WEGOV_FORCE_UNSAFE=1/,
    )
    const forced = await buildApp({ config: testConfig({ production: true, forceUnsafe: true, ...unsafe }), database: shared, logger: false })
    t.teardown(() => forced.close())
    await forced.ready()
    t.pass(`forced start with ${Object.keys(unsafe)[0]} off`)
  }
  const safe = await buildApp({ config: testConfig({ production: true }), database: shared, logger: false })
  t.teardown(() => safe.close())
  await safe.ready()
})

import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { signIn } from './helpers/accounts.js'
import { SoftAuthenticator } from './helpers/soft-authenticator.js'
import { buildTestApp } from './helpers/test-app.js'

/**
 * Passkeys through HTTP: registering, listing, removing, signing in, and every way an answer is refused.
 * The authenticator is a software one (test/helpers/soft-authenticator.ts) answering the real challenges;
 * e2e-passkeys.test.ts does the same with Chromium's virtual authenticator.
 */
const ORIGIN = 'http://localhost'
// app.inject() sends Host: localhost:80, which an Origin of http://localhost does not match literally (csrf.ts).
const FROM_WEGOV = { origin: ORIGIN, host: 'localhost' }

interface Options {
  challengeId: string
  options: { challenge: string; rp: { id?: string }; user: { id: string }; rpId?: string; excludeCredentials?: { id: string }[] }
}

async function registrationOptions(app: FastifyInstance, cookie: string): Promise<Options> {
  const res = await app.inject({ method: 'POST', url: '/v1/me/passkeys/options', headers: { ...FROM_WEGOV, cookie } })
  if (res.statusCode !== 200) throw new Error(`options: ${res.statusCode} ${res.body}`)
  return res.json()
}

async function register(app: FastifyInstance, cookie: string, authenticator: SoftAuthenticator, name = 'My phone') {
  const { challengeId, options } = await registrationOptions(app, cookie)
  return app.inject({ method: 'POST', url: '/v1/me/passkeys', headers: { ...FROM_WEGOV, cookie }, payload: { challengeId, name, response: authenticator.register(options) } })
}

async function signInOptions(app: FastifyInstance): Promise<Options> {
  const res = await app.inject({ method: 'POST', url: '/v1/auth/passkey/options', headers: FROM_WEGOV })
  if (res.statusCode !== 200) throw new Error(`options: ${res.statusCode} ${res.body}`)
  return res.json()
}

const verify = (app: FastifyInstance, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/auth/passkey/verify', headers: { ...FROM_WEGOV, ...headers }, payload: payload as object })

function problem(t: Test, res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) {
  t.equal(res.statusCode, status, `${code}: status ${status}`)
  t.match(res.headers['content-type'], /^application\/problem\+json/, `${code}: problem+json`)
  t.equal((res.json() as { code: string }).code, code)
}

async function changes(app: FastifyInstance, action: string) {
  return app.db.selectFrom('change_log').select(['subject_id', 'actor_person_id', 'before', 'after']).where('action', '=', action).orderBy('id').execute()
}

t.test('a person registers a passkey, then signs in with it without an address', async (t) => {
  const app = await buildTestApp(t)
  const cookie = await signIn(app, 'Amel@Example.org')
  const authenticator = new SoftAuthenticator(ORIGIN)

  const { challengeId, options } = await registrationOptions(app, cookie)
  t.equal(options.rp.id, 'localhost', 'the relying party is the public URL’s host')
  t.same(options.excludeCredentials, [], 'nothing to exclude yet')
  t.match(options, { authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' } }, 'a discoverable credential, verification preferred')
  const added = await app.inject({
    method: 'POST',
    url: '/v1/me/passkeys',
    headers: { ...FROM_WEGOV, cookie },
    payload: { challengeId, name: '  Laptop  ', response: authenticator.register(options) },
  })
  t.equal(added.statusCode, 201, added.body)
  t.match(added.json(), { id: authenticator.id, name: 'Laptop', lastUsedAt: null })

  const listed = await app.inject({ method: 'GET', url: '/v1/me/passkeys', headers: { cookie } })
  t.same(listed.json().items.map((p: { id: string }) => p.id), [authenticator.id])
  t.equal(listed.headers['cache-control'], 'no-store', 'a personal list is never cached')
  const again = await registrationOptions(app, cookie)
  t.same(again.options.excludeCredentials?.map((c) => c.id), [authenticator.id], 'the next registration excludes it')
  const person = await app.db.selectFrom('people').select('id').where('email', '=', 'amel@example.org').executeTakeFirstOrThrow()
  t.match(await changes(app, 'passkey.added'), [{ subject_id: authenticator.id, actor_person_id: person.id, after: { name: 'Laptop' } }], 'the change log has passkey.added')

  const signInChallenge = await signInOptions(app)
  t.equal(signInChallenge.options.rpId, 'localhost')
  const res = await verify(app, { challengeId: signInChallenge.challengeId, response: authenticator.authenticate(signInChallenge.options) })
  t.equal(res.statusCode, 200, res.body)
  t.match(res.json(), { id: person.id, email: 'amel@example.org', name: '', platformRole: null, memberships: [] }, 'the same account as GET /v1/me')
  const setCookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${app.auth.cookie.name}=`))
  t.ok(setCookie, 'the answer sets the session cookie')
  t.match(setCookie, /HttpOnly/i)
  const session = setCookie!.split(';')[0]!
  const mine = await app.inject({ method: 'GET', url: '/v1/me/passkeys', headers: { cookie: session } })
  t.equal(mine.statusCode, 200, 'the new session works')
  t.not(mine.json().items[0].lastUsedAt, null, 'last use is recorded')
  const stored = await app.db.selectFrom('passkeys').select('counter').where('id', '=', authenticator.id).executeTakeFirstOrThrow()
  t.equal(Number(stored.counter), 1, 'the signature counter moved on')
  const sessions = await app.db.selectFrom('sessions').select('method').where('person_id', '=', person.id).execute()
  t.ok(sessions.some((s) => s.method === 'passkey'), 'a passkey session row')
  t.match(
    (await changes(app, 'person.signed_in')).filter((change) => (change.after as { method?: string } | null)?.method === 'passkey'),
    [{ subject_id: person.id, actor_person_id: person.id }],
    'the change log has the passkey sign-in (after the first one, by code)',
  )

  // The same answer again: its challenge was spent with the counter update.
  const replay = await verify(app, { challengeId: signInChallenge.challengeId, response: authenticator.authenticate(signInChallenge.options, { counter: 5 }) })
  problem(t, replay, 410, 'WEGOV_PASSKEY_CHALLENGE_EXPIRED')
})

t.test('sign-in answers that are refused', async (t) => {
  const app = await buildTestApp(t)
  const cookie = await signIn(app, 'samir@example.org')
  const authenticator = new SoftAuthenticator(ORIGIN)
  t.equal((await register(app, cookie, authenticator)).statusCode, 201)

  t.test('an expired challenge: 410, and it is gone', async (t) => {
    const { challengeId, options } = await signInOptions(app)
    await app.db.updateTable('webauthn_challenges').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', challengeId).execute()
    problem(t, await verify(app, { challengeId, response: authenticator.authenticate(options) }), 410, 'WEGOV_PASSKEY_CHALLENGE_EXPIRED')
    t.equal((await app.db.selectFrom('webauthn_challenges').select('id').where('id', '=', challengeId).execute()).length, 0)
  })

  t.test('one answer sent twice at once opens one session', async (t) => {
    const { challengeId, options } = await signInOptions(app)
    const payload = { challengeId, response: authenticator.authenticate(options) }
    const answers = await Promise.all([verify(app, payload), verify(app, payload)])
    t.same(answers.map((res) => res.statusCode).sort(), [200, 410])
  })

  t.test('an unknown challenge id: 410', async (t) => {
    const { options } = await signInOptions(app)
    problem(t, await verify(app, { challengeId: '00000000-0000-4000-8000-000000000000', response: authenticator.authenticate(options) }), 410, 'WEGOV_PASSKEY_CHALLENGE_EXPIRED')
  })

  t.test('a passkey WeGov does not know: 400, in the reader’s language, and the challenge is spent', async (t) => {
    const { challengeId, options } = await signInOptions(app)
    const stranger = new SoftAuthenticator(ORIGIN)
    const res = await verify(app, { challengeId, response: stranger.authenticate(options) }, { 'accept-language': 'ar' })
    problem(t, res, 400, 'WEGOV_PASSKEY_INVALID')
    t.match(res.json(), { lang: 'ar', detail: /مفتاح المرور/ })
    problem(t, await verify(app, { challengeId, response: authenticator.authenticate(options) }), 410, 'WEGOV_PASSKEY_CHALLENGE_EXPIRED')
  })

  t.test('an answer signed for another origin or another relying party: 400', async (t) => {
    const first = await signInOptions(app)
    problem(t, await verify(app, { challengeId: first.challengeId, response: authenticator.authenticate(first.options, { origin: 'https://evil.example' }) }), 400, 'WEGOV_PASSKEY_INVALID')
    const second = await signInOptions(app)
    problem(t, await verify(app, { challengeId: second.challengeId, response: authenticator.authenticate(second.options, { rpId: 'evil.example' }) }), 400, 'WEGOV_PASSKEY_INVALID')
  })

  t.test('an answer to another challenge: 400', async (t) => {
    const first = await signInOptions(app)
    const second = await signInOptions(app)
    problem(t, await verify(app, { challengeId: first.challengeId, response: authenticator.authenticate(second.options) }), 400, 'WEGOV_PASSKEY_INVALID')
  })

  t.test('a signature counter that goes back (a cloned authenticator): 400', async (t) => {
    const ok = await signInOptions(app)
    t.equal((await verify(app, { challengeId: ok.challengeId, response: authenticator.authenticate(ok.options, { counter: 10 }) })).statusCode, 200)
    const cloned = await signInOptions(app)
    problem(t, await verify(app, { challengeId: cloned.challengeId, response: authenticator.authenticate(cloned.options, { counter: 3 }) }), 400, 'WEGOV_PASSKEY_INVALID')
  })

  t.test('a badly shaped answer: 400 WEGOV_VALIDATION (an unknown member: WEGOV_UNKNOWN_PARAMETER); a well shaped one with garbage inside: 400 WEGOV_PASSKEY_INVALID', async (t) => {
    const { challengeId, options } = await signInOptions(app)
    const response = authenticator.authenticate(options)
    const { signature: _, ...withoutSignature } = response.response
    problem(t, await verify(app, { challengeId, response: { ...response, response: withoutSignature } }), 400, 'WEGOV_VALIDATION')
    problem(t, await verify(app, { challengeId, response, extra: true }), 400, 'WEGOV_UNKNOWN_PARAMETER')
    problem(t, await verify(app, { challengeId: 'not-a-uuid', response }), 400, 'WEGOV_VALIDATION')
    const garbage = { ...response, response: { ...response.response, authenticatorData: 'AAAA', signature: 'AAAA' } }
    problem(t, await verify(app, { challengeId, response: garbage }), 400, 'WEGOV_PASSKEY_INVALID')
  })
})

t.test('registration answers that are refused', async (t) => {
  const app = await buildTestApp(t)
  const cookie = await signIn(app, 'leila@example.org')
  const other = await signIn(app, 'omar@example.org')

  t.test('a used or expired registration challenge: 410', async (t) => {
    const authenticator = new SoftAuthenticator(ORIGIN)
    const { challengeId, options } = await registrationOptions(app, cookie)
    const payload = { challengeId, name: 'Key', response: authenticator.register(options) }
    t.equal((await app.inject({ method: 'POST', url: '/v1/me/passkeys', headers: { ...FROM_WEGOV, cookie }, payload })).statusCode, 201)
    problem(t, await app.inject({ method: 'POST', url: '/v1/me/passkeys', headers: { ...FROM_WEGOV, cookie }, payload }), 410, 'WEGOV_PASSKEY_CHALLENGE_EXPIRED')

    const late = await registrationOptions(app, cookie)
    await app.db.updateTable('webauthn_challenges').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', late.challengeId).execute()
    const lateKey = new SoftAuthenticator(ORIGIN)
    const res = await app.inject({ method: 'POST', url: '/v1/me/passkeys', headers: { ...FROM_WEGOV, cookie }, payload: { challengeId: late.challengeId, name: 'Late', response: lateKey.register(late.options) } })
    problem(t, res, 410, 'WEGOV_PASSKEY_CHALLENGE_EXPIRED')
  })

  t.test('another person’s registration challenge: 410, and theirs still works', async (t) => {
    const authenticator = new SoftAuthenticator(ORIGIN)
    const { challengeId, options } = await registrationOptions(app, other)
    const payload = { challengeId, name: 'Key', response: authenticator.register(options) }
    problem(t, await app.inject({ method: 'POST', url: '/v1/me/passkeys', headers: { ...FROM_WEGOV, cookie }, payload }), 410, 'WEGOV_PASSKEY_CHALLENGE_EXPIRED')
    t.equal((await app.inject({ method: 'POST', url: '/v1/me/passkeys', headers: { ...FROM_WEGOV, cookie: other }, payload })).statusCode, 201)
  })

  t.test('an answer made on another origin, or a credential already registered: 400', async (t) => {
    const authenticator = new SoftAuthenticator(ORIGIN)
    const { challengeId, options } = await registrationOptions(app, cookie)
    const res = await app.inject({ method: 'POST', url: '/v1/me/passkeys', headers: { ...FROM_WEGOV, cookie }, payload: { challengeId, name: 'Key', response: authenticator.register(options, { origin: 'https://evil.example' }) } })
    problem(t, res, 400, 'WEGOV_PASSKEY_INVALID')
    t.equal((await register(app, cookie, authenticator)).statusCode, 201)
    problem(t, await register(app, cookie, authenticator), 400, 'WEGOV_PASSKEY_INVALID')
  })

  t.test('a name that is blank, a body that is not the answer: 400 WEGOV_VALIDATION', async (t) => {
    const { challengeId, options } = await registrationOptions(app, cookie)
    const response = new SoftAuthenticator(ORIGIN).register(options)
    for (const payload of [{ challengeId, name: '   ', response }, { challengeId, name: 'Key', response: { ...response, type: 'password' } }, { challengeId, name: 'Key' }]) {
      problem(t, await app.inject({ method: 'POST', url: '/v1/me/passkeys', headers: { ...FROM_WEGOV, cookie }, payload }), 400, 'WEGOV_VALIDATION')
    }
  })
})

t.test('passkeys are one’s own: anonymous callers get 401, another person’s passkey is unknown', async (t) => {
  const app = await buildTestApp(t)
  const owner = await signIn(app, 'nour@example.org')
  const intruder = await signIn(app, 'karim@example.org')
  const authenticator = new SoftAuthenticator(ORIGIN)
  t.equal((await register(app, owner, authenticator)).statusCode, 201)

  for (const [method, url] of [
    ['POST', '/v1/me/passkeys/options'],
    ['POST', '/v1/me/passkeys'],
    ['GET', '/v1/me/passkeys'],
    ['DELETE', `/v1/me/passkeys/${authenticator.id}`],
  ] as const) {
    // No body at all: the 401 comes before any validation.
    problem(t, await app.inject({ method, url, headers: FROM_WEGOV }), 401, 'WEGOV_UNAUTHENTICATED')
  }

  problem(t, await app.inject({ method: 'DELETE', url: `/v1/me/passkeys/${authenticator.id}`, headers: { ...FROM_WEGOV, cookie: intruder } }), 404, 'WEGOV_NOT_FOUND')
  t.same((await app.inject({ method: 'GET', url: '/v1/me/passkeys', headers: { cookie: intruder } })).json(), { items: [] }, 'the intruder sees none')
  t.equal((await app.inject({ method: 'GET', url: '/v1/me/passkeys', headers: { cookie: owner } })).json().items.length, 1, 'the owner’s passkey is still there')

  const removed = await app.inject({ method: 'DELETE', url: `/v1/me/passkeys/${authenticator.id}`, headers: { ...FROM_WEGOV, cookie: owner } })
  t.equal(removed.statusCode, 204)
  t.match(await changes(app, 'passkey.removed'), [{ subject_id: authenticator.id, before: { id: authenticator.id, name: 'My phone' } }], 'the change log has passkey.removed')
  problem(t, await app.inject({ method: 'DELETE', url: `/v1/me/passkeys/${authenticator.id}`, headers: { ...FROM_WEGOV, cookie: owner } }), 404, 'WEGOV_NOT_FOUND')
  const { challengeId, options } = await signInOptions(app)
  problem(t, await verify(app, { challengeId, response: authenticator.authenticate(options) }), 400, 'WEGOV_PASSKEY_INVALID')
})

t.test('passkey POSTs are rate limited', async (t) => {
  const app = await buildTestApp(t)
  let last = 0
  for (let i = 0; i < 61; i++) last = (await app.inject({ method: 'POST', url: '/v1/auth/passkey/options' })).statusCode
  t.equal(last, 429, 'the 61st sign-in options request in a minute is refused')
})

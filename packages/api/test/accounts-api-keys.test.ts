import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { buildApp } from '../src/app.js'
import { deleteContent } from '../src/content/content-store.js'
import { AUTH_CHANNEL } from '../src/domains/accounts/authenticator.js'
import { ORGANISATIONS, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { signIn } from './helpers/accounts.js'
import { grantMembership, grantPlatformRole, organisationIdOf, personIdOf } from './helpers/roles.js'
import { buildTestApp, openTestDatabase, testConfig } from './helpers/test-app.js'

/** What the console sends with a cookie write: its own origin (inject's Host is localhost:80). */
const SAME_ORIGIN = { origin: 'http://localhost' }
const UUID = '00000000-0000-4000-8000-000000000000'

interface ApiKey {
  id: string
  name: string
  prefix: string
  scopes: string[]
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
  createdBy: { id: string; name: string } | null
  secret?: string
}

async function setUp(t: Test) {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  const app = await buildTestApp(t, { database })
  const orgA = await organisationIdOf(app, ORGANISATIONS.ngo)
  const orgB = await organisationIdOf(app, ORGANISATIONS.funder)
  const owner = await signIn(app, 'owner-a@example.org')
  await grantMembership(app, 'owner-a@example.org', orgA, 'owner')
  await app.db.updateTable('people').set({ name: 'Amal Owner' }).where('email', '=', 'owner-a@example.org').execute()
  const ownerB = await signIn(app, 'owner-b@example.org')
  await grantMembership(app, 'owner-b@example.org', orgB, 'owner')
  return { database, app, orgA, orgB, owner, ownerB }
}

function createKey(app: FastifyInstance, cookie: string, organisationId: string, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: `/v1/organisations/${organisationId}/api-keys`, headers: { cookie, ...SAME_ORIGIN, ...headers }, payload: body as object })
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` })

t.test('an owner creates a key: the secret is shown once, only its hash is kept, and the change log says so without it', async (t) => {
  const { app, orgA, owner } = await setUp(t)
  const res = await createKey(app, owner, orgA, { name: 'Site de la municipalité', scopes: ['content:write', 'drafts:read', 'content:write'] })
  t.equal(res.statusCode, 201)
  t.equal(res.headers['cache-control'], 'no-store', 'a secret is never cached')
  const key = res.json() as ApiKey
  t.match(key.secret, /^wgk_[A-Za-z0-9_-]{43}$/, '256 random bits after the recognisable prefix')
  t.equal(key.prefix, key.secret!.slice(0, 12))
  t.same(key.scopes, ['content:write', 'drafts:read'], 'each scope once, in a stable order')
  t.same(key.createdBy, { id: await personIdOf(app, 'owner-a@example.org'), name: 'Amal Owner' })
  t.equal(key.lastUsedAt, null)
  t.equal(key.revokedAt, null)

  const row = await app.db.selectFrom('api_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow()
  t.equal(row.secret_hash, createHash('sha256').update(key.secret!).digest('base64url'))
  t.notOk(JSON.stringify(row).includes(key.secret!.slice(12)), 'the secret itself is nowhere in the row')

  const events = await app.db.selectFrom('change_log').selectAll().where('subject_id', '=', key.id).execute()
  t.equal(events.length, 1)
  t.match(events[0], { action: 'api_key.created', subject_type: 'api_key', organisation_id: orgA, request_id: res.headers['x-request-id'] })
  t.same(events[0]!.after, { id: key.id, name: 'Site de la municipalité', prefix: key.prefix, scopes: ['content:write', 'drafts:read'] })
  t.notOk(JSON.stringify(events[0]).includes(key.secret!.slice(12)), 'no secret in the change log')
  t.notOk(JSON.stringify(events[0]).includes(row.secret_hash), 'no hash in the change log')

  const list = await app.inject({ url: `/v1/organisations/${orgA}/api-keys`, headers: { cookie: owner } })
  t.equal(list.statusCode, 200)
  t.equal(list.headers['cache-control'], 'no-store')
  const { secret: _shownOnce, ...listed } = key
  t.same(list.json(), { items: [listed] }, 'listed without its secret')
})

t.test('a key works as a bearer token, its last use is kept, and once revoked it is refused at once', async (t) => {
  const { app, orgA, owner } = await setUp(t)
  const key = (await createKey(app, owner, orgA, { name: 'CMS', scopes: ['drafts:read'] })).json() as ApiKey

  const whoami = await app.inject({ url: '/v1/auth/whoami', headers: bearer(key.secret!) })
  t.equal(whoami.statusCode, 200)
  t.same(whoami.json(), { kind: 'key', organisationId: orgA, scopes: ['drafts:read'] })
  t.equal(whoami.headers['cache-control'], 'no-store')
  const used = ((await app.inject({ url: `/v1/organisations/${orgA}/api-keys`, headers: { cookie: owner } })).json() as { items: ApiKey[] }).items[0]!
  t.ok(used.lastUsedAt, 'last use recorded')

  const revoke = await app.inject({ method: 'DELETE', url: `/v1/organisations/${orgA}/api-keys/${key.id}`, headers: { cookie: owner, ...SAME_ORIGIN } })
  t.equal(revoke.statusCode, 204)
  t.equal(revoke.body, '')
  // The key was just resolved and is trusted for a few seconds by this instance: revocation clears that.
  const refused = await app.inject({ url: '/v1/auth/whoami', headers: bearer(key.secret!) })
  t.equal(refused.statusCode, 401)
  t.equal(refused.json().code, 'WEGOV_INVALID_API_KEY')
  t.match(refused.headers['www-authenticate'], /Bearer/)
  t.equal((await app.inject({ url: '/v1/projects', headers: bearer(key.secret!) })).statusCode, 401, 'even on a public read')

  const again = await app.inject({ method: 'DELETE', url: `/v1/organisations/${orgA}/api-keys/${key.id}`, headers: { cookie: owner, ...SAME_ORIGIN } })
  t.equal(again.statusCode, 204, 'revoking twice is harmless')
  const events = await app.db.selectFrom('change_log').select(['action', 'before', 'after']).where('subject_id', '=', key.id).orderBy('id').execute()
  t.same(events.map((e) => e.action), ['api_key.created', 'api_key.revoked'], 'the second revocation changed nothing and records nothing')
  const listed = ((await app.inject({ url: `/v1/organisations/${orgA}/api-keys`, headers: { cookie: owner } })).json() as { items: ApiKey[] }).items[0]!
  t.ok(listed.revokedAt)
  t.match(events[1], { before: { id: key.id, revokedAt: null }, after: { id: key.id, revokedAt: listed.revokedAt } })
})

t.test('a revocation reaches every instance sharing the database', async (t) => {
  const { database, app, orgA, owner } = await setUp(t)
  const other = await buildApp({ config: testConfig(), database, logger: false })
  t.teardown(() => other.close())
  await other.ready()
  const key = (await createKey(app, owner, orgA, { name: 'CMS', scopes: ['content:write'] })).json() as ApiKey
  // Subscribed after the other instance: subscribers are called in order, so when this one hears the
  // revocation, the other instance has heard it too.
  let hear: () => void
  const heard = new Promise<void>((resolve) => (hear = resolve))
  t.teardown(await database.listen(AUTH_CHANNEL, (id) => id === key.id && hear()))
  t.equal((await other.inject({ url: '/v1/auth/whoami', headers: bearer(key.secret!) })).statusCode, 200, 'the other instance now trusts the key')
  await app.inject({ method: 'DELETE', url: `/v1/organisations/${orgA}/api-keys/${key.id}`, headers: { cookie: owner, ...SAME_ORIGIN } })
  await heard
  const refused = await other.inject({ url: '/v1/auth/whoami', headers: bearer(key.secret!) })
  t.equal(refused.statusCode, 401)
})

t.test('bad input: unknown scopes, names, other organisations’ keys; nothing is half-written', async (t) => {
  const { app, orgA, orgB, owner, ownerB } = await setUp(t)
  const countKeys = async () => Number((await app.db.selectFrom('api_keys').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

  const details = new Set<string>()
  for (const lang of ['ar', 'fr', 'en']) {
    const res = await createKey(app, owner, orgA, { name: 'CMS', scopes: ['drafts:read', 'admin'] }, { 'accept-language': lang })
    t.equal(res.statusCode, 400)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(res.json(), { code: 'WEGOV_UNKNOWN_SCOPE', lang })
    details.add(res.json().detail)
  }
  t.equal(details.size, 3, 'the message in each of the three languages')

  const cases: [string, unknown, string][] = [
    ['no scope', { name: 'CMS', scopes: [] }, 'WEGOV_VALIDATION'],
    ['empty name', { name: '', scopes: ['drafts:read'] }, 'WEGOV_VALIDATION'],
    ['blank name', { name: '   ', scopes: ['drafts:read'] }, 'WEGOV_VALIDATION'],
    ['name of 101 characters', { name: 'x'.repeat(101), scopes: ['drafts:read'] }, 'WEGOV_VALIDATION'],
    ['no name', { scopes: ['drafts:read'] }, 'WEGOV_VALIDATION'],
    ['a field of its own', { name: 'CMS', scopes: ['drafts:read'], organisationId: orgB }, 'WEGOV_UNKNOWN_PARAMETER'],
  ]
  for (const [what, body, code] of cases) {
    const res = await createKey(app, owner, orgA, body)
    t.equal(res.statusCode, 400, what)
    t.equal(res.json().code, code, what)
  }
  t.equal(await countKeys(), 0, 'no key was written by a refused request')
  t.equal((await createKey(app, owner, orgA, { name: 'é'.repeat(100), scopes: ['drafts:read'] })).statusCode, 201, '100 characters is fine')

  // A key of B, reached through A's path by A's owner: not found, and still working.
  const keyB = (await createKey(app, ownerB, orgB, { name: 'B', scopes: ['drafts:read'] })).json() as ApiKey
  const crossed = await app.inject({ method: 'DELETE', url: `/v1/organisations/${orgA}/api-keys/${keyB.id}`, headers: { cookie: owner, ...SAME_ORIGIN } })
  t.equal(crossed.statusCode, 404)
  t.equal(crossed.json().code, 'WEGOV_NOT_FOUND')
  t.equal((await app.inject({ url: '/v1/auth/whoami', headers: bearer(keyB.secret!) })).statusCode, 200, 'B’s key still works')
  const unknown = await app.inject({ method: 'DELETE', url: `/v1/organisations/${orgA}/api-keys/${UUID}`, headers: { cookie: owner, ...SAME_ORIGIN } })
  t.equal(unknown.statusCode, 404)
  const notUuid = await app.inject({ method: 'DELETE', url: `/v1/organisations/${orgA}/api-keys/not-a-key`, headers: { cookie: owner, ...SAME_ORIGIN } })
  t.equal(notUuid.statusCode, 400)
  t.same(
    ((await app.inject({ url: `/v1/organisations/${orgB}/api-keys`, headers: { cookie: ownerB } })).json() as { items: ApiKey[] }).items.map((k) => k.id),
    [keyB.id],
    'each organisation lists its own keys only',
  )
  // Its last character changed to another one (a fixed 'A' would be the same key whenever the secret ends in A).
  const secretB = keyB.secret!
  const wrongKey = await app.inject({ url: '/v1/auth/whoami', headers: bearer(`${secretB.slice(0, -1)}${secretB.endsWith('A') ? 'B' : 'A'}`) })
  t.equal(wrongKey.statusCode, 401, 'a secret one character off is unknown')
})

t.test('admins manage any organisation’s keys; an unknown organisation is 404, a deleted one gets no new key', async (t) => {
  const { database, app, orgA } = await setUp(t)
  const admin = await signIn(app, 'admin@example.org')
  await grantPlatformRole(app, 'admin@example.org', 'admin')
  t.equal((await createKey(app, admin, orgA, { name: 'By Jamaity', scopes: ['drafts:read'] })).statusCode, 201)
  const unknown = await createKey(app, admin, UUID, { name: 'x', scopes: ['drafts:read'] })
  t.equal(unknown.statusCode, 404)
  t.equal((await app.inject({ url: `/v1/organisations/${UUID}/api-keys`, headers: { cookie: admin } })).statusCode, 404)
  const network = await organisationIdOf(app, ORGANISATIONS.network)
  await deleteContent(database.db, 'organisation', network)
  const gone = await createKey(app, admin, network, { name: 'x', scopes: ['drafts:read'] })
  t.equal(gone.statusCode, 410)
  t.equal(gone.json().code, 'WEGOV_GONE')
})

t.test('whoami: anonymous, a person, a key', async (t) => {
  const { app, orgA, owner } = await setUp(t)
  const anonymous = await app.inject({ url: '/v1/auth/whoami' })
  t.same(anonymous.json(), { kind: 'anonymous' })
  t.equal(anonymous.headers['cache-control'], 'no-store')
  const person = await app.inject({ url: '/v1/auth/whoami', headers: { cookie: owner } })
  t.same(person.json(), { kind: 'person', personId: await personIdOf(app, 'owner-a@example.org') })
  const key = (await createKey(app, owner, orgA, { name: 'CMS', scopes: ['content:write', 'drafts:read'] })).json() as ApiKey
  t.same((await app.inject({ url: '/v1/auth/whoami', headers: bearer(key.secret!) })).json(), { kind: 'key', organisationId: orgA, scopes: ['content:write', 'drafts:read'] })
  const malformed = await app.inject({ url: '/v1/auth/whoami', headers: { authorization: 'Bearer not-a-wegov-key' } })
  t.equal(malformed.statusCode, 401)
  t.equal(malformed.json().code, 'WEGOV_INVALID_API_KEY')
})

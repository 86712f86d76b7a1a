import t from 'tap'
import { recordChange } from '../src/domains/changes/change-log.js'
import { ORGANISATIONS, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { signIn } from './helpers/accounts.js'
import { grantMembership, grantPlatformRole, organisationIdOf, personIdOf } from './helpers/roles.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

const SAME_ORIGIN = 'http://localhost'

interface AuditEvent {
  id: string
  at: string
  action: string
  subjectType: string
  subjectId: string
  organisation: { id: string; name: { text: string; lang: string; dir: string; fallback: boolean } | null } | null
  actor: { kind: 'person'; id: string; name: string; email: string | null } | { kind: 'key'; id: string; name: string; prefix: string } | null
  requestId: string | null
  before: unknown
  after: unknown
}
interface AuditPage {
  items: AuditEvent[]
  nextCursor: string | null
}

/**
 * Organisation A's owner makes and revokes keys, B's owner makes one, a key of A records a change: the audit
 * log shows each, to admins all of it, to an owner their organisation's.
 */
t.test('the audit log: what, who, where, before and after; filters and pages; admins and owners', async (t) => {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  const app = await buildTestApp(t, { database })
  const orgA = await organisationIdOf(app, ORGANISATIONS.ngo)
  const orgB = await organisationIdOf(app, ORGANISATIONS.funder)
  const admin = await signIn(app, 'admin@example.org')
  await grantPlatformRole(app, 'admin@example.org', 'admin')
  const ownerA = await signIn(app, 'owner-a@example.org')
  await grantMembership(app, 'owner-a@example.org', orgA, 'owner')
  await app.db.updateTable('people').set({ name: 'Amal' }).where('email', '=', 'owner-a@example.org').execute()
  const ownerB = await signIn(app, 'owner-b@example.org')
  await grantMembership(app, 'owner-b@example.org', orgB, 'owner')
  const ownerAId = await personIdOf(app, 'owner-a@example.org')
  const ownerBId = await personIdOf(app, 'owner-b@example.org')

  const requestIds: string[] = []
  const createKey = async (cookie: string, organisationId: string, name: string) => {
    const res = await app.inject({ method: 'POST', url: `/v1/organisations/${organisationId}/api-keys`, headers: { cookie, origin: SAME_ORIGIN }, payload: { name, scopes: ['content:write'] } })
    t.equal(res.statusCode, 201)
    requestIds.push(String(res.headers['x-request-id']))
    return res.json() as { id: string; prefix: string; secret: string }
  }
  const first = await createKey(ownerA, orgA, 'first')
  const second = await createKey(ownerA, orgA, 'second')
  const revoke = await app.inject({ method: 'DELETE', url: `/v1/organisations/${orgA}/api-keys/${first.id}`, headers: { cookie: ownerA, origin: SAME_ORIGIN } })
  t.equal(revoke.statusCode, 204)
  await createKey(ownerB, orgB, 'of B')
  // No route lets a key write yet (the publishing issue adds them); its change is recorded as theirs will be.
  await recordChange(app.db, { id: 'req-key', actor: { kind: 'key', keyId: second.id, organisationId: orgA, scopes: new Set(['content:write'] as const) } }, {
    action: 'organisation.updated',
    subjectType: 'organisation',
    subjectId: orgA,
    organisationId: orgA,
    before: { website: null },
    after: { website: 'https://a.example' },
  })

  const read = async (url: string, cookie = admin) => {
    const res = await app.inject({ url, headers: { cookie } })
    t.equal(res.statusCode, 200, url)
    t.equal(res.headers['cache-control'], 'no-store', `${url} is never cached`)
    return res.json() as AuditPage
  }

  // Signing the test's people in is recorded too (person.signed_in): this test is about what came after.
  const everything = await read('/v1/audit?lang=en')
  const all = { ...everything, items: everything.items.filter((e) => e.action !== 'person.signed_in') }
  t.ok(everything.items.some((e) => e.action === 'person.signed_in'), 'sign-ins are in the audit too')
  t.same(
    all.items.map((e) => e.action),
    ['organisation.updated', 'api_key.created', 'api_key.revoked', 'api_key.created', 'api_key.created'],
    'newest first',
  )
  t.equal(all.nextCursor, null)
  const [byKey, createdInB, revoked, createdSecond, createdFirst] = all.items
  t.match(createdFirst, {
    action: 'api_key.created',
    subjectType: 'api_key',
    subjectId: first.id,
    organisation: { id: orgA, name: { text: 'جمعية الحوكمة المحلية', lang: 'ar', dir: 'rtl', fallback: true } },
    actor: { kind: 'person', id: ownerAId, name: 'Amal', email: 'owner-a@example.org' },
    requestId: requestIds[0],
    before: null,
    after: { id: first.id, name: 'first', prefix: first.prefix, scopes: ['content:write'] },
  })
  t.match(createdSecond, { subjectId: second.id, requestId: requestIds[1] })
  t.match(revoked, { subjectId: first.id, before: { revokedAt: null }, after: { revokedAt: String } })
  t.match(createdInB, { organisation: { id: orgB, name: { text: 'Jasmine Foundation', fallback: false } }, actor: { id: ownerBId } })
  t.same(byKey!.actor, { kind: 'key', id: second.id, name: 'second', prefix: second.prefix })
  t.notOk(JSON.stringify(all).includes(first.secret.slice(12)), 'no secret anywhere in the audit')
  t.ok(all.items.every((e) => !Number.isNaN(Date.parse(e.at))))

  // Filters.
  const ids = (page: AuditPage) => page.items.filter((e) => e.action !== 'person.signed_in').map((e) => e.id)
  t.same(ids(await read('/v1/audit?action=api_key.revoked')), [revoked!.id])
  t.same(ids(await read(`/v1/audit?actor=${ownerBId}`)), [createdInB!.id])
  t.same(ids(await read(`/v1/audit?organisation=${orgB}`)), [createdInB!.id])
  t.same(ids(await read(`/v1/audit?organisation=${orgA}&action=api_key.created`)), [createdSecond!.id, createdFirst!.id])
  // since is included and until excluded, to the millisecond the API shows.
  const since = revoked!.at
  t.same(ids(await read(`/v1/audit?since=${since}`)), all.items.filter((e) => e.at >= since).map((e) => e.id))
  t.ok(ids(await read(`/v1/audit?since=${since}`)).includes(revoked!.id))
  t.same(ids(await read(`/v1/audit?until=${since}`)), all.items.filter((e) => e.at < since).map((e) => e.id))
  t.same(ids(await read('/v1/audit?since=2999-01-01T00:00:00Z')), [])
  t.same(ids(await read('/v1/audit?until=1999-01-01T00:00:00Z')), [])

  // Pages of two, followed to the end, give every event once, in order.
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const page: AuditPage = await read(`/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
    t.ok(page.items.length <= 2)
    seen.push(...ids(page))
    cursor = page.nextCursor
  } while (cursor)
  t.same(seen, ids(all))

  // An owner reads their organisation's log, and nothing else.
  const ofA = await read(`/v1/organisations/${orgA}/audit`, ownerA)
  t.same(ids(ofA), [byKey!.id, revoked!.id, createdSecond!.id, createdFirst!.id])
  t.same(ids(await read(`/v1/organisations/${orgA}/audit`)), ids(ofA), 'admins read it too')
  t.same(ids(await read(`/v1/organisations/${orgA}/audit?action=api_key.created&limit=1`, ownerA)), [createdSecond!.id])
  t.same(ids(await read(`/v1/organisations/${orgB}/audit`, ownerB)), [createdInB!.id])
  for (const url of ['/v1/audit', `/v1/audit?organisation=${orgA}`, `/v1/organisations/${orgB}/audit`]) {
    const refused = await app.inject({ url, headers: { cookie: ownerA } })
    t.equal(refused.statusCode, 403, url)
    t.equal(refused.json().code, 'WEGOV_FORBIDDEN')
    t.equal(refused.headers['cache-control'], 'no-store')
  }
  const anonymous = await app.inject({ url: '/v1/audit' })
  t.equal(anonymous.statusCode, 401)
  const keyReads = await app.inject({ url: `/v1/organisations/${orgA}/audit`, headers: { authorization: `Bearer ${second.secret}` } })
  t.equal(keyReads.statusCode, 403, 'a key never reads the audit')
})

t.test('the audit log refuses bad filters with their catalogue codes', async (t) => {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  const app = await buildTestApp(t, { database })
  const admin = await signIn(app, 'admin@example.org')
  await grantPlatformRole(app, 'admin@example.org', 'admin')
  const cases: [string, number, string][] = [
    ['/v1/audit?actor=someone', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
    ['/v1/audit?since=yesterday', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
    ['/v1/audit?action=DROP%20TABLE', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
    ['/v1/audit?organisation=jamaity', 400, 'WEGOV_UNKNOWN_FILTER_VALUE'],
    ['/v1/audit?limit=101', 400, 'WEGOV_LIMIT_OUT_OF_RANGE'],
    ['/v1/audit?limit=0', 400, 'WEGOV_LIMIT_OUT_OF_RANGE'],
    ['/v1/audit?cursor=garbage', 400, 'WEGOV_BAD_CURSOR'],
    [`/v1/audit?cursor=${Buffer.from(JSON.stringify(['x'])).toString('base64url')}`, 400, 'WEGOV_BAD_CURSOR'],
    [`/v1/audit?cursor=${Buffer.from(JSON.stringify([1e300])).toString('base64url')}`, 400, 'WEGOV_BAD_CURSOR'],
    ['/v1/audit?colour=red', 400, 'WEGOV_UNKNOWN_PARAMETER'],
    ['/v1/organisations/00000000-0000-4000-8000-000000000000/audit', 404, 'WEGOV_NOT_FOUND'],
  ]
  for (const [url, status, code] of cases) {
    const res = await app.inject({ url, headers: { cookie: admin } })
    t.equal(res.statusCode, status, url)
    t.equal(res.json().code, code, url)
  }
  const clamped = await app.inject({ url: '/v1/audit?since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59Z', headers: { cookie: admin } })
  const unfiltered = await app.inject({ url: '/v1/audit', headers: { cookie: admin } })
  t.equal(clamped.statusCode, 200, 'extreme instants are clamped, not errors')
  t.same(clamped.json(), unfiltered.json(), 'and they cover everything')
})

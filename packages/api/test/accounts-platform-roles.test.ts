import t from 'tap'
import { ADMIN, addPerson, browserOf, buildAccountsApp, changes, rowCounts } from './helpers/organisation-accounts.js'

/** Platform roles: admins find people by address, make them admins or moderators, and WeGov keeps an admin. */

t.test('admins find people by address: exact match first, then those that start with it', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  await addPerson(app, 'amal@example.org', { name: 'Amal' })
  await addPerson(app, 'amal.ben@example.org')
  await addPerson(app, 'am@example.org')
  await addPerson(app, 'bilel@example.org')
  await addPerson(app, 'a_b@example.org')

  const search = async (email: string) => {
    const response = await admin.get(`/v1/people?email=${encodeURIComponent(email)}`)
    t.equal(response.statusCode, 200, email)
    return response.json().items as { id: string; email: string; name: string; platformRole: string | null }[]
  }
  t.same((await search('am')).map((p) => p.email), ['am@example.org', 'amal.ben@example.org', 'amal@example.org'])
  t.same((await search('amal@example.org')).map((p) => p.email), ['amal@example.org'], 'exact')
  t.same((await search('AMAL@Example.org')).map((p) => p.email), ['amal@example.org'], 'case does not matter')
  t.match(await search('amal@'), [{ email: 'amal@example.org', name: 'Amal', platformRole: null }])
  t.same((await search('%')).map((p) => p.email), [], 'a % is a character, not a wildcard')
  t.same((await search('a_')).map((p) => p.email), ['a_b@example.org'], 'nor is _')
  t.match(await search('admin'), [{ email: ADMIN, platformRole: 'admin' }])
  t.equal((await admin.get('/v1/people?email=')).json().code, 'WEGOV_VALIDATION', 'an empty search lists nobody')
  t.equal((await admin.get('/v1/people')).statusCode, 400)

  const citizen = await browserOf(app, 'citizen@example.org')
  t.equal((await citizen.get('/v1/people?email=am')).statusCode, 403, 'citizens cannot look people up')
  t.equal((await app.inject({ url: '/v1/people?email=am' })).statusCode, 401)
})

t.test('granting and taking back roles; the change is effective at once; the last admin stays', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const amal = await browserOf(app, 'amal@example.org')
  const role = (personId: string) => `/v1/people/${personId}/platform-role`

  t.equal((await amal.get('/v1/people?email=a')).statusCode, 403, 'a citizen first (and her session says so)')
  const moderator = await admin.put(role(amal.personId), { role: 'moderator' })
  t.equal(moderator.statusCode, 200, moderator.body)
  t.same(moderator.json(), { id: amal.personId, email: 'amal@example.org', name: '', platformRole: 'moderator' })
  t.equal((await amal.get('/v1/people?email=a')).statusCode, 403, 'a moderator does not manage roles')
  t.equal((await amal.put(role(admin.personId), { role: null })).statusCode, 403)

  t.equal((await admin.put(role(amal.personId), { role: 'admin' })).json().platformRole, 'admin')
  t.equal((await amal.get('/v1/people?email=a')).statusCode, 200, 'her very next request is an admin’s: no stale session')
  t.match(await changes(app, 'platform_role.granted'), [
    { subject_type: 'person', subject_id: amal.personId, actor_person_id: admin.personId, before: { platformRole: null }, after: { platformRole: 'moderator' } },
    { subject_id: amal.personId, before: { platformRole: 'moderator' }, after: { platformRole: 'admin' } },
  ])
  const same = await admin.put(role(amal.personId), { role: 'admin' })
  t.equal(same.statusCode, 200)
  t.equal((await changes(app, 'platform_role.granted')).length, 2, 'granting a role already held records nothing')

  // Two admins: one may step down. Then the other is the last one.
  t.equal((await amal.put(role(admin.personId), { role: null })).json().platformRole, null)
  t.match(await changes(app, 'platform_role.revoked'), [{ subject_id: admin.personId, actor_person_id: amal.personId, before: { platformRole: 'admin' }, after: { platformRole: null } }])
  t.equal((await admin.get('/v1/people?email=a')).statusCode, 403, 'the former admin loses the role at once')

  const before = await rowCounts(app)
  const last = await amal.put(role(amal.personId), { role: null })
  t.equal(last.statusCode, 409)
  t.equal(last.json().code, 'WEGOV_LAST_ADMIN')
  const demoted = await amal.put(role(amal.personId), { role: 'moderator' })
  t.equal(demoted.json().code, 'WEGOV_LAST_ADMIN', 'not even to moderator')
  t.same(await rowCounts(app), before, 'nothing written')
  t.equal((await amal.get('/v1/people?email=a')).statusCode, 200, 'still an admin')
})

t.test('two admins stepping down at the same moment: one is refused, WeGov keeps an admin', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  await addPerson(app, 'second.admin@example.org', { platformRole: 'admin' })
  const second = await browserOf(app, 'second.admin@example.org')
  const answers = await Promise.all([admin.put(`/v1/people/${admin.personId}/platform-role`, { role: null }), second.put(`/v1/people/${second.personId}/platform-role`, { role: null })])
  t.same(answers.map((a) => a.statusCode).sort(), [200, 409])
  t.equal(answers.find((a) => a.statusCode === 409)?.json().code, 'WEGOV_LAST_ADMIN')
  const admins = await app.db.selectFrom('people').select('id').where('platform_role', '=', 'admin').execute()
  t.equal(admins.length, 1)
})

t.test('bad role requests', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const someone = await addPerson(app, 'someone@example.org')
  const url = `/v1/people/${someone}/platform-role`
  const cases: [string, string, unknown, number, string][] = [
    ['a role that does not exist', url, { role: 'superuser' }, 400, 'WEGOV_UNKNOWN_ROLE'],
    ['an organisation role', url, { role: 'owner' }, 400, 'WEGOV_UNKNOWN_ROLE'],
    ['no role at all', url, {}, 400, 'WEGOV_VALIDATION'],
    ['an unknown person', '/v1/people/00000000-0000-4000-8000-000000000000/platform-role', { role: 'moderator' }, 404, 'WEGOV_NOT_FOUND'],
    ['a malformed id', '/v1/people/someone/platform-role', { role: 'moderator' }, 400, 'WEGOV_INVALID_ID'],
  ]
  for (const [name, target, body, status, code] of cases) {
    const response = await admin.put(target, body)
    t.equal(response.statusCode, status, `${name}: ${response.body}`)
    t.equal(response.json().code, code, name)
  }
  const crossSite = await app.inject({ method: 'PUT', url, payload: { role: 'admin' }, headers: { cookie: admin.cookie, origin: 'https://evil.example', host: 'localhost' } })
  t.equal(crossSite.json().code, 'WEGOV_CSRF', 'a cross-site form cannot make anyone an admin')
  t.equal((await app.inject({ method: 'PUT', url, payload: { role: 'admin' } })).statusCode, 401)
  t.same(await changes(app, 'platform_role.granted'), [], 'nothing granted')
})

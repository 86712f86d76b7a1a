import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import t from 'tap'
import { hashToken } from '../src/domains/accounts/secret-tokens.js'
import { purgeStaleRows } from '../src/jobs/purge-stale-rows.js'
import { ORGANISATIONS, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { ORIGIN_HEADERS, signIn } from './helpers/accounts.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/**
 * Sessions and one's own account, through HTTP: /v1/me, PATCH /v1/me, the list of sessions, signing out,
 * ending one session or all of them, and the idle and absolute ends of a session.
 */
const IDLE_MINUTES = 60
const MAX_MINUTES = 24 * 60
const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)
const app = await buildTestApp(t, { database, config: { mailPollMs: 3_600_000, jobIntervalSeconds: 3600, sessionIdleMinutes: IDLE_MINUTES, sessionMaxMinutes: MAX_MINUTES } })

const me = (cookie: string) => app.inject({ method: 'GET', url: '/v1/me', headers: { cookie } })
const sessions = (cookie: string) => app.inject({ method: 'GET', url: '/v1/me/sessions', headers: { cookie, 'user-agent': 'test' } })
const write = (method: 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: Record<string, unknown>) =>
  app.inject({ method, url, headers: { cookie, ...ORIGIN_HEADERS }, ...(payload === undefined ? {} : { payload }) })

t.test('GET /v1/me: 401 without a session, 403 with an API key, the account with a session', async (t) => {
  const anonymous = await app.inject({ method: 'GET', url: '/v1/me', headers: { 'accept-language': 'ar' } })
  t.equal(anonymous.statusCode, 401)
  t.equal(anonymous.json().code, 'WEGOV_UNAUTHENTICATED')
  const secret = `wgk_${randomUUID().replaceAll('-', '')}`
  const organisation = await app.db.selectFrom('organisations').select('id').where('slug', '=', ORGANISATIONS.ngo).executeTakeFirstOrThrow()
  await app.db.insertInto('api_keys').values({ id: randomUUID(), organisation_id: organisation.id, name: 'server', prefix: secret.slice(0, 12), secret_hash: hashToken(secret), scopes: ['content:write'] }).execute()
  const key = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${secret}` } })
  t.equal(key.statusCode, 403, 'an API key has no account')
  t.equal(key.json().code, 'WEGOV_FORBIDDEN')

  const cookie = await signIn(app, 'member@example.org')
  const person = await app.db.selectFrom('people').select('id').where('email', '=', 'member@example.org').executeTakeFirstOrThrow()
  await app.db.insertInto('memberships').values({ person_id: person.id, organisation_id: organisation.id, role: 'editor' }).execute()
  await app.auth.changed(person.id)
  const answer = await app.inject({ method: 'GET', url: '/v1/me', headers: { cookie, 'accept-language': 'en' } })
  t.equal(answer.statusCode, 200)
  t.match(answer.json(), {
    id: person.id,
    email: 'member@example.org',
    memberships: [{ organisation: { id: organisation.id, slug: ORGANISATIONS.ngo, name: { text: 'جمعية الحوكمة المحلية', lang: 'ar', fallback: true } }, role: 'editor' }],
  })
  t.equal(answer.headers['cache-control'], 'no-store')
})

t.test('PATCH /v1/me: name and language, validated, and recorded', async (t) => {
  const cookie = await signIn(app, 'rename@example.org', 'fr')
  const changed = await write('PATCH', '/v1/me', cookie, { name: '  سمير  ', lang: 'ar' })
  t.equal(changed.statusCode, 200)
  t.match(changed.json(), { name: 'سمير', lang: 'ar' })
  t.match((await me(cookie)).json(), { name: 'سمير', lang: 'ar' })
  const events = await app.db.selectFrom('change_log').select(['action', 'before', 'after']).where('action', '=', 'person.updated').where('subject_id', '=', changed.json().id).execute()
  t.same(events, [{ action: 'person.updated', before: { name: '', lang: 'fr' }, after: { name: 'سمير', lang: 'ar' } }])

  for (const [why, body, code] of [
    ['unknown language', { lang: 'de' }, 'WEGOV_UNSUPPORTED_LANGUAGE'],
    ['name too long', { name: 'x'.repeat(101) }, 'WEGOV_VALIDATION'],
    ['unknown field', { email: 'other@example.org' }, 'WEGOV_UNKNOWN_PARAMETER'],
    ['a control character in the name', { name: 'Sam\nir' }, 'WEGOV_INVALID_NAME'],
    ['a direction override in the name', { name: 'Sam\u202Eir' }, 'WEGOV_INVALID_NAME'],
  ] as const) {
    const refused = await write('PATCH', '/v1/me', cookie, body)
    t.equal(refused.statusCode, 400, why)
    t.equal(refused.json().code, code, why)
  }
  t.equal((await app.inject({ method: 'PATCH', url: '/v1/me', payload: { lang: 'de' }, headers: ORIGIN_HEADERS })).statusCode, 401, 'not signed in: 401 before validation')
})

t.test('sessions: listed, one ended, then all of them', async (t) => {
  const laptop = await signIn(app, 'many@example.org')
  const phone = await signIn(app, 'many@example.org')
  const tablet = await signIn(app, 'many@example.org')
  const listed = await sessions(laptop)
  t.equal(listed.statusCode, 200)
  const items = listed.json().items as { id: string; current: boolean; method: string }[]
  t.equal(items.length, 3)
  t.equal(items.filter((item) => item.current).length, 1, 'one is this one')
  t.ok(items.every((item) => item.method === 'code'))
  const phoneId = (await sessions(phone)).json().items.find((item: { current: boolean }) => item.current).id

  const other = await signIn(app, 'stranger@example.org')
  t.equal((await write('DELETE', `/v1/me/sessions/${phoneId}`, other)).statusCode, 404, 'another person’s session is not found')
  t.equal((await me(phone)).statusCode, 200, 'and still works')

  const ended = await write('DELETE', `/v1/me/sessions/${phoneId}`, laptop)
  t.equal(ended.statusCode, 204)
  t.notOk(String(ended.headers['set-cookie'] ?? '').includes('wegov_session'), 'another session: this cookie stays')
  t.equal((await me(phone)).statusCode, 401, 'the ended session is refused at once')
  t.equal((await me(laptop)).statusCode, 200)
  t.equal((await write('DELETE', `/v1/me/sessions/${phoneId}`, laptop)).statusCode, 404, 'twice: gone')
  t.equal((await write('DELETE', '/v1/me/sessions/not-a-uuid', laptop)).statusCode, 400)

  const all = await write('POST', '/v1/me/sessions/revoke-all', tablet)
  t.equal(all.statusCode, 204)
  t.match(String(all.headers['set-cookie']), /__Host-wegov_session=;.*Max-Age=0/, 'the cookie is cleared')
  t.equal((await me(laptop)).statusCode, 401)
  t.equal((await me(tablet)).statusCode, 401)
  t.equal((await me(other)).statusCode, 200, 'another person is not signed out')
  const revoked = await app.db.selectFrom('change_log').select('subject_id').where('action', '=', 'session.revoked').execute()
  t.equal(revoked.length, 3, 'each ended session is recorded')
})

t.test('sign out: the session ends and the cookie is cleared; signed out, it is still 204', async (t) => {
  const cookie = await signIn(app, 'leaving@example.org')
  const out = await write('POST', '/v1/auth/sign-out', cookie)
  t.equal(out.statusCode, 204)
  t.match(String(out.headers['set-cookie']), /Max-Age=0/)
  t.equal((await me(cookie)).statusCode, 401)
  t.equal((await write('POST', '/v1/auth/sign-out', cookie)).statusCode, 204, 'again')
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/sign-out' })).statusCode, 204, 'without a cookie')
})

t.test('a session unused for the idle timeout, or past its absolute lifetime, is refused and deleted', async (t) => {
  const idle = await signIn(app, 'idle@example.org')
  const idlePerson = await app.db.selectFrom('people').select('id').where('email', '=', 'idle@example.org').executeTakeFirstOrThrow()
  await app.db.updateTable('sessions').set({ last_seen_at: sql`now() - ${IDLE_MINUTES + 1}::integer * interval '1 minute'` }).where('person_id', '=', idlePerson.id).execute()
  const idleAnswer = await me(idle)
  t.equal(idleAnswer.statusCode, 401)
  t.equal(idleAnswer.json().code, 'WEGOV_UNAUTHENTICATED')
  t.equal((await app.db.selectFrom('sessions').select('id').where('person_id', '=', idlePerson.id).execute()).length, 0, 'deleted')

  const recent = await signIn(app, 'recent@example.org')
  const recentPerson = await app.db.selectFrom('people').select('id').where('email', '=', 'recent@example.org').executeTakeFirstOrThrow()
  await app.db.updateTable('sessions').set({ last_seen_at: sql`now() - ${IDLE_MINUTES - 5}::integer * interval '1 minute'` }).where('person_id', '=', recentPerson.id).execute()
  t.equal((await me(recent)).statusCode, 200, 'just within the idle timeout')

  const old = await signIn(app, 'old@example.org')
  const oldPerson = await app.db.selectFrom('people').select('id').where('email', '=', 'old@example.org').executeTakeFirstOrThrow()
  await app.db.updateTable('sessions').set({ expires_at: sql`now() - interval '1 second'` }).where('person_id', '=', oldPerson.id).execute()
  t.equal((await me(old)).statusCode, 401, 'past the absolute lifetime, though used just now')
  t.equal((await app.db.selectFrom('sessions').select('id').where('person_id', '=', oldPerson.id).execute()).length, 0, 'deleted')

  const fresh = await signIn(app, 'fresh@example.org')
  const session = await app.db.selectFrom('sessions').innerJoin('people', 'people.id', 'sessions.person_id').select(sql<number>`extract(epoch from sessions.expires_at - sessions.created_at)`.as('seconds')).where('people.email', '=', 'fresh@example.org').executeTakeFirstOrThrow()
  t.equal(Math.round(Number(session.seconds) / 60), MAX_MINUTES, 'a new session lasts WEGOV_SESSION_MAX_MINUTES')
  t.equal((await me(fresh)).statusCode, 200)
})

t.test('the purge job deletes sessions past their end and sign-in codes a day past theirs', async (t) => {
  const cookie = await signIn(app, 'purged@example.org')
  const kept = await signIn(app, 'kept@example.org')
  await app.inject({ method: 'POST', url: '/v1/auth/code', payload: { email: 'stale@example.org' } })
  await app.inject({ method: 'POST', url: '/v1/auth/code', payload: { email: 'recent-code@example.org' } })
  const person = await app.db.selectFrom('people').select('id').where('email', '=', 'purged@example.org').executeTakeFirstOrThrow()
  await app.db.updateTable('sessions').set({ expires_at: sql`now() - interval '1 second'` }).where('person_id', '=', person.id).execute()
  const codes = await app.db.selectFrom('sign_in_codes').select('email_hash').orderBy('created_at').execute()
  await app.db.updateTable('sign_in_codes').set({ expires_at: sql`now() - interval '25 hours'` }).where('email_hash', '=', codes.at(-2)!.email_hash).execute()
  const purged = await purgeStaleRows(app.db)
  t.ok(purged.sessions >= 1)
  t.equal(purged.signInCodes, 1)
  t.equal((await me(cookie)).statusCode, 401)
  t.equal((await me(kept)).statusCode, 200, 'live sessions stay')
  t.equal((await app.db.selectFrom('sign_in_codes').select('email_hash').execute()).length, codes.length - 1)
})

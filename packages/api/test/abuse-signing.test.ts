import t from 'tap'
import { readCount } from '../src/domains/signatures/signature-counts.js'
import { runExclusive } from '../src/jobs/run-exclusive.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, mailbox, sign, signBody, writtenRows } from './helpers/petition-fixtures.js'
import { solvedAltcha } from './helpers/pow.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/** The petitions settings, with the abuse checks on, a small proof of work and a soft IP limit of one. */
const ABUSE_ON = { ...PETITION_TEST_CONFIG, pow: true, rateLimit: true, powMaxNumber: 2000, signIpFlagAt: 1 }

type App = Awaited<ReturnType<typeof buildTestApp>>

// One database for the file (a PGlite takes seconds to start); each test signs its own petition.
const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)

/** The maintained count, read fresh (the count endpoint may serve it from a 2-second cache). */
async function counted(app: App, petitionId: string) {
  const { total, invalidated } = await readCount(app.db, petitionId)
  return { total, invalidated }
}

async function confirmByCode(app: App, petition: string, email: string) {
  const [mail] = await mailbox(app, email)
  if (!mail?.code) throw new Error(`no confirmation email for ${email}`)
  return app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition, email, code: mail.code } })
}

t.test('signing requires a proof of work, spent once; nothing is written when it is refused', async (t) => {
  const app = await buildTestApp(t, { database, config: ABUSE_ON })
  const petition = await addPetition(app.db)
  const before = await writtenRows(app.db, petition.id)

  const missing = await sign(app, petition.slug, signBody('amal@example.org'))
  t.equal(missing.statusCode, 400)
  t.equal(missing.json().code, 'WEGOV_POW_REQUIRED')
  const blocked = await sign(app, petition.slug, signBody('amal@yopmail.com', { altcha: await solvedAltcha(app) }))
  t.equal(blocked.statusCode, 422)
  t.equal(blocked.json().code, 'WEGOV_EMAIL_DOMAIN_BLOCKED')
  t.same(await writtenRows(app.db, petition.id), before, 'refused attempts wrote nothing')

  const altcha = await solvedAltcha(app)
  t.equal((await sign(app, petition.slug, signBody('amal@example.org', { altcha }))).statusCode, 202)
  const replay = await sign(app, petition.slug, signBody('karim@example.org', { altcha }))
  t.equal(replay.statusCode, 400)
  t.equal(replay.json().code, 'WEGOV_POW_REPLAYED')
})

t.test('a filled honeypot looks like a success, sends no email and never counts', async (t) => {
  const app = await buildTestApp(t, { database, config: { ...ABUSE_ON, signIpFlagAt: 100 } })
  const petition = await addPetition(app.db)

  const person = await sign(app, petition.slug, signBody('amal@example.org', { altcha: await solvedAltcha(app) }))
  const bot = await sign(app, petition.slug, signBody('bot@example.org', { altcha: await solvedAltcha(app), website: 'https://spam.example' }))
  t.equal(bot.statusCode, person.statusCode)
  t.same(bot.json(), person.json(), 'the bot cannot tell it was caught')
  t.same(await mailbox(app, 'bot@example.org'), [], 'no confirmation email to the address the bot typed')

  t.same(await counted(app, petition.id), { total: 0, invalidated: 0 }, 'never confirmed, so never in a count')
  t.same(await app.signatures.settleFlagged(app.db), { removed: 1, invalidated: 0 }, 'the honeypot row is removed at once, without the hold')

  // A bot typed Karim's address; Karim himself then signs, and his signature is an ordinary one.
  await sign(app, petition.slug, signBody('karim@example.org', { altcha: await solvedAltcha(app), website: 'x' }))
  await app.signatures.settleFlagged(app.db)
  t.equal((await sign(app, petition.slug, signBody('karim@example.org', { altcha: await solvedAltcha(app) }))).statusCode, 202)
  t.equal((await confirmByCode(app, petition.id, 'karim@example.org')).statusCode, 200)
  t.same(await counted(app, petition.id), { total: 1, invalidated: 0 }, 'the bot could not take his place')
})

t.test('a burst from one IP is held back, then invalidated with its reason unless a moderator releases it', async (t) => {
  const app = await buildTestApp(t, { database, config: ABUSE_ON })
  const petition = await addPetition(app.db)
  const signers = ['amal@example.org', 'karim@example.org', 'salma@example.org']
  for (const email of signers) {
    t.equal((await sign(app, petition.slug, signBody(email, { altcha: await solvedAltcha(app) }))).statusCode, 202, 'flagged, not refused')
  }
  for (const email of signers) t.equal((await confirmByCode(app, petition.id, email)).statusCode, 200)
  t.same(await counted(app, petition.id), { total: 1, invalidated: 0 }, 'the two past the soft limit wait, uncounted')

  t.same(await app.signatures.settleFlagged(app.db), { removed: 0, invalidated: 0 }, 'nothing is invalidated before a moderator had time to check')

  const flagged = await app.db.selectFrom('signatures').select(['id', 'flag_reason']).where('validity', '=', 'flagged').where('petition_id', '=', petition.id).orderBy('created_at').execute()
  t.same(flagged.map((row) => row.flag_reason), ['ip-burst', 'ip-burst'])
  t.equal(await app.signatures.setValidity(null, [flagged[0]!.id], 'valid'), 1, 'a moderator releases one')
  t.same(await counted(app, petition.id), { total: 2, invalidated: 0 })

  // As the plugin runs it: under the job's advisory lock, on one connection.
  const invalidated = await runExclusive(app.db, 'settle-flagged-signatures', (conn) => app.signatures.settleFlagged(conn, { holdMs: 0 }))
  t.same(invalidated, { removed: 0, invalidated: 1 })
  t.same(await counted(app, petition.id), { total: 2, invalidated: 1 })
  // Another instance on the same database has nothing cached: its count endpoint shows the database now.
  const other = await buildTestApp(t, { database, config: ABUSE_ON })
  const published = (await other.inject({ method: 'GET', url: `/v1/petitions/${petition.slug}/count` })).json()
  t.match(published, { total: 2, invalidated: 1 }, 'the count endpoint publishes how many were invalidated')
  const settled = await app.db.selectFrom('signatures').select(['validity', 'flag_reason']).where('id', '=', flagged[1]!.id).executeTakeFirstOrThrow()
  t.same(settled, { validity: 'invalidated', flag_reason: 'ip-burst' }, 'invalidated with its reason')
  t.same(await app.signatures.settleFlagged(app.db, { holdMs: 0 }), { removed: 0, invalidated: 0 }, 'settling again changes nothing')
})

t.test('the signing route is rate limited per IP and answers problem+json with Retry-After', async (t) => {
  const app = await buildTestApp(t, { database, config: { ...ABUSE_ON, pow: false, signIpRefuseAt: 2 } })
  const petition = await addPetition(app.db)
  for (const email of ['a@example.org', 'b@example.org']) t.equal((await sign(app, petition.slug, signBody(email))).statusCode, 202)
  const refused = await sign(app, petition.slug, signBody('c@example.org'), { 'accept-language': 'ar' })
  t.equal(refused.statusCode, 429)
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(refused.json().code, 'WEGOV_RATE_LIMITED')
  t.equal(refused.json().lang, 'ar')
  t.ok(Number(refused.headers['retry-after']) >= 1)

  const confirm = () => app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: 'x'.repeat(43) } })
  t.not((await confirm()).statusCode, 429)
  t.not((await confirm()).statusCode, 429)
  t.equal((await confirm()).statusCode, 429, 'confirming is limited too')
})

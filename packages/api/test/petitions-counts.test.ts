import { sql } from 'kysely'
import t from 'tap'
import { readCount } from '../src/domains/signatures/signature-counts.js'
import { reconcileCounts } from '../src/domains/signatures/count-reconciliation.js'
import { anonymiseSignatures, expirePendingSignatures } from '../src/domains/signatures/signature-maintenance.js'
import { runMaintenanceJobs } from '../src/jobs/jobs-plugin.js'
import { purgeStaleRows } from '../src/jobs/purge-stale-rows.js'
import { runExclusive } from '../src/jobs/run-exclusive.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { eventuallyTrue } from './helpers/eventually-true.js'
import { PETITION_TEST_CONFIG, addPetition, countOf, mailbox, sign, signBody, tokenOf, writtenRows } from './helpers/petition-fixtures.js'
import { DIALECT, buildTestApp, openTestDatabase, testConfig } from './helpers/test-app.js'

const DAY = 86_400_000
const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)

t.test('200 concurrent signers on one petition: every one accepted, confirmed, counted exactly once', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db, { signatureGoal: 200 })
  const signers = Array.from({ length: 200 }, (_, i) => `crowd-${i}@example.org`)
  const countries = ['TN', 'LY', 'PS', 'JO']

  const signed = await Promise.all(
    signers.map((email, i) => sign(app, petition.id, signBody(email, { country: countries[i % 4], display: i % 2 ? 'public' : 'anonymous' }))),
  )
  t.same([...new Set(signed.map((response) => response.statusCode))], [202])
  // A few signers press the button twice, at the same moment as everyone else.
  await Promise.all(signers.slice(0, 20).map((email) => sign(app, petition.id, signBody(email))))
  t.equal((await writtenRows(app.db, petition.id)).signatures, 200)

  const tokens = await Promise.all(signers.map(async (email) => tokenOf((await mailbox(app, email))[0]!.links.confirm)))
  const confirmed = await Promise.all(tokens.map((token) => app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token } })))
  t.same([...new Set(confirmed.map((response) => response.statusCode))], [200])

  t.equal(await countOf(app, petition.id), 200, 'the maintained count is exact')
  const count = await readCount(app.db, petition.id)
  t.same(count.byCountry.map((c) => c.count), [50, 50, 50, 50])
  t.same(await reconcileCounts(app.db, { petitionIds: [petition.id] }), { petitions: 1, corrected: 0 }, 'reconciliation finds no drift')
  t.equal((await readCount(app.db, petition.id)).total, 200)
  const shards = await app.db.selectFrom('petition_counts').select('shard').distinct().where('petition_id', '=', petition.id).execute()
  t.ok(shards.length > 1, 'increments were spread over several rows, not one hot row')
})

t.test('reconciliation repairs drift, without losing increments made meanwhile', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  for (const email of ['drift-1@example.org', 'drift-2@example.org', 'drift-3@example.org']) {
    await sign(app, petition.id, signBody(email))
    const [mail] = await mailbox(app, email)
    await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail!.links.confirm) } })
  }
  // Someone edits the counts by hand (or a bug does): 7 too many in one shard, one country missing.
  await app.db.updateTable('petition_counts').set({ confirmed: sql`confirmed + 7` }).where('petition_id', '=', petition.id).where('shard', '=', sql<number>`(SELECT min(shard) FROM petition_counts WHERE petition_id = ${petition.id})`).execute()
  await app.db.insertInto('petition_counts').values({ petition_id: petition.id, shard: 3, country: 'XX', source: '', confirmed: -2, invalidated: 0 }).onConflict((oc) => oc.doNothing()).execute()
  t.equal((await readCount(app.db, petition.id)).total, 8)

  t.same(await reconcileCounts(app.db, { petitionIds: [petition.id] }), { petitions: 1, corrected: 9 })
  const repaired = await readCount(app.db, petition.id)
  t.equal(repaired.total, 3)
  t.same(repaired.byCountry, [{ country: 'TN', count: 3 }])
  t.same(await reconcileCounts(app.db, { petitionIds: [petition.id] }), { petitions: 1, corrected: 0 }, 'a second run has nothing to do')

  await sign(app, petition.id, signBody('drift-4@example.org'))
  const [mail] = await mailbox(app, 'drift-4@example.org')
  await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail!.links.confirm) } })
  t.equal((await readCount(app.db, petition.id)).total, 4, 'increments after a repair add up')
})

t.test('flagged signatures wait; cleared ones count; invalidated ones are published as such', async (t) => {
  // Every signature on a petition past the first in a minute is flagged as a burst by the abuse checks.
  const app = await buildTestApp(t, { database, config: { ...PETITION_TEST_CONFIG, rateLimit: true, signPetitionFlagAt: 1 } })
  const petition = await addPetition(app.db)
  for (const email of ['burst-1@example.org', 'burst-2@example.org', 'burst-3@example.org']) {
    t.equal((await sign(app, petition.id, signBody(email))).statusCode, 202, 'a flagged signature is accepted like any other')
    const [mail] = await mailbox(app, email)
    await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail!.links.confirm) } })
  }
  const rows = await app.db.selectFrom('signatures').select(['id', 'validity', 'flag_reason']).where('petition_id', '=', petition.id).orderBy('created_at').execute()
  t.same(rows.map((row) => row.validity), ['valid', 'flagged', 'flagged'])
  t.equal(rows[1]!.flag_reason, 'petition-burst')
  t.equal(await countOf(app, petition.id), 1, 'flagged signatures do not count')

  // A second instance on the same database, whose copy of the count is read before the changes.
  const other = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  t.equal(await countOf(other, petition.id), 1)

  t.equal(await app.signatures.setValidity(null, [rows[1]!.id], 'valid'), 1)
  t.equal(await app.signatures.setValidity(null, [rows[2]!.id, rows[1]!.id], 'invalidated', 'moderator-check'), 2)
  t.equal(await app.signatures.setValidity(null, [rows[1]!.id], 'valid'), 1)
  const count = async (instance: typeof app) =>
    (await instance.inject({ method: 'GET', url: `/v1/petitions/${petition.id}/count` })).json() as { total: number; invalidated: number }
  const seen = await count(app)
  t.same([seen.total, seen.invalidated], [2, 1], 'the instance that changed them shows the new count at once')
  t.ok(await eventuallyTrue(async () => (await count(other)).total === 2), 'the other instance hears of it (the change log’s notification)')
  t.equal(await app.signatures.setValidity(null, [rows[0]!.id], 'invalidated'), 1, 'a counted signature can be invalidated later')
  t.same([(await count(app)).total, (await count(app)).invalidated], [1, 2])
  t.equal(await app.signatures.setValidity(null, [rows[0]!.id], 'invalidated'), 0, 'setting what is already set changes nothing')
  t.same(await reconcileCounts(app.db, { petitionIds: [petition.id] }), { petitions: 1, corrected: 0 }, 'every move kept the counts exact')

  const events = await app.db
    .selectFrom('change_log')
    .select(['action', 'subject_type', 'subject_id', 'after', 'public'])
    .where('subject_id', '=', petition.id)
    .orderBy('id')
    .execute()
  t.same(
    events.map((event) => [event.action, event.subject_type, event.after, event.public]),
    [
      ['signatures.validity_changed', 'petition', { validity: 'valid', signatures: 1 }, false],
      ['signatures.validity_changed', 'petition', { validity: 'invalidated', signatures: 2, reason: 'moderator-check' }, false],
      ['signatures.validity_changed', 'petition', { validity: 'valid', signatures: 1 }, false],
      ['signatures.validity_changed', 'petition', { validity: 'invalidated', signatures: 1 }, false],
    ],
    'each change is in the change log, with how many and why, never whose; not in the public feed',
  )
})

t.test('jobs: pending signatures expire, personal data is anonymised after retention, stale rows are purged', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  await sign(app, petition.id, signBody('kept@example.org', { firstName: 'Kept', comment: 'Bravo', consents: { processing: true, newsFromPartner: true } }))
  const [mail] = await mailbox(app, 'kept@example.org')
  await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail!.links.confirm) } })
  await sign(app, petition.id, signBody('forgot@example.org', { firstName: 'Forgot' }), { 'idempotency-key': 'jobs-key-0001' })
  await sign(app, petition.id, signBody('recent@example.org', { firstName: 'Recent' }))

  await app.db.updateTable('signatures').set({ confirmation_sent_at: new Date(Date.now() - 8 * DAY) }).where('petition_id', '=', petition.id).where('first_name', '=', 'Forgot').execute()
  t.equal(await expirePendingSignatures(app.db, 7), 1, 'only the pending signature older than the limit goes')
  const names = async () => (await app.db.selectFrom('signatures').select('first_name').where('petition_id', '=', petition.id).orderBy('first_name').execute()).map((r) => r.first_name)
  t.same(await names(), ['Kept', 'Recent'])

  t.equal(await anonymiseSignatures(app.db, 90), 0, 'nothing is anonymised while the petition is open')
  // The petition ended 91 days ago.
  await app.db.updateTable('petitions').set({ opens_at: new Date(Date.now() - 200 * DAY), closes_at: new Date(Date.now() - 91 * DAY) }).where('id', '=', petition.id).execute()
  t.equal(await anonymiseSignatures(app.db, 90), 2)
  const rows = await app.db.selectFrom('signatures').selectAll().where('petition_id', '=', petition.id).execute()
  for (const row of rows) {
    t.same([row.email, row.first_name, row.last_name, row.city, row.comment, row.source_url], [null, null, null, null, null, null])
    t.ok(row.anonymised_at)
    t.match(row.email_hash, /^[0-9a-f]{64}$/, 'the keyed email hash stays: one signature per person')
  }
  t.equal((await readCount(app.db, petition.id)).total, 1, 'the count stays')
  const fresh = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  t.same((await fresh.inject({ method: 'GET', url: `/v1/petitions/${petition.id}/signatures` })).json().items, [], 'nobody is listed any more')

  await app.db.updateTable('idempotency_keys').set({ created_at: new Date(Date.now() - 2 * DAY) }).where('key', '=', 'jobs-key-0001').execute()
  const purged = await purgeStaleRows(app.db)
  t.ok(purged.idempotencyKeys >= 1, 'old idempotency keys go')

  const results = await runMaintenanceJobs(app, testConfig(PETITION_TEST_CONFIG))
  const jobs = ['anonymise-signatures', 'expire-pending-signatures', 'extract-file-text', 'purge-abandoned-uploads', 'purge-spent-pow', 'purge-stale-rows', 'reconcile-counts', 'settle-flagged-signatures']
  t.same(Object.keys(results).sort(), DIALECT === 'pglite' ? [...jobs, 'vacuum-pglite'] : jobs, 'PGlite, which has no autovacuum, also gets a VACUUM job')
})

t.test('a job runs on one instance at a time', { skip: DIALECT === 'pglite' && 'PGlite has one connection: a second caller waits instead' }, async (t) => {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  let started!: () => void
  const running = new Promise<void>((resolve) => (started = resolve))
  const first = runExclusive(database.db, 'test-job', async () => {
    started()
    await gate
    return 'first'
  })
  await running
  t.equal(await runExclusive(database.db, 'test-job', async () => 'second'), null, 'the second instance skips it')
  release()
  t.equal(await first, 'first')
  t.equal(await runExclusive(database.db, 'test-job', async () => 'third'), 'third', 'the lock is released afterwards')
})

import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import t, { type Test } from 'tap'
import { buildApp } from '../src/app.js'
import { type Database, openDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { down as undoChangeOrder } from '../src/db/migrations/0010-change-order.js'
import { down as undoSlugPrefixes } from '../src/db/migrations/0011-slug-prefixes.js'
import { down as undoPetitionLaunching } from '../src/db/migrations/0012-petition-launching.js'
import { down as undoPaperSignatures } from '../src/db/migrations/0013-paper-signatures.js'
import { down as undoWebhooks } from '../src/db/migrations/0014-webhooks.js'
import { down as undoWebinarCancellation } from '../src/db/migrations/0015-webinar-cancellation.js'
import { down as undoMailFanouts } from '../src/db/migrations/0016-mail-fanouts.js'
import { down as undoOrganisationLicences } from '../src/db/migrations/0017-organisation-licences.js'
import { down as undoIatiIdentifiers } from '../src/db/migrations/0018-iati-identifiers.js'
import { down as undoHarvestOrder } from '../src/db/migrations/0019-harvest-order.js'
import { down as undoResourceProjects } from '../src/db/migrations/0020-resource-projects.js'
import type { DB } from '../src/db/schema.js'
import { consumeChanges } from '../src/domains/changes/change-consumers.js'
import { decodeCursor } from '../src/http/cursor.js'
import { recordChange } from '../src/domains/changes/change-log.js'
import type { LoggedChange } from '../src/domains/changes/change-reader.js'
import { deliverPendingMail } from '../src/mail/mail-plugin.js'
import { queueMail } from '../src/mail/render-outbox-mail.js'
import { ADMIN, addPerson, browserOf, mailbox } from './helpers/organisation-accounts.js'
import { DIALECT, buildTestApp, openTestDatabase, testConfig } from './helpers/test-app.js'

/**
 * The change log's readers (the public feed, the named consumers) get every event exactly once, in one
 * order, even when the transactions that wrote them commit in another order than their ids; the mail
 * consumer turns a decision into one mail however many instances run it.
 */

const schemaOf = async (db: Kysely<DB>) => (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]!.schema

/** A raw session on the test's schema, to hold a transaction open while the app reads. */
async function session(t: Test, db: Kysely<DB>): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  t.teardown(() => client.end())
  await client.query(`SET search_path TO ${await schemaOf(db)}`)
  return client
}

/** Records a public event of a project, in the session's open transaction; returns its id. */
async function recordIn(client: pg.Client): Promise<number> {
  const { rows } = await client.query(
    `INSERT INTO change_log (action, subject_type, subject_id, public) VALUES ('project.deleted', 'project', $1, true) RETURNING id`,
    [randomUUID()],
  )
  return Number(rows[0].id)
}

/** A consumer that only remembers the ids it was given. */
function recorder(seen: number[]) {
  return async (_trx: unknown, changes: readonly LoggedChange[]) => {
    seen.push(...changes.map((change) => change.id))
  }
}

const noPGlite = DIALECT !== 'postgres' && 'PGlite has one connection: two transactions are never open at once'

t.test('an event whose transaction commits after a later one is read after it, once', { skip: noPGlite }, async (t) => {
  const app = await buildTestApp(t)
  const early = await session(t, app.db)
  const late = await session(t, app.db)
  const seen: number[] = []
  await consumeChanges(app.db, 'test-recorder', recorder(seen))

  await early.query('BEGIN')
  const lowerId = await recordIn(early)
  await late.query('BEGIN')
  const higherId = await recordIn(late)
  await late.query('COMMIT')
  t.ok(higherId > lowerId)

  const feed = (await app.inject({ url: '/v1/changes' })).json()
  const positionOf = (cursor: string) => decodeCursor(cursor, ['number', 'number'] as const)[0]
  t.equal(feed.items.length, 1, 'the feed serves the committed event')
  await consumeChanges(app.db, 'test-recorder', recorder(seen))
  t.same(seen, [higherId], 'and so does a consumer')

  await early.query('COMMIT')
  const after = (await app.inject({ url: `/v1/changes?since=${feed.resumeCursor}` })).json()
  t.equal(after.items.length, 1, 'the early one, once it commits, after the cursor already handed out')
  t.ok(positionOf(after.items[0].cursor) > positionOf(feed.items[0].cursor), 'its place is its commit’s')
  await consumeChanges(app.db, 'test-recorder', recorder(seen))
  t.same(seen, [higherId, lowerId], 'in commit order, each once')
})

t.test('the log stays append-only: its events are numbered once, at commit, and nothing else changes', async (t) => {
  const database = await openTestDatabase(t)
  const { db } = database
  const subjectId = randomUUID()
  await db.transaction().execute(async (trx) => {
    await recordChange(trx, null, { action: 'project.deleted', subjectType: 'project', subjectId, public: true })
    const inside = await trx.selectFrom('change_log').select('seq').where('subject_id', '=', subjectId).executeTakeFirstOrThrow()
    t.equal(inside.seq, null, 'no number before the commit')
  })
  const { id, seq } = await db.selectFrom('change_log').select(['id', 'seq']).where('subject_id', '=', subjectId).executeTakeFirstOrThrow()
  t.ok(Number(seq) > 0, 'a number once committed')
  for (const [what, statement] of [
    ['renumbering', sql`UPDATE change_log SET seq = seq + 1000000 WHERE id = ${id}`],
    ['an edit', sql`UPDATE change_log SET action = 'project.published' WHERE id = ${id}`],
    ['a deletion', sql`DELETE FROM change_log WHERE id = ${id}`],
  ] as const) {
    await t.rejects(statement.execute(db), /append-only/, `${what} is refused`)
  }
})

t.test('a consumer that fails mid-batch takes the batch again, and its effects happen once', async (t) => {
  const database = await openTestDatabase(t)
  const { db } = database
  const subjects = [randomUUID(), randomUUID(), randomUUID()]
  for (const subjectId of subjects) await recordChange(db, null, { action: 'application.declined', subjectType: 'application', subjectId })
  let failures = 0
  const queueEach = async (trx: Kysely<DB>, changes: readonly LoggedChange[]) => {
    for (const [index, change] of changes.entries()) {
      await queueMail(trx, { kind: 'application-decided', recipient: 'a@example.org', locale: 'fr', payload: { applicationId: change.subject_id, baseUrl: 'http://localhost' } })
      if (index === 1 && failures === 0) {
        failures++
        throw new Error('the consumer fails after its second effect')
      }
    }
  }
  const queued = async () => (await db.selectFrom('mail_outbox').select(sql<string>`payload->>'applicationId'`.as('subject')).orderBy('mail_outbox.id').execute()).map((row) => row.subject)

  await t.rejects(consumeChanges(db, 'test-mail', queueEach), /second effect/)
  t.same(await queued(), [], 'nothing of the failed batch stays')
  t.equal(await consumeChanges(db, 'test-mail', queueEach), 3, 'the next run takes the batch again')
  t.same(await queued(), subjects, 'each effect once')
  t.equal(await consumeChanges(db, 'test-mail', queueEach), 0, 'and nothing is left')
  t.same(await queued(), subjects)

  // A batch smaller than the log: the position moves batch by batch.
  await recordChange(db, null, { action: 'application.declined', subjectType: 'application', subjectId: randomUUID() })
  t.equal(await consumeChanges(db, 'test-mail', queueEach, { batch: 1 }), 1)
  t.equal((await queued()).length, 4)
})

/** Two API instances on one database: two pools on PostgreSQL (as two processes), one PGlite shared in this process. */
async function twoInstances(t: Test): Promise<[FastifyInstance, FastifyInstance]> {
  const first: Database = await openTestDatabase(t)
  let second = first
  if (DIALECT === 'postgres') {
    second = await openDatabase({ url: process.env.DATABASE_URL!, schema: await schemaOf(first.db), poolSize: 2 })
    t.teardown(() => second.close())
  }
  const apps: FastifyInstance[] = []
  for (const database of [first, second]) {
    const config = testConfig({ rateLimit: false, mailPollMs: 3_600_000, jobIntervalSeconds: 3600, adminEmails: [ADMIN] })
    const app = await buildApp({ config, database, logger: false })
    t.teardown(() => app.close())
    await app.ready()
    apps.push(app)
  }
  return [apps[0]!, apps[1]!]
}

/**
 * One address's mailbox, read from `reader` once every instance has delivered what it had. The instance that
 * ran the mail consumer is nudged to send at once, and the outbox leases each row to one sender: read
 * after draining only the reader, a mail another instance holds mid-send would not be there yet.
 */
async function mailboxOnceAllDelivered(apps: readonly FastifyInstance[], reader: FastifyInstance, address: string) {
  await Promise.all(apps.map((app) => deliverPendingMail(app)))
  return mailbox(reader, address)
}

t.test('a decision is mailed once, whichever of two instances runs the mail consumer', async (t) => {
  const [one, two] = await twoInstances(t)
  await addPerson(one, ADMIN, { platformRole: 'admin' })
  await addPerson(one, 'leila@example.org', { name: 'Leila', lang: 'en' })
  const admin = await browserOf(one, ADMIN)
  const applicant = await browserOf(two, 'leila@example.org')
  const application = (await applicant.post('/v1/organisation-applications', { name: { fr: 'Collectif Nour' }, originalLang: 'fr', kind: 'ngo', country: 'TN', motivation: 'Publier' })).json()
  t.equal((await admin.post(`/v1/organisation-applications/${application.id}/decline`, { reason: 'Doublon' })).statusCode, 200)

  await Promise.all([one.changeConsumers.catchUp(), two.changeConsumers.catchUp(), one.changeConsumers.catchUp()])
  const onOne = await mailboxOnceAllDelivered([one, two], one, 'leila@example.org')
  const onTwo = await mailboxOnceAllDelivered([one, two], two, 'leila@example.org')
  t.same(onOne.map((mail) => mail.subject), ['Your application for Collectif Nour was declined'], 'one mail, in the applicant’s language')
  t.equal(onTwo.length, 1, 'the same mailbox seen from the other instance')
  const events = await one.db.selectFrom('change_log').select(['before', 'after']).where('subject_id', '=', application.id).execute()
  t.notOk(JSON.stringify(events).includes('leila@example.org'), 'the log holds no address: the consumer read it from the application')
  const position = await one.db.selectFrom('change_consumers').select('last_seq').where('name', '=', 'mail').executeTakeFirstOrThrow()
  const lastEvent = await one.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()
  t.equal(Number(position.last_seq), Number(lastEvent.seq), 'the mail consumer’s position is at the end of the log')
})

t.test('many callers of one instance share its catch-ups, and each sees what was committed before its call', async (t) => {
  const [one, two] = await twoInstances(t)
  await addPerson(one, ADMIN, { platformRole: 'admin' })
  const admin = await browserOf(one, ADMIN)
  const decided: string[] = []
  for (const name of ['Nour', 'Amal', 'Sawt']) {
    const email = `${name.toLowerCase()}@example.org`
    await addPerson(one, email, { name, lang: 'fr' })
    const application = (await (await browserOf(two, email)).post('/v1/organisation-applications', { name: { fr: `Collectif ${name}` }, originalLang: 'fr', kind: 'ngo', country: 'TN', motivation: 'Publier' })).json()
    t.equal((await admin.post(`/v1/organisation-applications/${application.id}/decline`, { reason: 'Doublon' })).statusCode, 200)
    decided.push(email)
    // 200 callers at once on one instance (a test reading 200 mailboxes did this), a few on the other.
    await Promise.all([...Array.from({ length: 200 }, () => one.changeConsumers.catchUp()), two.changeConsumers.catchUp(), two.changeConsumers.catchUp()])
    const position = await one.db.selectFrom('change_consumers').select('last_seq').where('name', '=', 'mail').executeTakeFirstOrThrow()
    const lastEvent = await one.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()
    t.equal(Number(position.last_seq), Number(lastEvent.seq), `after decision ${decided.length}: every caller returned with the mail consumer at the end of the log`)
  }
  for (const email of decided) t.equal((await mailboxOnceAllDelivered([one, two], one, email)).length, 1, `${email}: one mail`)
})

t.test('the mail consumer starts after the events logged before it existed: their mails were sent by the writers', async (t) => {
  const database = await openTestDatabase(t)
  const { db } = database
  // A database as it was before migration 0010 (so before the later ones too), with a decision already
  // logged (and mailed by its writer).
  await undoResourceProjects(db as Kysely<unknown>)
  await undoHarvestOrder(db as Kysely<unknown>)
  await undoIatiIdentifiers(db as Kysely<unknown>)
  await undoOrganisationLicences(db as Kysely<unknown>)
  await undoMailFanouts(db as Kysely<unknown>)
  await undoWebinarCancellation(db as Kysely<unknown>)
  await undoWebhooks(db as Kysely<unknown>)
  await undoPaperSignatures(db as Kysely<unknown>)
  await undoPetitionLaunching(db as Kysely<unknown>)
  await undoSlugPrefixes(db as Kysely<unknown>)
  await undoChangeOrder(db as Kysely<unknown>)
  await sql`DELETE FROM kysely_migration WHERE name >= '0010'`.execute(db)
  await sql`INSERT INTO change_log (action, subject_type, subject_id) VALUES ('application.declined', 'application', ${randomUUID()})`.execute(db)
  await migrateToLatest(db)
  const seen: number[] = []
  t.equal(await consumeChanges(db, 'mail', recorder(seen)), 0, 'nothing from before')
  await recordChange(db, null, { action: 'application.approved', subjectType: 'application', subjectId: randomUUID() })
  t.equal(await consumeChanges(db, 'mail', recorder(seen)), 1, 'what comes after')
})

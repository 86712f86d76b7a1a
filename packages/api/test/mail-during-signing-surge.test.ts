import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyBaseLogger } from 'fastify'
import { type Kysely, type KyselyPlugin, sql } from 'kysely'
import t, { type Test } from 'tap'
import type { DB } from '../src/db/schema.js'
import { signatureDraft } from '../src/domains/signatures/signature-input.js'
import { signatureWrite } from '../src/domains/signatures/signature-write-builder.js'
import { signerKeys } from '../src/domains/signatures/signer-keys.js'
import { SigningBatcher } from '../src/domains/signatures/signing-batcher.js'
import { MailWorker } from '../src/mail/mail-worker.js'
import { OutboxCompletions } from '../src/mail/outbox-completions.js'
import { devMailboxTransport } from '../src/mail/transports.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { addPetition, signBody } from './helpers/petition-fixtures.js'
import { openTestDatabase } from './helpers/test-app.js'

// During a signing surge the mail worker must not compete with the writes that acknowledge signatures:
// it removes delivered messages several per statement, and it pauses between claims while the signing
// batcher waits for the database. The mail is still all delivered.

/** The database, counting the DELETE statements sent to mail_outbox. */
function countingDeletes(db: Kysely<DB>) {
  const counted = { deletes: 0 }
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      if (node.kind === 'DeleteQueryNode' && JSON.stringify(node.from).includes('"mail_outbox"')) counted.deletes++
      return node
    },
    async transformResult({ result }) {
      return result
    },
  }
  return { db: db.withPlugin(plugin), counted }
}

async function queueMessages(db: Kysely<DB>, count: number, prefix: string): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values(
      Array.from({ length: count }, (_, n) => ({
        kind: 'signature-confirmation',
        recipient: `${prefix}-${n}@example.org`,
        locale: 'en' as const,
        payload: JSON.stringify({ n }),
      })),
    )
    .execute()
}

const outboxSize = async (db: Kysely<DB>) => Number((await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
const mailboxSize = async (db: Kysely<DB>, prefix: string) =>
  Number((await db.selectFrom('dev_mailbox').select((eb) => eb.fn.countAll().as('n')).where('recipient', 'like', `${prefix}-%`).executeTakeFirstOrThrow()).n)

/** These workers' rounds succeed: nothing is logged. */
const quiet = { info() {}, warn() {}, error() {} } as unknown as FastifyBaseLogger

/** A started worker (a stopped one claims once and returns), stopped at the end of the test. */
function worker(t: Test, db: Kysely<DB>) {
  const mail = new MailWorker({ db, transport: devMailboxTransport(db), log: quiet, pollMs: 60_000, leaseMs: 60_000, fanoutChunk: 500 })
  mail.start()
  t.teardown(() => mail.stop())
  return mail
}

t.test('a claimed batch delivered together leaves the outbox in one DELETE, not one per message', async (t) => {
  const database = await openTestDatabase(t)
  const { db, counted } = countingDeletes(database.db)
  await queueMessages(db, 30, 'together')
  t.equal(await worker(t, db).deliverDue(), 30, 'every message is delivered')
  t.equal(await mailboxSize(db, 'together'), 30)
  t.equal(await outboxSize(db), 0, 'and every one has left the outbox')
  t.equal(counted.deletes, 1, 'in one statement')
})

t.test('when the DELETE fails, every message of its group stays in the outbox (to be sent again: at least once)', async (t) => {
  const database = await openTestDatabase(t)
  const db = database.db
  await queueMessages(db, 3, 'kept')
  const ids = (await db.selectFrom('mail_outbox').select('id').execute()).map((row) => row.id)
  const completions = new OutboxCompletions(db)
  await sql`ALTER TABLE mail_outbox RENAME TO mail_outbox_away`.execute(db)
  const results = await Promise.allSettled(ids.map((id) => completions.complete(id)))
  await sql`ALTER TABLE mail_outbox_away RENAME TO mail_outbox`.execute(db)
  t.same(results.map((result) => result.status), ['rejected', 'rejected', 'rejected'], 'each caller hears of the failure')
  t.equal(await outboxSize(db), 3, 'no row was removed')
  await Promise.all(ids.map((id) => completions.complete(id)))
  t.equal(await outboxSize(db), 0, 'the next attempt removes them')
})

t.test('while signing waits for the database the worker pauses between claims, and still delivers everything', async (t) => {
  const database = await openTestDatabase(t)
  await queueMessages(database.db, 120, 'surge')
  const mail = worker(t, database.db)
  let asked = 0
  mail.giveWayTo(() => {
    asked++
    return true
  })
  const started = performance.now()
  // The development mailbox takes 50 messages a claim: 50, 50, then 20, with a pause after each full claim.
  t.equal(await mail.deliverDue(), 120, 'every message is delivered')
  const elapsed = performance.now() - started
  t.equal(asked, 2, 'the worker asked before each claim that followed a full one')
  t.ok(elapsed >= 2 * 200 - 5, `two pauses of 200 ms (took ${Math.round(elapsed)} ms)`)
  t.equal(await outboxSize(database.db), 0)
})

t.test('the signing batcher says signing surges while requests wait for a free batch slot, or arrive many to a batch', async (t) => {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  const keys = signerKeys('a-test-secret-that-is-long-enough-0123456789')
  const petition = await addPetition(database.db)
  const write = (email: string) => {
    const draft = signatureDraft(signBody(email) as never, 'fr', () => false)
    return signatureWrite({
      petitionId: petition.id,
      draft,
      emailHash: keys.emailHash(draft.email.canonical),
      flag: null,
      keys,
      idempotency: null,
      proofOfWork: null,
      baseUrl: 'https://wegov.example',
      pendingDays: 7,
    })
  }

  const roomy = new SigningBatcher(database.db)
  t.notOk(roomy.surgingWithin(60_000), 'a new batcher sees no surge')
  const alone = await roomy.submit(write('alone@example.org'))
  t.equal(alone.kind, 'written')
  t.notOk(roomy.surgingWithin(60_000), 'one request, written at once: no surge')
  const few = await Promise.all(Array.from({ length: 15 }, (_, n) => roomy.submit(write(`few-${n}@example.org`))))
  t.ok(few.every((outcome) => outcome.kind === 'written'))
  t.notOk(roomy.surgingWithin(60_000), 'fifteen at once, one batch slot free: no surge yet')

  const crowd = new SigningBatcher(database.db)
  const many = await Promise.all(Array.from({ length: 16 }, (_, n) => crowd.submit(write(`crowd-${n}@example.org`))))
  t.ok(many.every((outcome) => outcome.kind === 'written'))
  t.ok(crowd.surgingWithin(60_000), 'sixteen arriving within one batch: a surge')

  const narrow = new SigningBatcher(database.db, { maxBatch: 1, maxInFlight: 1 })
  const outcomes = await Promise.all(['a', 'b', 'c'].map((name) => narrow.submit(write(`narrow-${name}@example.org`))))
  t.same(outcomes.map((outcome) => outcome.kind), ['written', 'written', 'written'])
  t.ok(narrow.surgingWithin(60_000), 'requests waited for the one slot: a surge')
  await sleep(30)
  t.notOk(narrow.surgingWithin(10), 'and no longer, once the window has passed')
})

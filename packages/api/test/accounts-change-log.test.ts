import { sql } from 'kysely'
import t from 'tap'
import { recordChange } from '../src/domains/changes/change-log.js'
import { openTestDatabase } from './helpers/test-app.js'

/**
 * The change log is the audit trail: what is recorded stays as it was recorded. The database itself refuses
 * to rewrite or delete an event, whatever code (or person with SQL access through the app) tries.
 */
t.test('the change log is append-only, and an event commits or rolls back with its change', async (t) => {
  const { db } = await openTestDatabase(t)
  await recordChange(db, { id: 'req-1', actor: { kind: 'anonymous' } }, { action: 'organisation.created', subjectType: 'organisation', subjectId: 'o-1', after: { name: { fr: 'A' } } })
  const [event] = await db.selectFrom('change_log').selectAll().execute()
  t.match(event, { action: 'organisation.created', subject_id: 'o-1', request_id: 'req-1', actor_person_id: null, after: { name: { fr: 'A' } }, before: null })

  await t.rejects(db.updateTable('change_log').set({ action: 'rewritten' }).execute(), /append-only/)
  await t.rejects(db.deleteFrom('change_log').execute(), /append-only/)
  t.equal((await db.selectFrom('change_log').select('action').executeTakeFirstOrThrow()).action, 'organisation.created', 'unchanged')

  // Recorded inside a transaction that fails: the event goes with it.
  await t.rejects(
    db.transaction().execute(async (trx) => {
      await recordChange(trx, null, { action: 'membership.added', subjectType: 'membership', subjectId: 'm-1' })
      await sql`SELECT 1/0`.execute(trx)
    }),
  )
  t.equal(Number((await db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 1, 'the rolled-back event is not there')
})

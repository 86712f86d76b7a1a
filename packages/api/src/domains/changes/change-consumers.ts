import { type Kysely, type Transaction, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { runExclusive } from '../../jobs/run-exclusive.js'
import { type LoggedChange, readChangesAfter } from './change-reader.js'

/**
 * Handles one batch of events, in log order, inside the transaction that also advances the consumer's
 * position: its database effects and the position commit together, so each event's effects happen exactly
 * once. A handler that throws rolls both back, and the batch comes again on the next run.
 */
export type ChangeHandler = (trx: Transaction<DB>, changes: readonly LoggedChange[]) => Promise<void>

/**
 * Feeds a named consumer the change log after its position, batch by batch, until it has everything that
 * has been committed (readChangesAfter). One instance at a time runs a given consumer (a session advisory
 * lock, as for the jobs): returns how many events it handled, or null when another instance holds it.
 * A new consumer starts at the beginning of the log.
 *
 * @example
 * await consumeChanges(db, 'mail', async (trx, changes) => queueMailFor(trx, changes))
 */
export async function consumeChanges(db: Kysely<DB>, name: string, handle: ChangeHandler, options: { batch?: number } = {}): Promise<number | null> {
  const batch = options.batch ?? 100
  return runExclusive(db, `change-consumer:${name}`, async (conn) => {
    await conn.insertInto('change_consumers').values({ name }).onConflict((conflict) => conflict.column('name').doNothing()).execute()
    let handled = 0
    for (;;) {
      const count = await conn.transaction().execute(async (trx) => {
        const { last_seq: position } = await trx
          .selectFrom('change_consumers')
          .select('last_seq')
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
        const changes = await readChangesAfter(trx, Number(position), { limit: batch })
        if (changes.length === 0) return 0
        await handle(trx, changes)
        // Only from the position read: should two runners ever meet (a lock lost with its connection), the
        // second finds the position moved, throws, and its effects roll back with it.
        const moved = await trx
          .updateTable('change_consumers')
          .set({ last_seq: changes.at(-1)!.seq, updated_at: sql<Date>`now()` })
          .where('name', '=', name)
          .where('last_seq', '=', position)
          .executeTakeFirst()
        if (Number(moved.numUpdatedRows) !== 1) throw new Error(`change consumer ${name}: its position moved under it`)
        return changes.length
      })
      handled += count
      if (count < batch) return handled
    }
  })
}

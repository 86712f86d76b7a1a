import type { Kysely, Transaction } from 'kysely'

/**
 * Runs `work` in a transaction: the caller's, when `db` already is one (Kysely cannot nest them), or a new one.
 * Write functions use it so that a loader can group many writes under one lock and one commit.
 */
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<DB>) : db.transaction().execute(work)
}

import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'

/**
 * Runs a job on one connection while holding a session advisory lock named after it, or skips it (null)
 * when another instance holds the lock. So every instance may schedule every job: at most one runs it at
 * a time, and a crashed instance's lock goes with its connection. Advisory locks are the whole server's:
 * the name includes the schema, so a WeGov in another schema of the same database (another deployment, a
 * parallel test run) runs its own jobs.
 *
 * The job gets a Kysely bound to that connection and must use it for every query (on PGlite, the only
 * connection is held for the job's duration).
 *
 * @example
 * await runExclusive(db, 'reconcile-counts', (conn) => app.signatures.reconcileCounts(conn))
 * // SELECT pg_try_advisory_lock(hashtextextended('wegov-job:' || current_schema() || ':reconcile-counts', 0)); ...; SELECT pg_advisory_unlock(...)
 */
export async function runExclusive<T>(db: Kysely<DB>, name: string, job: (conn: Kysely<DB>) => Promise<T>): Promise<T | null> {
  const lockKey = sql`hashtextextended('wegov-job:' || current_schema() || ':' || ${name}, 0)`
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${lockKey}) AS locked`.execute(conn)
    if (!rows[0]?.locked) return null
    try {
      return await job(conn)
    } finally {
      await sql`SELECT pg_advisory_unlock(${lockKey})`.execute(conn)
    }
  })
}

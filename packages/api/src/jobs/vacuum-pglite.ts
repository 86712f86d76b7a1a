import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'

/**
 * PGlite runs PostgreSQL in single-user mode, where autovacuum never runs. Without this job, dead rows
 * pile up (every signature rewrites a count shard) and the planner keeps the statistics of the tables
 * as they were when first analysed. So, on PGlite only, each table past autovacuum's default thresholds
 * (50 rows plus 20% dead, or 10% changed since the last analyse) is vacuumed and analysed.
 *
 * One table at a time: PGlite runs in this process, so each VACUUM holds the event loop while it runs
 * (~12 ms per 10,000 rows here).
 *
 * @returns the tables it vacuumed
 */
export async function vacuumPGlite(conn: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ relname: string }>`
    SELECT relname FROM pg_stat_user_tables
    WHERE schemaname = current_schema()
      AND (n_dead_tup > 50 + 0.2 * n_live_tup OR n_mod_since_analyze > 50 + 0.1 * n_live_tup)
    ORDER BY relname`.execute(conn)
  for (const { relname } of rows) await sql`VACUUM (ANALYZE) ${sql.table(relname)}`.execute(conn)
  return rows.map((row) => row.relname)
}

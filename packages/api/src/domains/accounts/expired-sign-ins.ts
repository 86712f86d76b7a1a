import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * The accounts domain's share of the stale-row purge (jobs/purge-stale-rows.ts), on the connection the job
 * is given: sign-in codes a day past their end (kept that long so a late try still hears "expired"), and
 * sessions past their absolute end (a session is otherwise deleted when its cookie next comes back).
 */
export async function purgeExpiredSignIns(db: Kysely<DB>): Promise<{ signInCodes: number; sessions: number }> {
  const signInCodes = await db.deleteFrom('sign_in_codes').where(sql<boolean>`expires_at < now() - interval '1 day'`).executeTakeFirst()
  const sessions = await db.deleteFrom('sessions').where(sql<boolean>`expires_at < now()`).executeTakeFirst()
  return { signInCodes: Number(signInCodes.numDeletedRows), sessions: Number(sessions.numDeletedRows) }
}

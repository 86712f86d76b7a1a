import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'

const CHUNK = 1000

/**
 * Deletes signatures never confirmed within `pendingDays` of their (last) confirmation email, with their
 * undelivered mail (cascade). They never counted, so no count changes. Works in chunks, skipping rows
 * another transaction is confirming at this very moment.
 */
export async function expirePendingSignatures(db: Kysely<DB>, pendingDays: number): Promise<number> {
  let deleted = 0
  for (;;) {
    const result = await db
      .deleteFrom('signatures')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('signatures')
          .select('id')
          .where('status', '=', 'pending')
          .where(sql<boolean>`confirmation_sent_at < now() - make_interval(days => ${pendingDays})`)
          .limit(CHUNK)
          .forUpdate()
          .skipLocked(),
      )
      .executeTakeFirst()
    const count = Number(result.numDeletedRows)
    deleted += count
    if (count < CHUNK) return deleted
  }
}

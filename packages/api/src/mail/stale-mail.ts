import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'

/**
 * Deletes emails that could never be delivered (they hold an address) and old development mailbox
 * messages, a week on: the purge job's share of the mail tables (jobs/purge-stale-rows.ts).
 */
export async function purgeStaleMail(db: Kysely<DB>): Promise<{ failedMail: number; devMailbox: number }> {
  const failed = await db.deleteFrom('mail_outbox').where(sql<boolean>`failed_at < now() - interval '7 days'`).executeTakeFirst()
  const dev = await db.deleteFrom('dev_mailbox').where(sql<boolean>`created_at < now() - interval '7 days'`).executeTakeFirst()
  return { failedMail: Number(failed.numDeletedRows), devMailbox: Number(dev.numDeletedRows) }
}

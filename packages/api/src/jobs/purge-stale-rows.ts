import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'
import { purgeExpiredSignIns } from '../domains/accounts/expired-sign-ins.js'
import { IDEMPOTENCY_HOURS as CONTENT_IDEMPOTENCY_HOURS } from '../domains/content-writes/idempotency-store.js'
import { IDEMPOTENCY_KEY_HOURS } from '../domains/signatures/idempotency.js'

/**
 * Deletes what is no longer needed and should not be kept: idempotency keys past any retry, emails that
 * could never be delivered (they hold an address), old development mailbox messages, counts of wrong
 * confirmation codes no one has added to for 30 days (five guesses a month is still no way to a code),
 * and the accounts domain's expired sign-in codes and sessions (domains/accounts/expired-sign-ins.ts).
 */
export async function purgeStaleRows(
  db: Kysely<DB>,
): Promise<{ idempotencyKeys: number; contentIdempotencyKeys: number; failedMail: number; devMailbox: number; codeFailures: number; signInCodes: number; sessions: number }> {
  const keys = await db
    .deleteFrom('idempotency_keys')
    .where(sql<boolean>`created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})`)
    .executeTakeFirst()
  // The publishing API's remembered replies (domains/content-writes/idempotency-store.ts).
  const contentKeys = await db
    .deleteFrom('content_idempotency')
    .where(sql<boolean>`created_at < now() - make_interval(hours => ${CONTENT_IDEMPOTENCY_HOURS})`)
    .executeTakeFirst()
  const failed = await db.deleteFrom('mail_outbox').where(sql<boolean>`failed_at < now() - interval '7 days'`).executeTakeFirst()
  const dev = await db.deleteFrom('dev_mailbox').where(sql<boolean>`created_at < now() - interval '7 days'`).executeTakeFirst()
  const codes = await db.deleteFrom('code_failures').where(sql<boolean>`last_failed_at < now() - interval '30 days'`).executeTakeFirst()
  const signIns = await purgeExpiredSignIns(db)
  return {
    idempotencyKeys: Number(keys.numDeletedRows),
    contentIdempotencyKeys: Number(contentKeys.numDeletedRows),
    failedMail: Number(failed.numDeletedRows),
    devMailbox: Number(dev.numDeletedRows),
    codeFailures: Number(codes.numDeletedRows),
    ...signIns,
  }
}

import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'
import { IDEMPOTENCY_HOURS as CONTENT_IDEMPOTENCY_HOURS } from '../domains/content-writes/idempotency-store.js'
import { purgeStaleSignatureRows } from '../domains/signatures/signature-maintenance.js'
import { purgeStaleMail } from '../mail/stale-mail.js'

/**
 * Deletes what is no longer needed and should not be kept, each domain its own tables: signatures'
 * idempotency keys and wrong-code counts (signature-maintenance.ts), mail that could never be delivered
 * and old development mail (mail/stale-mail.ts), the publishing API's remembered replies,
 * sign-in codes a day past their end (kept that long so a late try still hears "expired"), and sessions
 * past their absolute end (a session is otherwise deleted when its cookie next comes back).
 */
export async function purgeStaleRows(
  db: Kysely<DB>,
): Promise<{ idempotencyKeys: number; contentIdempotencyKeys: number; failedMail: number; devMailbox: number; codeFailures: number; signInCodes: number; sessions: number }> {
  const signatures = await purgeStaleSignatureRows(db)
  // The publishing API's remembered replies (domains/content-writes/idempotency-store.ts).
  const contentKeys = await db
    .deleteFrom('content_idempotency')
    .where(sql<boolean>`created_at < now() - make_interval(hours => ${CONTENT_IDEMPOTENCY_HOURS})`)
    .executeTakeFirst()
  const mail = await purgeStaleMail(db)
  const signInCodes = await db.deleteFrom('sign_in_codes').where(sql<boolean>`expires_at < now() - interval '1 day'`).executeTakeFirst()
  const sessions = await db.deleteFrom('sessions').where(sql<boolean>`expires_at < now()`).executeTakeFirst()
  return {
    idempotencyKeys: signatures.idempotencyKeys,
    contentIdempotencyKeys: Number(contentKeys.numDeletedRows),
    failedMail: mail.failedMail,
    devMailbox: mail.devMailbox,
    codeFailures: signatures.codeFailures,
    signInCodes: Number(signInCodes.numDeletedRows),
    sessions: Number(sessions.numDeletedRows),
  }
}

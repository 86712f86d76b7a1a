import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { purgeExpiredSignIns } from '../domains/accounts/expired-sign-ins.js'
import { purgeExpiredReplies } from '../domains/content-writes/idempotency-store.js'
import { purgeStaleSignatureRows } from '../domains/signatures/signature-maintenance.js'
import { purgeOldDeliveries } from '../domains/webhooks/webhook-outbox.js'
import { purgeStaleMail } from '../mail/stale-mail.js'

/**
 * Deletes what is no longer needed and should not be kept, each domain its own tables: signatures'
 * idempotency keys and wrong-code counts (signature-maintenance.ts), the publishing API's remembered
 * replies (idempotency-store.ts), mail that could never be delivered and old development mail
 * (mail/stale-mail.ts), expired sign-in codes and sessions (accounts/expired-sign-ins.ts), and webhook
 * deliveries whose log has been kept long enough (webhooks/webhook-outbox.ts).
 */
export async function purgeStaleRows(
  db: Kysely<DB>,
): Promise<{ idempotencyKeys: number; contentIdempotencyKeys: number; failedMail: number; devMailbox: number; codeFailures: number; signInCodes: number; sessions: number; webhookDeliveries: number }> {
  const signatures = await purgeStaleSignatureRows(db)
  const contentIdempotencyKeys = await purgeExpiredReplies(db)
  const mail = await purgeStaleMail(db)
  const signIns = await purgeExpiredSignIns(db)
  const webhookDeliveries = await purgeOldDeliveries(db)
  return {
    idempotencyKeys: signatures.idempotencyKeys,
    contentIdempotencyKeys,
    failedMail: mail.failedMail,
    devMailbox: mail.devMailbox,
    codeFailures: signatures.codeFailures,
    ...signIns,
    webhookDeliveries,
  }
}

import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { petitionsEndedBefore } from '../petitions/petition-facts.js'
import { IDEMPOTENCY_KEY_HOURS } from './idempotency.js'
import { deleteSignaturesInChunks } from './signatures-in-chunks.js'

/**
 * The signatures domain's housekeeping, run by the maintenance jobs (jobs/jobs-plugin.ts) through
 * `app.signatures`. Each takes the job's connection and runs every query on it (jobs/run-exclusive.ts).
 */

const CHUNK = 1000

/**
 * Deletes signatures never confirmed within `pendingDays` of their (last) confirmation email, with their
 * undelivered mail (cascade). They never counted, so no count changes. Works in chunks, skipping rows
 * another transaction is confirming at this very moment.
 */
export function expirePendingSignatures(db: Kysely<DB>, pendingDays: number): Promise<number> {
  return deleteSignaturesInChunks(db, CHUNK, (query) =>
    query.where('status', '=', 'pending').where(sql<boolean>`confirmation_sent_at < now() - make_interval(days => ${pendingDays})`),
  )
}

/**
 * Erases signers' personal data `retentionDays` after their petition ended (closing date, or when it was
 * closed early, rejected or withdrawn). The rows stay, with their country, source and status, so every
 * count stays the same; the email hash stays too (it is keyed, and keeps "one signature per person").
 */
export async function anonymiseSignatures(db: Kysely<DB>, retentionDays: number): Promise<number> {
  let anonymised = 0
  for (;;) {
    const result = await db
      .updateTable('signatures')
      .set({ email: null, first_name: null, last_name: null, city: null, comment: null, source_url: null, anonymised_at: sql`now()` })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('signatures')
          .select('id')
          .where('anonymised_at', 'is', null)
          .where('petition_id', 'in', petitionsEndedBefore(retentionDays))
          .limit(CHUNK)
          .forUpdate()
          .skipLocked(),
      )
      .executeTakeFirst()
    const count = Number(result.numUpdatedRows)
    anonymised += count
    if (count < CHUNK) return anonymised
  }
}

/**
 * Deletes idempotency keys past any retry, and counts of wrong confirmation codes no one has added to for
 * 30 days (five guesses a month is still no way to a code).
 */
export async function purgeStaleSignatureRows(db: Kysely<DB>): Promise<{ idempotencyKeys: number; codeFailures: number }> {
  const keys = await db
    .deleteFrom('idempotency_keys')
    .where(sql<boolean>`created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})`)
    .executeTakeFirst()
  const codes = await db.deleteFrom('code_failures').where(sql<boolean>`last_failed_at < now() - interval '30 days'`).executeTakeFirst()
  return { idempotencyKeys: Number(keys.numDeletedRows), codeFailures: Number(codes.numDeletedRows) }
}

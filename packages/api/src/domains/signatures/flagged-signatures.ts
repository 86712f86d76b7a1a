import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { deleteSignaturesInChunks } from './signatures-in-chunks.js'

/** How long a burst-flagged signature waits for a moderator before the job invalidates it. */
export const FLAG_HOLD_MS = 24 * 60 * 60_000
/** Signatures changed per transaction, so a large burst never holds locks for long. */
const BATCH_SIZE = 500

export interface SettleOptions {
  /** How long a flag waits for a moderator (FLAG_HOLD_MS). */
  holdMs?: number
  now?: Date
}

export interface SettledSignatures {
  /** Burst-flagged signatures invalidated (a confirmed one moves to the published `invalidated` count). */
  invalidated: number
  /** Unconfirmed honeypot rows deleted. */
  removed: number
}

/** Invalidates these signatures with `reason`; returns how many changed (SignatureService, which also forgets their counts). */
export type InvalidateSignatures = (signatureIds: readonly string[], reason: string) => Promise<number>

/**
 * Settles the signatures the abuse checks held back (validity 'flagged', never counted while flagged), as
 * e-petitions does in a background job.
 *
 * - 'honeypot', still unconfirmed: deleted at once. Such a row is never a person (no email was even sent),
 *   and deleting it frees its (petition, email) slot: a bot that typed someone else's address must not
 *   stop that person from signing. It never counted, so no count changes.
 * - 'ip-burst', 'petition-burst' (and any other flag): invalidated after `holdMs` (24 hours by default),
 *   keeping the flag as the reason. Because many honest people share one IP, a moderator checks a burst
 *   in that time and releases the honest signatures with app.signatures.setValidity(request, ids, 'valid');
 *   what nobody released is invalidated, through `invalidate`.
 *
 * Safe to run on several instances at once: rows are taken under lock, and settled rows are skipped.
 *
 * @example
 * await app.signatures.settleFlagged(conn) // from the job; { holdMs: 0 } settles every flag now
 */
export async function settleFlaggedSignatures(
  db: Kysely<DB>,
  invalidate: InvalidateSignatures,
  { holdMs = FLAG_HOLD_MS, now = new Date() }: SettleOptions = {},
): Promise<SettledSignatures> {
  return { removed: await removeHoneypotRows(db), invalidated: await invalidateHeldBursts(db, invalidate, new Date(now.getTime() - holdMs)) }
}

function removeHoneypotRows(db: Kysely<DB>): Promise<number> {
  return deleteSignaturesInChunks(db, BATCH_SIZE, (query) =>
    query.where('validity', '=', 'flagged').where('flag_reason', '=', 'honeypot').where('status', '=', 'pending'),
  )
}

async function invalidateHeldBursts(db: Kysely<DB>, invalidate: InvalidateSignatures, flaggedBefore: Date): Promise<number> {
  let invalidated = 0
  for (;;) {
    const due = await db
      .selectFrom('signatures')
      .select(['id', 'flag_reason'])
      .where('validity', '=', 'flagged')
      .where('created_at', '<=', flaggedBefore)
      .orderBy('created_at')
      .limit(BATCH_SIZE)
      .execute()
    if (due.length === 0) return invalidated
    // One call per reason, so that each signature keeps its own.
    const byReason = new Map<string, string[]>()
    for (const row of due) {
      const reason = row.flag_reason ?? 'flagged'
      byReason.set(reason, [...(byReason.get(reason) ?? []), row.id])
    }
    let changed = 0
    for (const [reason, ids] of byReason) changed += await invalidate(ids, reason)
    invalidated += changed
    // Nothing changed: another instance settled this batch first, and will carry on.
    if (changed === 0 || due.length < BATCH_SIZE) return invalidated
  }
}

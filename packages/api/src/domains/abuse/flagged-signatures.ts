import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { setSignatureValidity } from '../signatures/signature-counts.js'
import type { SignatureFlag } from './signature-checks.js'

/** How long a burst-flagged signature waits for a moderator before the job invalidates it. */
export const FLAG_HOLD_MS = 24 * 60 * 60_000
/** Signatures changed per transaction, so a large burst never holds locks for long. */
const BATCH_SIZE = 500

/** Flags that are settled at once: a filled honeypot is never a person, there is nothing to check. */
const SETTLED_AT_ONCE: readonly SignatureFlag[] = ['honeypot']

/**
 * Settles the signatures the abuse checks held back (validity 'flagged', not counted), as e-petitions
 * does in a background job: they are invalidated, keeping their flag as the reason, and a confirmed one
 * moves to the petition's published `invalidated` count.
 *
 * - 'honeypot': at once.
 * - 'ip-burst', 'petition-burst': only after `holdMs` (24 hours by default). Because many honest people
 *   share one IP, a moderator checks a burst in that time and releases the honest signatures with
 *   setSignatureValidity(db, ids, 'valid'); what nobody released is invalidated.
 *
 * Safe to run on every instance at once: a signature already settled is skipped under its row lock.
 * Returns how many signatures it invalidated.
 *
 * @example
 * await settleFlaggedSignatures(app.db) // from a timer; { holdMs: 0 } settles every flag now
 */
export async function settleFlaggedSignatures(db: Kysely<DB>, { holdMs = FLAG_HOLD_MS, now = new Date() } = {}): Promise<number> {
  const heldSince = new Date(now.getTime() - holdMs)
  let invalidated = 0
  for (;;) {
    const due = await db
      .selectFrom('signatures')
      .select(['id', 'flag_reason'])
      .where('validity', '=', 'flagged')
      .where((eb) => eb.or([eb('flag_reason', 'in', SETTLED_AT_ONCE), eb('created_at', '<=', heldSince)]))
      .orderBy('created_at')
      .limit(BATCH_SIZE)
      .execute()
    if (due.length === 0) return invalidated
    // One call per reason, so that each signature keeps its own reason.
    const byReason = new Map<string, { id: string }[]>()
    for (const row of due) {
      const reason = row.flag_reason ?? 'flagged'
      byReason.set(reason, [...(byReason.get(reason) ?? []), row])
    }
    let changed = 0
    for (const [reason, rows] of byReason) {
      changed += await setSignatureValidity(db, rows.map((row) => row.id), 'invalidated', reason)
    }
    invalidated += changed
    // Another instance settled this batch first: what is left will be picked up by the next run.
    if (changed === 0 || due.length < BATCH_SIZE) return invalidated
  }
}

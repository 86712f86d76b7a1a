import { type Kysely, type Selectable, sql } from 'kysely'
import type { MailOutboxTable } from '../db/petition-tables.js'
import type { DB } from '../db/schema.js'

/**
 * The transactional outbox. A row is written in the same transaction as what it announces (a signature),
 * so a committed signature always gets its email and a rolled-back one never does. Workers in every
 * instance take rows with a lease (FOR UPDATE SKIP LOCKED, then `locked_until`): two workers never take
 * the same row, and a row taken by an instance that died is taken again once its lease runs out. The
 * worker claims a few rows at a time, renews their lease while it sends them, and deletes each row as soon
 * as its message is accepted, so a slow SMTP server never lets a lease run out under a live sender. That
 * is at-least-once delivery: a crash between sending and deleting sends the email twice, never zero times.
 */

export type OutboxRow = Pick<Selectable<MailOutboxTable>, 'id' | 'kind' | 'recipient' | 'locale' | 'payload' | 'attempts'>

export const MAX_ATTEMPTS = 12

/** `now()` plus a lease of `leaseMs` milliseconds, in the database's clock (every instance shares it). */
function leaseEnd(leaseMs: number) {
  return sql<Date>`now() + ${Math.round(leaseMs)}::integer * interval '1 millisecond'`
}

/** Claims up to `limit` due messages for this worker, for `leaseMs` (see renewMailLease). */
export async function claimDueMail(db: Kysely<DB>, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  return db
    .updateTable('mail_outbox')
    .set({ locked_until: leaseEnd(leaseMs), attempts: sql`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_outbox')
        .select('id')
        .where('failed_at', 'is', null)
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .where((inner) => inner.or([inner('locked_until', 'is', null), inner('locked_until', '<', sql<Date>`now()`)]))
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'kind', 'recipient', 'locale', 'payload', 'attempts'])
    .execute()
}

/** Still sending these: they stay this worker's for another `leaseMs`. */
export async function renewMailLease(db: Kysely<DB>, ids: readonly number[], leaseMs: number): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('mail_outbox').set({ locked_until: leaseEnd(leaseMs) }).where('id', 'in', [...ids]).where('locked_until', 'is not', null).execute()
}

/** Delivered (or nothing left to deliver): the rows go, and with them the addresses and one-time secrets they held. */
export async function completeMail(db: Kysely<DB>, ids: number[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('mail_outbox').where('id', 'in', ids).execute()
}

/**
 * Not delivered: retried with exponential backoff and jitter (5 s, 10 s, 20 s... capped at an hour), or
 * given up after MAX_ATTEMPTS or on a permanent refusal (the purge job deletes failed rows later).
 */
export async function failMail(db: Kysely<DB>, row: OutboxRow, error: unknown, permanent: boolean): Promise<void> {
  const giveUp = permanent || row.attempts >= MAX_ATTEMPTS
  const delayMs = Math.min(5_000 * 2 ** (row.attempts - 1), 3_600_000) * (0.8 + Math.random() * 0.4)
  await db
    .updateTable('mail_outbox')
    .set({
      locked_until: null,
      // Kept for operators, without the addresses SMTP errors quote.
      last_error: String(error instanceof Error ? error.message : error).replace(/[^\s<>@"']+@[^\s<>@"']+/g, '<address>').slice(0, 500),
      next_attempt_at: new Date(Date.now() + delayMs),
      failed_at: giveUp ? sql`now()` : null,
    })
    .where('id', '=', row.id)
    .execute()
}

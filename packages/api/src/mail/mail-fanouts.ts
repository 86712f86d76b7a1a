import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'
import { responseRecipients } from '../domains/signatures/signature-facts.js'
import { queueMailsStatement } from './render-outbox-mail.js'

/**
 * Announcements to many (a petition's response to its consenting signers), queued in bounded chunks.
 *
 * The mail consumer records the announcement (queueFanout) in the transaction that advances its position:
 * one small row, however many signers. The mail worker then expands it (expandFanoutChunk): each chunk
 * inserts at most `chunkSize` outbox rows and moves the fan-out's `after_signature_id` past them in one
 * short transaction. A crash mid-way rolls back only the chunk in hand, which the next round queues again:
 * no signer is skipped or mailed twice, no statement holds 100,000 rows, and no transaction lasts long.
 */

/** The kinds of announcement to many, and the rows each chunk reads (after a signature id, at most `limit`). */
const RECIPIENTS = {
  'petition-response': responseRecipients,
} as const

export type FanoutKind = keyof typeof RECIPIENTS

/** Records an announcement to many, in the caller's transaction: it is expanded if and only if that commits. */
export async function queueFanout(db: Kysely<DB>, fanout: { kind: FanoutKind; petitionId: string; payload: Record<string, unknown> }): Promise<void> {
  await db.insertInto('mail_fanouts').values({ kind: fanout.kind, petition_id: fanout.petitionId, payload: JSON.stringify(fanout.payload) }).execute()
}

/**
 * Queues the next chunk of one pending fan-out (another instance's is skipped, not waited for) and resolves
 * with how many messages it queued, or null when no fan-out was pending. The fan-out row is deleted with its
 * last, short chunk.
 */
export async function expandFanoutChunk(db: Kysely<DB>, chunkSize: number): Promise<number | null> {
  return db.transaction().execute((trx) => queueFanoutChunk(trx, chunkSize))
}

/** expandFanoutChunk's work, in the caller's transaction: the chunk and the fan-out's progress commit together or not at all. */
export async function queueFanoutChunk(trx: Kysely<DB>, chunkSize: number): Promise<number | null> {
  const fanout = await trx.selectFrom('mail_fanouts').selectAll().orderBy('id').limit(1).forUpdate().skipLocked().executeTakeFirst()
  if (!fanout) return null
  const kind = fanout.kind as FanoutKind
  if (!Object.hasOwn(RECIPIENTS, kind)) throw new Error(`Unknown fan-out kind: ${fanout.kind}`)
  const chunk = RECIPIENTS[kind](fanout.petition_id, JSON.stringify(fanout.payload), { afterId: fanout.after_signature_id, limit: chunkSize })
  const { rows } = await sql<{ queued: number; last: string | null }>`
    WITH chunk (id, recipient, locale, payload) AS (${chunk}),
      queued AS (${queueMailsStatement(kind, sql`SELECT id, recipient, locale, payload FROM chunk`)})
    SELECT (SELECT count(*) FROM queued)::int AS queued, (SELECT id::text FROM chunk ORDER BY id DESC LIMIT 1) AS last`.execute(trx)
  const { queued, last } = rows[0] ?? { queued: 0, last: null }
  if (queued < chunkSize || last === null) await trx.deleteFrom('mail_fanouts').where('id', '=', fanout.id).execute()
  else await trx.updateTable('mail_fanouts').set({ after_signature_id: last }).where('id', '=', fanout.id).execute()
  return queued
}

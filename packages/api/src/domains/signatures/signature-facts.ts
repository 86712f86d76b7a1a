import { type RawBuilder, sql } from 'kysely'

/**
 * What other parts of WeGov (the mail consumer) need of the signatures, as SQL they embed in their own
 * statement: the signatures table is read here, never there.
 */

/**
 * The next chunk of a petition's signers to tell of its official response, as rows (signature_id, recipient,
 * locale, payload) for queueMailsStatement: confirmed, valid, not anonymised, and who asked for it when
 * signing (consent_response, whose address was kept for it), in id order after `afterId`, at most `limit`.
 * `payload` is the same JSON for each. The partial index on (petition_id, id) WHERE consent_response
 * (migration 0016) serves each chunk as a range scan.
 *
 * @example
 * sql`WITH chunk AS (${responseRecipients(petitionId, JSON.stringify(payload), { afterId, limit: 500 })}) ...`
 */
export function responseRecipients(petitionId: string, payload: string, chunk: { afterId: string | null; limit: number }): RawBuilder<unknown> {
  return sql`SELECT id, email, locale, ${payload}::jsonb FROM signatures
    WHERE petition_id = ${petitionId} AND consent_response AND status = 'confirmed' AND validity = 'valid'
      AND anonymised_at IS NULL AND email IS NOT NULL
      ${chunk.afterId === null ? sql`` : sql`AND id > ${chunk.afterId}::uuid`}
    ORDER BY id LIMIT ${chunk.limit}`
}

import { type RawBuilder, sql } from 'kysely'

/**
 * What other parts of WeGov (the mail consumer) need of the signatures, as SQL they embed in their own
 * statement: the signatures table is read here, never there.
 */

/**
 * The signers of a petition to tell of its official response, as rows (signature_id, recipient, locale,
 * payload) for queueMailsStatement: confirmed, valid, not anonymised, and who asked for it when signing
 * (consent_response, whose address was kept for it). `payload` is the same JSON for each. The partial index
 * on consent_response finds them without reading the petition's other signatures.
 *
 * @example
 * sql`${queueMailsStatement('petition-response', responseRecipients(petitionId, JSON.stringify(payload)))}`
 */
export function responseRecipients(petitionId: string, payload: string): RawBuilder<unknown> {
  return sql`SELECT id, email, locale, ${payload}::jsonb FROM signatures
    WHERE petition_id = ${petitionId} AND consent_response AND status = 'confirmed' AND validity = 'valid'
      AND anonymised_at IS NULL AND email IS NOT NULL`
}

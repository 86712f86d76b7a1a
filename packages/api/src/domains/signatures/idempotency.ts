import { hash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'

/** Keys are stored in the database (table idempotency_keys), so a retry that lands on another instance is still recognised. */
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/
/** How long a key is remembered: far longer than any client retries. The purge job removes older ones. */
export const IDEMPOTENCY_KEY_HOURS = 24

/** The Idempotency-Key header, checked; undefined when absent. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) throw new WeGovError('WEGOV_IDEMPOTENCY_KEY_INVALID')
  return header
}

/**
 * What makes two requests "the same" for a key: the petition and the body, without the proof of work and
 * the honeypot (a client that retries may solve a new challenge).
 */
export function idempotencyFingerprint(petitionId: string, body: Record<string, unknown>): string {
  const { altcha: _altcha, website: _website, ...rest } = body
  return hash('sha256', `${petitionId}\n${JSON.stringify(rest)}`, 'base64url')
}

/**
 * The stored answer for a key, if a request with it already succeeded (on any instance); throws
 * WEGOV_IDEMPOTENCY_KEY_REUSED if that request was a different one. The signing batch claims keys and
 * finds earlier ones itself; this lookup is for a request refused before it reaches the batch.
 */
export async function findIdempotentAnswer(db: Kysely<DB>, key: string, fingerprint: string): Promise<unknown> {
  const previous = await db.selectFrom('idempotency_keys').select(['fingerprint', 'body']).where('key', '=', key).executeTakeFirst()
  if (previous && previous.fingerprint !== fingerprint) throw new WeGovError('WEGOV_IDEMPOTENCY_KEY_REUSED')
  return previous?.body
}

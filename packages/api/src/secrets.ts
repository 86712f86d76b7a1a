import { createHmac, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from './db/schema.js'

/** Below this, a configured secret could be brute-forced from the HMACs it produces. */
const MIN_SECRET_LENGTH = 32
const GENERATED_NAME = 'master'

/**
 * The server's master secret: WEGOV_SECRET (config.secret) when set, otherwise one generated on the first
 * start and kept in the `wegov_secrets` table, so that every instance and every restart agrees on it
 * without anyone having to configure anything. Never use it directly: derive one key per purpose with
 * `deriveKey`, so that a key that leaks (or is rotated) for one purpose says nothing about the others.
 *
 * @example
 * const secret = await loadSecret(app.db, config.secret)
 * const powKey = deriveKey(secret, 'pow')
 */
export async function loadSecret(db: Kysely<DB>, configured?: string): Promise<string> {
  if (configured !== undefined) {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new Error(`WEGOV_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`)
    }
    return configured
  }
  // Two instances starting at once may both generate one: the first insert wins and both read it back.
  await db
    .insertInto('wegov_secrets')
    .values({ name: GENERATED_NAME, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const row = await db.selectFrom('wegov_secrets').select('value').where('name', '=', GENERATED_NAME).executeTakeFirstOrThrow()
  return row.value
}

/**
 * A key for one purpose ('pow', 'email-hash', ...), derived from the master secret with HMAC-SHA256.
 *
 * @example
 * deriveKey(secret, 'email-hash') // 64 hex characters, stable for a given secret
 */
export function deriveKey(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(`wegov:${purpose}`).digest('hex')
}

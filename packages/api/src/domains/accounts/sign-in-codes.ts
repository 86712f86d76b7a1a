import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import { type Kysely, type Transaction, sql } from 'kysely'
import type { DB, Lang } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { queueMail } from '../../mail/render-outbox-mail.js'
import type { SignInCodeMailPayload } from '../../mail/sign-in-code-mail.js'
import type { HitCount, HitCounter } from '../abuse/hit-counter.js'
import { deriveKey } from '../../secrets.js'
import { normaliseCode } from '../signatures/confirmation.js'

/** How long a code (and its link) can be used. */
export const CODE_MINUTES = 10
/** Wrong codes allowed per code: five guesses against a million values. Then only a new code helps. */
export const MAX_CODE_ATTEMPTS = 5
/** Codes one address may be sent per hour, whoever asks: nobody can flood an inbox through WeGov. */
export const CODES_PER_HOUR = 5

/** What a code is compared with when no code was asked for this address: the same HMAC, against nothing. */
const STAND_IN_HASH = '0'.repeat(64)
/** A link token: 43 random characters, a dot, then the address sealed (see sealAddress). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{38,700}$/

/**
 * The keyed hashes of sign-in. The table never holds the address, the code or the link token:
 * - the address is an HMAC (email_hash), so a code can be asked for an address with no account yet
 *   without writing that address down;
 * - a 6-digit code has a million values, so a plain hash would be reversed at once: an HMAC bound to the
 *   address;
 * - the link token carries the address sealed with AES-256-GCM, so that the link alone (the console page
 *   POSTs only the token) says who signs in, while the database still does not.
 */
export interface SignInKeys {
  emailHash(address: string): string
  sameCode(emailHash: string, code: string, storedHash: string): boolean
  codeHash(emailHash: string, code: string): string
  tokenHash(token: string): string
  newToken(address: string): string
  /** The address a link token was made for, or null when it was not made with this key. */
  addressOf(token: string): string | null
}

export function signInKeys(secret: string): SignInKeys {
  const hmacKey = deriveKey(secret, 'sign-in')
  const sealKey = Buffer.from(deriveKey(secret, 'sign-in-address'), 'hex')
  const hmac = (value: string) => createHmac('sha256', hmacKey).update(value).digest('hex')
  const codeHash = (emailHash: string, code: string) => hmac(`code:${emailHash}:${code}`)
  return {
    emailHash: (address) => hmac(`email:${address}`),
    codeHash,
    sameCode(emailHash, code, storedHash) {
      const computed = Buffer.from(codeHash(emailHash, code))
      const stored = Buffer.from(storedHash)
      return computed.length === stored.length && timingSafeEqual(computed, stored)
    },
    tokenHash: (token) => hmac(`token:${token}`),
    newToken(address) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv)
      const sealed = Buffer.concat([iv, cipher.update(address, 'utf8'), cipher.final(), cipher.getAuthTag()])
      return `${randomBytes(32).toString('base64url')}.${sealed.toString('base64url')}`
    },
    addressOf(token) {
      if (!TOKEN_PATTERN.test(token)) return null
      const sealed = Buffer.from(token.slice(token.indexOf('.') + 1), 'base64url')
      if (sealed.length < 12 + 16 + 1) return null
      try {
        const decipher = createDecipheriv('aes-256-gcm', sealKey, sealed.subarray(0, 12))
        decipher.setAuthTag(sealed.subarray(sealed.length - 16))
        return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]).toString('utf8')
      } catch {
        return null
      }
    },
  }
}

/** A 6-digit code, uniformly drawn (leading zeros kept). */
function newCode(): string {
  return String(randomInt(1_000_000)).padStart(6, '0')
}

/**
 * Sends a new code (and link) to an address, replacing any earlier one. Exactly the same work whether or
 * not the address belongs to someone: nobody is looked up, since a first sign-in creates the person.
 */
export async function sendSignInCode(db: Kysely<DB>, keys: SignInKeys, request: { address: string; lang: Lang; baseUrl: string }): Promise<void> {
  const emailHash = keys.emailHash(request.address)
  const code = newCode()
  const token = keys.newToken(request.address)
  const row = {
    code_hash: keys.codeHash(emailHash, code),
    token_hash: keys.tokenHash(token),
    lang: request.lang,
    attempts: 0,
    expires_at: sql<Date>`now() + ${CODE_MINUTES}::integer * interval '1 minute'`,
    created_at: sql<Date>`now()`,
  }
  const payload: SignInCodeMailPayload = { code, token, baseUrl: request.baseUrl, expiresInMinutes: CODE_MINUTES }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sign_in_codes')
      .values({ email_hash: emailHash, ...row })
      .onConflict((oc) => oc.column('email_hash').doUpdateSet(row))
      .execute()
    await queueMail(trx, { kind: 'sign-in-code', recipient: request.address, locale: request.lang, payload: { ...payload } })
  })
}

/** What a proven sign-in does, in the transaction that spends the code: find or create the person. */
export type SignInStep<T> = (trx: Transaction<DB>, proven: { address: string; lang: Lang }) => Promise<T>

type Outcome<T> = { kind: 'invalid' } | { kind: 'expired' } | { kind: 'signed-in'; value: T }

function settle<T>(outcome: Outcome<T>): T {
  if (outcome.kind === 'invalid') throw new WeGovError('WEGOV_SIGN_IN_CODE_INVALID')
  if (outcome.kind === 'expired') throw new WeGovError('WEGOV_SIGN_IN_CODE_EXPIRED')
  return outcome.value
}

/**
 * Signs in with the address and the 6-digit code. A wrong code, an address no code was sent to and a
 * spent code all answer WEGOV_SIGN_IN_CODE_INVALID; only someone holding the right code learns that it
 * expired. A wrong code runs the same statements whether or not a code exists (look it up, compare an
 * HMAC, count the failure, commit), so neither the answer nor its timing tells who asked for one.
 */
export async function signInWithCode<T>(db: Kysely<DB>, keys: SignInKeys, attempt: { address: string; code: string }, step: SignInStep<T>): Promise<T> {
  const code = normaliseCode(attempt.code)
  if (!code) throw new WeGovError('WEGOV_SIGN_IN_CODE_INVALID')
  const emailHash = keys.emailHash(attempt.address)
  // The failure count must commit even though the request fails, so errors are thrown after the transaction.
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome<T>> => {
    const row = await trx
      .selectFrom('sign_in_codes')
      .select(['code_hash', 'attempts', 'lang', sql<boolean>`expires_at <= now()`.as('expired')])
      .where('email_hash', '=', emailHash)
      .forUpdate()
      .executeTakeFirst()
    const right = keys.sameCode(emailHash, code, row?.code_hash ?? STAND_IN_HASH)
    if (!row || !right || row.attempts >= MAX_CODE_ATTEMPTS) {
      await trx.updateTable('sign_in_codes').set({ attempts: sql`attempts + 1` }).where('email_hash', '=', emailHash).execute()
      return { kind: 'invalid' }
    }
    if (row.expired) return { kind: 'expired' }
    await trx.deleteFrom('sign_in_codes').where('email_hash', '=', emailHash).execute()
    return { kind: 'signed-in', value: await step(trx, { address: attempt.address, lang: row.lang }) }
  })
  return settle(outcome)
}

/**
 * Signs in with the token of the emailed link (POSTed by the console page it opens). The token names its
 * address; it works once, within the code's lifetime, and even after five wrong codes: 256 random bits
 * cannot be guessed, and the real person should not be locked out by someone guessing codes.
 */
export async function signInWithToken<T>(db: Kysely<DB>, keys: SignInKeys, token: string, step: SignInStep<T>): Promise<T> {
  const address = keys.addressOf(token)
  if (address === null) throw new WeGovError('WEGOV_SIGN_IN_CODE_INVALID')
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome<T>> => {
    const row = await trx
      .selectFrom('sign_in_codes')
      .select(['email_hash', 'lang', sql<boolean>`expires_at <= now()`.as('expired')])
      .where('token_hash', '=', keys.tokenHash(token))
      .forUpdate()
      .executeTakeFirst()
    if (!row || row.email_hash !== keys.emailHash(address)) return { kind: 'invalid' }
    if (row.expired) return { kind: 'expired' }
    await trx.deleteFrom('sign_in_codes').where('email_hash', '=', row.email_hash).execute()
    return { kind: 'signed-in', value: await step(trx, { address, lang: row.lang }) }
  })
  return settle(outcome)
}

/**
 * Counts one code sent to an address (by its keyed hash) and refuses past CODES_PER_HOUR with
 * WEGOV_RATE_LIMITED. If the shared counter cannot be reached the code is sent: the per-IP limit still holds.
 */
export async function countCodeSent(hits: HitCounter, emailHash: string, log: FastifyBaseLogger): Promise<void> {
  let count: HitCount
  try {
    count = await hits.hit(`sign-in:${emailHash}`, 3_600_000)
  } catch (error) {
    log.warn({ err: error }, 'sign-in code counter unavailable')
    return
  }
  if (count.count > CODES_PER_HOUR) {
    throw new WeGovError('WEGOV_RATE_LIMITED', { headers: { 'retry-after': String(Math.max(1, Math.ceil(count.resetInMs / 1000))) } })
  }
}

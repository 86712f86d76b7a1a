import { type KeyObject, createHmac, hash, timingSafeEqual } from 'node:crypto'
import { createChallenge } from 'altcha-lib'
import type { Challenge } from 'altcha-lib/types'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'

/** Long enough for a person to fill in the form after the widget has solved the challenge. */
export const CHALLENGE_TTL_MS = 20 * 60 * 1000
/** A base64 ALTCHA payload is about 300 characters; anything far longer is not one. */
const MAX_PAYLOAD_LENGTH = 2000
const HEX_64 = /^[0-9a-f]{64}$/
/** The expiry createChallenge puts in the salt (`…?expires=<seconds>&`), which the signature covers. */
const EXPIRES_IN_SALT = /[?&]expires=(\d{1,15})(?:&|$)/

/**
 * A new ALTCHA challenge (the JSON the altcha widget and altcha-lib's solveChallenge understand). The
 * expiry is inside the salt, which the signature covers, so a client cannot extend it.
 */
export function issueChallenge(hmacKey: string, maxNumber: number): Promise<Challenge> {
  return createChallenge({
    algorithm: 'SHA-256',
    hmacKey,
    maxnumber: maxNumber,
    expires: new Date(Date.now() + CHALLENGE_TTL_MS),
  })
}

interface Solution {
  challenge: string
  number: number
  salt: string
  signature: string
  expiresAt: number
}

/** A solution that passed verification but is not spent yet: it must be spent with the write it pays for. */
export interface ProofOfWork {
  /** The challenge's HMAC: unique per challenge, so it is what marks the solution as spent. */
  signature: string
  expiresAt: Date
}

/**
 * Checks an ALTCHA solution (base64 JSON, as the widget posts it) without touching the database. Throws
 * WEGOV_POW_REQUIRED or WEGOV_POW_INVALID (tampered, forged or expired). The solution is spent later, in
 * the same statement as the signature it pays for (spendProofsStatement), so signing pays no commit of
 * its own for it; until then it may be presented again, and the statement refuses all but one use.
 *
 * Verification is done here with node:crypto rather than altcha-lib's verifySolution, for one reason:
 * the signature is compared in constant time (verifySolution uses ===). The computation is the same
 * (challenge = SHA-256(salt + number), signature = HMAC-SHA-256(key, challenge)); the tests check that
 * both agree on what altcha-lib's solver produces.
 */
export function verifyProofOfWork(hmacKey: KeyObject, payload: string | undefined): ProofOfWork {
  if (payload === undefined || payload.trim() === '') throw new WeGovError('WEGOV_POW_REQUIRED')
  const solution = parseSolution(payload)
  if (!solution || solution.expiresAt <= Date.now()) throw new WeGovError('WEGOV_POW_INVALID')
  const challenge = hash('sha256', solution.salt + solution.number, 'hex')
  const signature = createHmac('sha256', hmacKey).update(solution.challenge).digest('hex')
  if (!sameHex(challenge, solution.challenge) || !sameHex(signature, solution.signature)) {
    throw new WeGovError('WEGOV_POW_INVALID')
  }
  return { signature: solution.signature, expiresAt: new Date(solution.expiresAt) }
}

/**
 * The statement that spends proofs, so that each is used once across every instance on the database:
 * it returns the signatures of those it spent now; the others were spent before (or are being spent by a
 * transaction still open, which it waits for). `proofs` selects (signature, expires_at) pairs, each
 * signature once; the signing batch selects them from its own input, so that spending stays a step of
 * its one statement. Sorted (byte order), so two batches that share proofs take their locks in the same
 * order and never deadlock on them.
 */
export function spendProofsStatement(proofs: RawBuilder<unknown>) {
  return sql<{ signature: string }>`INSERT INTO pow_spent (signature, expires_at)
    SELECT proof.signature, proof.expires_at FROM (${proofs}) AS proof(signature, expires_at)
    ORDER BY proof.signature COLLATE "C"
    ON CONFLICT (signature) DO NOTHING
    RETURNING signature`
}

/** Spends one proof on its own (for a write that is not batched). Throws WEGOV_POW_REPLAYED if it was spent before. */
export async function spendProofOfWork(db: Kysely<DB>, proof: ProofOfWork): Promise<void> {
  const { rows } = await spendProofsStatement(sql`SELECT ${proof.signature}::text, ${proof.expiresAt.toISOString()}::timestamptz`).execute(db)
  if (rows.length === 0) throw new WeGovError('WEGOV_POW_REPLAYED')
}

/** Forgets spent solutions whose challenge has expired: verification refuses those anyway. */
export async function purgeSpentProofsOfWork(db: Kysely<DB>): Promise<number> {
  const result = await db.deleteFrom('pow_spent').where('expires_at', '<', new Date()).executeTakeFirst()
  return Number(result.numDeletedRows)
}

function parseSolution(payload: string): Solution | null {
  if (payload.length > MAX_PAYLOAD_LENGTH) return null
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'))
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { algorithm, challenge, number, salt, signature } = value as Record<string, unknown>
  if (algorithm !== 'SHA-256' || typeof challenge !== 'string' || typeof salt !== 'string' || typeof signature !== 'string') {
    return null
  }
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) return null
  if (!HEX_64.test(challenge) || !HEX_64.test(signature) || salt.length > 500) return null
  // Every challenge WeGov issues carries an expiry; one without is not ours (or not any more).
  // (Read with a regular expression rather than altcha-lib's extractParams, a URLSearchParams ten times
  // slower: a forged salt gains nothing from it, as the signature check below refuses any changed salt.)
  const expires = Number(EXPIRES_IN_SALT.exec(salt)?.[1])
  if (!Number.isSafeInteger(expires)) return null
  return { challenge, number, salt, signature, expiresAt: expires * 1000 }
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

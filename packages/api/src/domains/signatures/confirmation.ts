import { type Kysely, type Transaction, sql } from 'kysely'
import type { DB, Lang } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { addToCount, countedAs } from './signature-counts.js'
import { type SignerKeys, TOKEN_PATTERN, tokenHash } from './signer-keys.js'

/**
 * Wrong codes allowed per petition and address: a million codes against five guesses (and a fresh code at
 * most hourly). Spent, they close only the code: the emailed link keeps working for the real signer.
 */
export const MAX_CODE_ATTEMPTS = 5
/** What a code is compared with when the address did not sign: the same HMAC, against nothing that matches. */
const STAND_IN = { id: '00000000-0000-0000-0000-000000000000', codeHash: '0'.repeat(64) }

interface Confirmable {
  id: string
  petition_id: string
  status: 'pending' | 'confirmed'
  validity: 'valid' | 'flagged' | 'invalidated'
  country: string
  source_partner: string | null
  locale: Lang
  source_url: string | null
  expired: boolean
}

/**
 * The signature a link belongs to, as the pages it opens need it: its petition, the signer's language,
 * and the page it was signed from. Nothing that names the signer.
 */
export interface LinkedSignature {
  petitionId: string
  locale: Lang
  sourceUrl: string | null
}

function linked(row: { petition_id: string; locale: Lang; source_url: string | null }): LinkedSignature {
  return { petitionId: row.petition_id, locale: row.locale, sourceUrl: row.source_url }
}

/**
 * The signature an emailed link names, read only: opening a link (GET, which mail scanners do) changes
 * nothing. Undefined for an unknown token, or one whose signature was withdrawn.
 */
export async function findLinkedSignature(db: Kysely<DB>, action: 'confirm' | 'withdraw', token: string): Promise<LinkedSignature | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined
  const row = await db
    .selectFrom('signatures')
    .select(['petition_id', 'locale', 'source_url'])
    .where(action === 'confirm' ? 'confirm_token_hash' : 'withdraw_token_hash', '=', tokenHash(token))
    .executeTakeFirst()
  return row && linked(row)
}

function selectConfirmable(trx: Transaction<DB>, pendingDays: number) {
  return trx
    .selectFrom('signatures')
    .select([
      'id', 'petition_id', 'status', 'validity', 'country', 'source_partner', 'locale', 'source_url', 'code_hash',
      sql<boolean>`confirmation_sent_at < now() - make_interval(days => ${pendingDays})`.as('expired'),
    ])
    .forUpdate()
}

async function confirm(trx: Transaction<DB>, row: Confirmable): Promise<void> {
  await trx.updateTable('signatures').set({ status: 'confirmed', confirmed_at: sql`now()` }).where('id', '=', row.id).execute()
  await addToCount(trx, { petitionId: row.petition_id, country: row.country, source: row.source_partner, ...countedAs(row.validity) })
}

/**
 * Confirms with the token of the emailed link. Confirming twice is not an error (people click twice).
 * Throws WEGOV_CONFIRMATION_INVALID or WEGOV_CONFIRMATION_EXPIRED.
 */
export async function confirmByToken(db: Kysely<DB>, token: string, pendingDays: number): Promise<LinkedSignature> {
  if (!TOKEN_PATTERN.test(token)) throw new WeGovError('WEGOV_CONFIRMATION_INVALID')
  return db.transaction().execute(async (trx) => {
    const row = await selectConfirmable(trx, pendingDays).where('confirm_token_hash', '=', tokenHash(token)).executeTakeFirst()
    if (!row) throw new WeGovError('WEGOV_CONFIRMATION_INVALID')
    if (row.status === 'pending') {
      if (row.expired) throw new WeGovError('WEGOV_CONFIRMATION_EXPIRED')
      await confirm(trx, row)
    }
    return linked(row)
  })
}

/** Arabic-Indic and Persian digits become ASCII; spaces and dashes people type between groups go. */
export function normaliseCode(raw: string): string | null {
  const code = raw
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[\s-]/g, '')
  return /^\d{6}$/.test(code) ? code : null
}

/**
 * Confirms with the 6-digit code typed where the person signed. Every failure is the same
 * WEGOV_CONFIRMATION_INVALID (no signature, wrong code, too many wrong codes), so the answer never tells
 * whether an address signed; only someone holding the right code learns that it expired.
 *
 * Nor does the time it takes: whether the address signed or not, a wrong code runs the same statements in
 * one transaction (look up the signature and the failure count, compare an HMAC, count the failure in
 * code_failures, commit a write). Counting per (petition, address) rather than per signature row is what
 * lets an unknown address cost the same write.
 */
export async function confirmByCode(
  db: Kysely<DB>,
  keys: SignerKeys,
  attempt: { petitionId: string; emailHash: string; code: string },
  pendingDays: number,
): Promise<{ petitionId: string }> {
  const code = normaliseCode(attempt.code)
  if (!code) throw new WeGovError('WEGOV_CONFIRMATION_INVALID')
  // The wrong-code count must be committed even though the request fails, so the error is thrown outside.
  const outcome = await db.transaction().execute(async (trx) => {
    const row = await selectConfirmable(trx, pendingDays)
      .where('petition_id', '=', attempt.petitionId)
      .where('email_hash', '=', attempt.emailHash)
      .executeTakeFirst()
    const failures = await trx
      .selectFrom('code_failures')
      .select('failures')
      .where('petition_id', '=', attempt.petitionId)
      .where('email_hash', '=', attempt.emailHash)
      .forUpdate()
      .executeTakeFirst()
    const right = keys.sameCode(row?.id ?? STAND_IN.id, code, row?.code_hash ?? STAND_IN.codeHash)
    if (!row || !right || (failures?.failures ?? 0) >= MAX_CODE_ATTEMPTS) {
      await trx
        .insertInto('code_failures')
        .values({ petition_id: attempt.petitionId, email_hash: attempt.emailHash, failures: 1 })
        .onConflict((oc) => oc.columns(['petition_id', 'email_hash']).doUpdateSet({ failures: sql`code_failures.failures + 1`, last_failed_at: sql`now()` }))
        .execute()
      return 'invalid' as const
    }
    if (row.status === 'pending') {
      if (row.expired) return 'expired' as const
      await confirm(trx, row)
    }
    return 'confirmed' as const
  })
  if (outcome === 'invalid') throw new WeGovError('WEGOV_CONFIRMATION_INVALID')
  if (outcome === 'expired') throw new WeGovError('WEGOV_CONFIRMATION_EXPIRED')
  return { petitionId: attempt.petitionId }
}

/**
 * Withdraws a signature: the row and all its personal data are deleted (with any undelivered email, by
 * cascade), and a counted signature comes off the count in the same transaction.
 * Throws WEGOV_WITHDRAWAL_INVALID for an unknown token, or one already used.
 */
export async function withdrawByToken(db: Kysely<DB>, token: string): Promise<LinkedSignature> {
  if (!TOKEN_PATTERN.test(token)) throw new WeGovError('WEGOV_WITHDRAWAL_INVALID')
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('signatures')
      .where('withdraw_token_hash', '=', tokenHash(token))
      .returning(['petition_id', 'status', 'validity', 'country', 'source_partner', 'locale', 'source_url'])
      .executeTakeFirst()
    if (!row) throw new WeGovError('WEGOV_WITHDRAWAL_INVALID')
    if (row.status === 'confirmed') {
      const counted = countedAs(row.validity)
      await addToCount(trx, {
        petitionId: row.petition_id,
        country: row.country,
        source: row.source_partner,
        confirmed: -counted.confirmed,
        invalidated: -counted.invalidated,
      })
    }
    return linked(row)
  })
}

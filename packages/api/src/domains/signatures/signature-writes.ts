import { type Insertable, type Kysely, type Transaction, sql } from 'kysely'
import type { MailOutboxTable, SignatureTable } from '../../db/petition-tables.js'
import type { DB } from '../../db/schema.js'

/** One signing request, ready to write. */
export interface SignatureWrite {
  signature: Insertable<SignatureTable> & { id: string; petition_id: string; email_hash: string }
  /** The confirmation email, or null when none must be sent (a filled honeypot). */
  mail: Omit<Insertable<MailOutboxTable>, 'signature_id'> | null
  /** The code hash is bound to a signature id: when the person had already signed, it is recomputed for that one. */
  codeHashFor(signatureId: string): string
  idempotency: { key: string; fingerprint: string; body: unknown } | null
}

export type SignatureWriteOutcome =
  | { kind: 'written' }
  | { kind: 'replayed'; status: number; body: unknown }
  | { kind: 'key-reused' }
  | { kind: 'petition-not-open' }

/** A pending confirmation is sent again at most this often, however many times a person signs. */
const RESEND_AFTER = sql`interval '1 hour'`

/**
 * Writes several signing requests in ONE transaction (group commit): a round trip per statement for the
 * whole batch instead of per request. Nothing is acknowledged before the commit, so an acknowledged
 * signature is durable.
 *
 * In order: which petitions are open right now (authoritative, the route only checked a cached copy);
 * idempotency keys (a key seen before replays its answer, or is refused if the request differs); the
 * signatures, `ON CONFLICT DO NOTHING` so a second signature by the same person is a silent no-op; a fresh
 * confirmation for a person whose pending one is over an hour old; and the outbox rows of the emails, in
 * the same transaction as their signatures (the transactional outbox).
 *
 * @example
 * const outcomes = await writeSignatures(db, [write1, write2])
 * // BEGIN; SELECT id FROM petitions ...; INSERT INTO signatures ... ON CONFLICT DO NOTHING RETURNING id;
 * // INSERT INTO mail_outbox ...; COMMIT
 */
export async function writeSignatures(db: Kysely<DB>, writes: readonly SignatureWrite[]): Promise<SignatureWriteOutcome[]> {
  return db.transaction().execute(async (trx) => {
    const outcomes: SignatureWriteOutcome[] = writes.map(() => ({ kind: 'written' }))
    const open = await openPetitions(trx, [...new Set(writes.map((w) => w.signature.petition_id))])
    let live = writes.map((_, index) => index).filter((index) => {
      if (open.has(writes[index]!.signature.petition_id)) return true
      outcomes[index] = { kind: 'petition-not-open' }
      return false
    })
    live = await claimIdempotencyKeys(trx, writes, live, outcomes)
    if (live.length === 0) return outcomes

    const inserted = await trx
      .insertInto('signatures')
      .values(live.map((index) => writes[index]!.signature))
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute()
    const insertedIds = new Set(inserted.map((row) => row.id))
    const mails: Insertable<MailOutboxTable>[] = []
    const conflicts: SignatureWrite[] = []
    for (const index of live) {
      const write = writes[index]!
      if (!insertedIds.has(write.signature.id)) conflicts.push(write)
      else if (write.mail) mails.push({ ...write.mail, signature_id: write.signature.id })
    }
    mails.push(...(await renewStaleConfirmations(trx, conflicts)))
    if (mails.length > 0) await trx.insertInto('mail_outbox').values(mails).execute()
    return outcomes
  })
}

async function openPetitions(trx: Transaction<DB>, ids: string[]): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('petitions')
    .select('id')
    .where('id', 'in', ids)
    .where('status', '=', 'open')
    .where('deleted_at', 'is', null)
    .where('opens_at', '<=', sql<Date>`now()`)
    .where('closes_at', '>', sql<Date>`now()`)
    .execute()
  return new Set(rows.map((row) => row.id))
}

/**
 * Records the idempotency keys of this batch. A key already stored (by an earlier request, on any
 * instance) or used twice in this batch replays the first answer when the request is the same, and is
 * refused when it differs. Returns the writes still to perform.
 */
async function claimIdempotencyKeys(
  trx: Transaction<DB>,
  writes: readonly SignatureWrite[],
  live: number[],
  outcomes: SignatureWriteOutcome[],
): Promise<number[]> {
  const firstByKey = new Map<string, number>()
  for (const index of live) {
    const key = writes[index]!.idempotency?.key
    if (key !== undefined && !firstByKey.has(key)) firstByKey.set(key, index)
  }
  if (firstByKey.size === 0) return live

  const claimed = await trx
    .insertInto('idempotency_keys')
    .values([...firstByKey.values()].map((index) => {
      const { key, fingerprint, body } = writes[index]!.idempotency!
      return { key, fingerprint, status: 202, body: JSON.stringify(body) }
    }))
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .execute()
  const claimedKeys = new Set(claimed.map((row) => row.key))
  const earlierKeys = [...firstByKey.keys()].filter((key) => !claimedKeys.has(key))
  const earlier = new Map<string, { fingerprint: string; status: number; body: unknown }>()
  if (earlierKeys.length > 0) {
    const rows = await trx.selectFrom('idempotency_keys').select(['key', 'fingerprint', 'status', 'body']).where('key', 'in', earlierKeys).execute()
    for (const row of rows) earlier.set(row.key, row)
  }

  return live.filter((index) => {
    const idempotency = writes[index]!.idempotency
    if (!idempotency) return true
    const { key, fingerprint } = idempotency
    const first = firstByKey.get(key)!
    const previous = claimedKeys.has(key)
      ? first === index ? undefined : { ...writes[first]!.idempotency!, status: 202 }
      : earlier.get(key)
    if (!previous) return true
    outcomes[index] = previous.fingerprint === fingerprint ? { kind: 'replayed', status: previous.status, body: previous.body } : { kind: 'key-reused' }
    return false
  })
}

/**
 * People who sign again while their confirmation is pending get a fresh one, at most once an hour (the
 * old link and code stop working: only hashes are kept, so the old ones cannot be sent again).
 */
async function renewStaleConfirmations(trx: Transaction<DB>, conflicts: SignatureWrite[]): Promise<Insertable<MailOutboxTable>[]> {
  const withMail = conflicts.filter((write) => write.mail !== null)
  if (withMail.length === 0) return []
  const stale = await trx
    .selectFrom('signatures')
    .select(['id', 'petition_id', 'email_hash'])
    .where('status', '=', 'pending')
    .where('confirmation_sent_at', '<', sql<Date>`now() - ${RESEND_AFTER}`)
    .where((eb) =>
      eb.or(withMail.map((w) => eb.and([eb('petition_id', '=', w.signature.petition_id), eb('email_hash', '=', w.signature.email_hash)]))),
    )
    .forUpdate()
    .execute()
  const mails: Insertable<MailOutboxTable>[] = []
  for (const existing of stale) {
    const write = withMail.find((w) => w.signature.petition_id === existing.petition_id && w.signature.email_hash === existing.email_hash)!
    await trx
      .updateTable('signatures')
      .set({
        confirm_token_hash: write.signature.confirm_token_hash,
        withdraw_token_hash: write.signature.withdraw_token_hash,
        code_hash: write.codeHashFor(existing.id),
        code_attempts: 0,
        confirmation_sent_at: sql`now()`,
      })
      .where('id', '=', existing.id)
      .execute()
    mails.push({ ...write.mail!, signature_id: existing.id })
  }
  return mails
}

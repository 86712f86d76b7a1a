import { type Kysely, sql } from 'kysely'
import type { SignatureTable } from '../../db/petition-tables.js'
import { preparedAs } from '../../db/prepared-statements.js'
import type { DB } from '../../db/schema.js'
import { type QueuedMail, queueMails, queueMailsStatement } from '../../mail/render-outbox-mail.js'
import type { ConfirmationMailPayload } from '../../mail/templates.js'
import { type ProofOfWork, spendProofsStatement } from '../abuse/proof-of-work.js'
import { openPetitionsAmong } from '../petitions/petition-facts.js'

/** The columns a new signature is written with: the table's own types, with what a new one always has. */
export type NewSignature = Omit<
  SignatureTable,
  'status' | 'validity' | 'confirmation_sent_at' | 'created_at' | 'confirmed_at' | 'anonymised_at' | 'first_name' | 'last_name' | 'consent_response'
> & {
  consent_response: boolean
  first_name: string
  last_name: string
  /** Invalidation comes later, from a moderator or the settling job. */
  validity: 'valid' | 'flagged'
}

/** One signing request, ready to write. */
export interface SignatureWrite {
  signature: NewSignature
  /** The confirmation email, or null when none must be sent (a filled honeypot). */
  mail: { recipient: string; payload: ConfirmationMailPayload } | null
  /** The code hash is bound to a signature id: when the person had already signed, it is recomputed for that one. */
  codeHashFor(signatureId: string): string
  idempotency: { key: string; fingerprint: string; body: unknown } | null
  /** The verified proof of work this request pays with (null when WEGOV_POW=off): spent by the same statement. */
  proofOfWork: ProofOfWork | null
}

export type SignatureWriteOutcome =
  | { kind: 'written' }
  | { kind: 'replayed'; body: unknown }
  | { kind: 'key-reused' }
  | { kind: 'petition-not-open' }
  | { kind: 'pow-replayed' }

const MAIL_KIND = 'signature-confirmation'
/** A pending confirmation is sent again at most this often, however many times a person signs. */
const RESEND_AFTER = sql`interval '1 hour'`

/**
 * Writes several signing requests at once (group commit). The common case is ONE statement, so one round
 * trip and one commit for the whole batch: the proofs of work are spent, and the signatures, their outbox
 * rows (the transactional outbox) and their idempotency keys written, together or not at all, and only
 * for petitions open right now (authoritative: the route only checked a cached copy). The rows travel
 * as one JSON parameter (batchInput), so the statement has the same text whatever the batch size, which
 * lets each connection prepare it once (preparedAs): planning its CTEs anew for every batch cost about as
 * much as running them for a few dozen signatures.
 *
 * A second signature by the same person is a silent no-op (`ON CONFLICT DO NOTHING`). A proof of work
 * signs once: its first use in a batch is the only one tried, and one spent before (on any instance)
 * writes nothing (WEGOV_POW_REPLAYED). An idempotency key outranks that: a retry is answered like the
 * request it repeats, whatever proof it carries. Rarer cases take a second step: a key already used
 * replays its answer (or is refused if the request differs), and a person whose pending confirmation is
 * over an hour old gets a fresh one.
 * Nothing is acknowledged before the commit, so an acknowledged signature is durable.
 */
export async function writeSignatures(db: Kysely<DB>, writes: readonly SignatureWrite[]): Promise<SignatureWriteOutcome[]> {
  const outcomes: (SignatureWriteOutcome | undefined)[] = writes.map(() => undefined)
  const all = writes.map((_, index) => index)
  // A key used twice in one batch: the first use is tried, the others follow it.
  const firstByKey = firstUses(all, (index) => writes[index]!.idempotency?.key)
  const leaders = all.filter((index) => isFirstUse(firstByKey, writes[index]!.idempotency?.key, index))
  // A proof of work presented twice in one batch: only its first use may spend it.
  const firstByProof = firstUses(leaders, (index) => writes[index]!.proofOfWork?.signature)
  const candidates = leaders.filter((index) => isFirstUse(firstByProof, writes[index]!.proofOfWork?.signature, index))
  const proofReused = leaders.filter((index) => !isFirstUse(firstByProof, writes[index]!.proofOfWork?.signature, index))

  const written = await insertBatch(db, candidates.map((index) => writes[index]!))
  const conflicts: SignatureWrite[] = []
  /** Requests with a key that was not claimed now, and what they get if no earlier request stored it. */
  const unclaimed: { index: number; otherwise: SignatureWriteOutcome }[] = []
  for (const index of candidates) {
    const write = writes[index]!
    const spent = !write.proofOfWork || written.spentProofs.has(write.proofOfWork.signature)
    if (!written.open.has(write.signature.petition_id)) outcomes[index] = { kind: 'petition-not-open' }
    else if (write.idempotency && !written.claimedKeys.has(write.idempotency.key)) {
      unclaimed.push({ index, otherwise: spent ? { kind: 'key-reused' } : { kind: 'pow-replayed' } })
    } else if (!spent) outcomes[index] = { kind: 'pow-replayed' }
    else {
      outcomes[index] = { kind: 'written' }
      if (!written.inserted.has(write.signature.id)) conflicts.push(write)
    }
  }
  for (const index of proofReused) {
    if (writes[index]!.idempotency) unclaimed.push({ index, otherwise: { kind: 'pow-replayed' } })
    else outcomes[index] = { kind: 'pow-replayed' }
  }
  await Promise.all([renewStaleConfirmations(db, conflicts), answerFromEarlierKeys(db, writes, unclaimed, outcomes)])

  // The others with a key follow its first use, unless that one was refused for its proof of work and so
  // wrote nothing: then they are requests in their own right, written in a statement of their own.
  const retried: number[] = []
  writes.forEach((write, index) => {
    if (outcomes[index]) return
    const first = writes[firstByKey.get(write.idempotency!.key)!]!
    const firstOutcome = outcomes[firstByKey.get(write.idempotency!.key)!]!
    if (firstOutcome.kind === 'pow-replayed') retried.push(index)
    else {
      outcomes[index] =
        firstOutcome.kind === 'petition-not-open' || firstOutcome.kind === 'key-reused'
          ? firstOutcome
          : write.idempotency!.fingerprint === first.idempotency!.fingerprint
            ? { kind: 'replayed', body: firstOutcome.kind === 'replayed' ? firstOutcome.body : first.idempotency!.body }
            : { kind: 'key-reused' }
    }
  })
  if (retried.length > 0) {
    const again = await writeSignatures(db, retried.map((index) => writes[index]!))
    retried.forEach((index, i) => (outcomes[index] = again[i]))
  }
  return outcomes as SignatureWriteOutcome[]
}

/** The first of `indexes` (in order) for each value of `valueOf`; requests without one are left out. */
function firstUses(indexes: readonly number[], valueOf: (index: number) => string | undefined): Map<string, number> {
  const first = new Map<string, number>()
  for (const index of indexes) {
    const value = valueOf(index)
    if (value !== undefined && !first.has(value)) first.set(value, index)
  }
  return first
}

function isFirstUse(first: Map<string, number>, value: string | undefined, index: number): boolean {
  return value === undefined || first.get(value) === index
}

/**
 * The batch's input, as the statement reads it: one JSON array (json_to_recordset). One parameter of
 * native JSON.stringify costs a fraction of what the driver spends escaping two dozen text arrays element by
 * element, and the statement's text stays the same whatever the batch size (it is prepared once).
 */
function batchInput(writes: readonly SignatureWrite[]): string {
  return JSON.stringify(
    writes.map(({ signature, mail, idempotency, proofOfWork }) => ({
      ...signature,
      mail_recipient: mail?.recipient ?? null,
      mail_payload: mail?.payload ?? null,
      idempotency_key: idempotency?.key ?? null,
      idempotency_fingerprint: idempotency?.fingerprint ?? null,
      idempotency_body: idempotency?.body ?? null,
      pow: proofOfWork?.signature ?? null,
      pow_expires_at: proofOfWork?.expiresAt ?? null,
    })),
  )
}

/** The one statement of the common case. */
async function insertBatch(db: Kysely<DB>, writes: readonly SignatureWrite[]) {
  const { rows } = await sql<{ outcome: BatchOutcome | string }>`${preparedAs('sign-batch')}
    WITH input AS (
      SELECT * FROM json_to_recordset(${batchInput(writes)}::json) AS i(
        id uuid, petition_id uuid, email_hash text, email text, first_name text, last_name text, city text, comment text,
        country text, display text, locale text, consent_news_organiser boolean, consent_news_partner boolean,
        consent_response boolean, source_partner text, source_url text, validity text, flag_reason text,
        confirm_token_hash text, code_hash text, withdraw_token_hash text, mail_recipient text, mail_payload jsonb,
        idempotency_key text, idempotency_fingerprint text, idempotency_body jsonb, pow text, pow_expires_at timestamptz)
    ),
    spent AS (${spendProofsStatement(sql`SELECT pow, pow_expires_at FROM input WHERE pow IS NOT NULL`)}),
    open AS (${openPetitionsAmong(sql`SELECT petition_id FROM input`)}),
    -- A key is claimed only by a request that will be written: one refused for its proof of work must
    -- leave the key free for the retry that brings a fresh proof.
    claimed AS (
      INSERT INTO idempotency_keys (key, fingerprint, status, body)
      SELECT idempotency_key, idempotency_fingerprint, 202, idempotency_body FROM input
      WHERE idempotency_key IS NOT NULL AND petition_id IN (SELECT id FROM open)
        AND (pow IS NULL OR pow IN (SELECT signature FROM spent))
      ON CONFLICT (key) DO NOTHING
      RETURNING key
    ),
    inserted AS (
      INSERT INTO signatures (id, petition_id, email_hash, email, first_name, last_name, city, comment, country, display, locale,
        consent_news_organiser, consent_news_partner, consent_response, source_partner, source_url, validity, flag_reason,
        confirm_token_hash, code_hash, withdraw_token_hash)
      SELECT id, petition_id, email_hash, email, first_name, last_name, city, comment, country, display, locale,
        consent_news_organiser, consent_news_partner, consent_response, source_partner, source_url, validity, flag_reason,
        confirm_token_hash, code_hash, withdraw_token_hash
      FROM input
      WHERE petition_id IN (SELECT id FROM open) AND (idempotency_key IS NULL OR idempotency_key IN (SELECT key FROM claimed))
        AND (pow IS NULL OR pow IN (SELECT signature FROM spent))
      ON CONFLICT DO NOTHING
      RETURNING id
    ),
    -- Wrong codes typed for this address before it signed are not the new signer's: they start from none.
    cleared AS (
      DELETE FROM code_failures USING input JOIN inserted ON inserted.id = input.id
      WHERE code_failures.petition_id = input.petition_id AND code_failures.email_hash = input.email_hash
    ),
    mailed AS (${queueMailsStatement(
      MAIL_KIND,
      sql`SELECT input.id, input.mail_recipient, input.locale, input.mail_payload
        FROM input JOIN inserted ON inserted.id = input.id
        WHERE input.mail_recipient IS NOT NULL`,
    )})
    SELECT json_build_object(
      'open', (SELECT json_agg(id) FROM open), 'inserted', (SELECT json_agg(id) FROM inserted),
      'claimed', (SELECT json_agg(key) FROM claimed), 'spent', (SELECT json_agg(signature) FROM spent),
      'mailed', (SELECT count(*) FROM mailed)) AS outcome`.execute(db)
  // pg parses json columns; a driver that hands back the text gets it parsed here.
  const raw = rows[0]?.outcome
  const outcome: BatchOutcome = typeof raw === 'string' ? JSON.parse(raw) : (raw ?? { open: null, inserted: null, claimed: null, spent: null })
  return {
    open: new Set(outcome.open ?? []),
    inserted: new Set(outcome.inserted ?? []),
    claimedKeys: new Set(outcome.claimed ?? []),
    spentProofs: new Set(outcome.spent ?? []),
  }
}

/** What the batch statement returns (json_agg of nothing is null). */
interface BatchOutcome {
  open: string[] | null
  inserted: string[] | null
  claimed: string[] | null
  spent: string[] | null
}

/**
 * Requests whose key was not claimed now: if an earlier request (on any instance) stored it, the same
 * request replays its answer and another is refused; if none did, they get `otherwise`.
 */
async function answerFromEarlierKeys(
  db: Kysely<DB>,
  writes: readonly SignatureWrite[],
  unclaimed: readonly { index: number; otherwise: SignatureWriteOutcome }[],
  outcomes: (SignatureWriteOutcome | undefined)[],
) {
  if (unclaimed.length === 0) return
  const keys = unclaimed.map(({ index }) => writes[index]!.idempotency!.key)
  const stored = await db.selectFrom('idempotency_keys').select(['key', 'fingerprint', 'body']).where('key', 'in', keys).execute()
  const byKey = new Map(stored.map((row) => [row.key, row]))
  for (const { index, otherwise } of unclaimed) {
    const { key, fingerprint } = writes[index]!.idempotency!
    const earlier = byKey.get(key)
    outcomes[index] = !earlier ? otherwise : earlier.fingerprint === fingerprint ? { kind: 'replayed', body: earlier.body } : { kind: 'key-reused' }
  }
}

/**
 * People who sign again while their confirmation is pending get a fresh one, at most once an hour (the
 * old link and code stop working: only hashes are kept, so the old ones cannot be sent again).
 */
async function renewStaleConfirmations(db: Kysely<DB>, conflicts: SignatureWrite[]): Promise<void> {
  const withMail = conflicts.filter((write) => write.mail !== null)
  if (withMail.length === 0) return
  await db.transaction().execute(async (trx) => {
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
    const mails: QueuedMail[] = []
    for (const existing of stale) {
      const write = withMail.find((w) => w.signature.petition_id === existing.petition_id && w.signature.email_hash === existing.email_hash)!
      await trx
        .updateTable('signatures')
        .set({
          confirm_token_hash: write.signature.confirm_token_hash,
          withdraw_token_hash: write.signature.withdraw_token_hash,
          code_hash: write.codeHashFor(existing.id),
          confirmation_sent_at: sql`now()`,
        })
        .where('id', '=', existing.id)
        .execute()
      mails.push({ signatureId: existing.id, kind: MAIL_KIND, recipient: write.mail!.recipient, locale: write.signature.locale, payload: JSON.stringify(write.mail!.payload) })
    }
    await queueMails(trx, mails)
    // A fresh code gets a fresh count of wrong guesses.
    for (const existing of stale) {
      await trx.deleteFrom('code_failures').where('petition_id', '=', existing.petition_id).where('email_hash', '=', existing.email_hash).execute()
    }
  })
}

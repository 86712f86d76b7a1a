import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../db/schema.js'
import { MAIL_KINDS, type MailToRender } from './mail-kinds.js'
import type { RenderedMail } from './templates.js'

export type { MailToRender } from './mail-kinds.js'

/**
 * The email for each queued message, or null when there is nothing left to say (its petition is gone).
 * Messages are rendered a kind at a time (mail-kinds.ts), each kind with one query however many messages.
 */
export async function renderOutboxMail(db: Kysely<DB>, mails: readonly MailToRender[]): Promise<(RenderedMail | null)[]> {
  const unknown = mails.find((mail) => !Object.hasOwn(MAIL_KINDS, mail.kind))
  if (unknown) throw new Error(`Unknown mail kind: ${unknown.kind}`)
  const rendered = new Array<RenderedMail | null>(mails.length).fill(null)
  const byKind = new Map<string, number[]>()
  mails.forEach((mail, index) => byKind.set(mail.kind, [...(byKind.get(mail.kind) ?? []), index]))
  for (const [kind, indexes] of byKind) {
    const results = await MAIL_KINDS[kind]!(db, indexes.map((index) => mails[index]!))
    indexes.forEach((index, i) => (rendered[index] = results[i] ?? null))
  }
  return rendered
}

/** A message to queue; `signatureId` ties it to the signature it confirms (deleted with it). */
export interface QueuedMail {
  kind: string
  recipient: string
  locale: 'ar' | 'fr' | 'en'
  /** Its JSON, already serialised. */
  payload: string
  signatureId?: string
}

function checkKind(kind: string): void {
  if (!Object.hasOwn(MAIL_KINDS, kind)) throw new Error(`Unknown mail kind: ${kind}`)
}

/** Queues messages in the outbox in one INSERT, in the caller's transaction: they are sent if and only if it commits. */
export async function queueMails(db: Kysely<DB>, mails: readonly QueuedMail[]): Promise<void> {
  if (mails.length === 0) return
  for (const mail of mails) checkKind(mail.kind)
  await db
    .insertInto('mail_outbox')
    .values(mails.map((mail) => ({ signature_id: mail.signatureId ?? null, kind: mail.kind, recipient: mail.recipient, locale: mail.locale, payload: mail.payload })))
    .execute()
}

/**
 * The INSERT that queues a message of `kind` per row of `rows` (signature_id, recipient, locale, payload as
 * jsonb), for a CTE of the statement that writes what they announce: the signing batch stays one statement.
 *
 * @example
 * sql`WITH ..., mailed AS (${queueMailsStatement('signature-confirmation', sql`SELECT id, recipient, locale, payload::jsonb FROM input`)}) ...`
 * // INSERT INTO mail_outbox (signature_id, kind, recipient, locale, payload) SELECT ... RETURNING 1
 */
export function queueMailsStatement(kind: string, rows: RawBuilder<unknown>): RawBuilder<{ queued: 1 }> {
  checkKind(kind)
  return sql<{ queued: 1 }>`INSERT INTO mail_outbox (signature_id, kind, recipient, locale, payload)
      SELECT mail.signature_id, ${kind}, mail.recipient, mail.locale, mail.payload
      FROM (${rows}) AS mail(signature_id, recipient, locale, payload)
      RETURNING 1`
}

/** Queues a message in the outbox, in the caller's transaction: it is sent if and only if that commits. */
export async function queueMail(db: Kysely<DB>, mail: { kind: string; recipient: string; locale: 'ar' | 'fr' | 'en'; payload: Record<string, unknown> }): Promise<void> {
  checkKind(mail.kind)
  await db
    .insertInto('mail_outbox')
    .values({ kind: mail.kind, recipient: mail.recipient, locale: mail.locale, payload: JSON.stringify(mail.payload) })
    .execute()
}

import type { Kysely } from 'kysely'
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

/** Queues a message in the outbox, in the caller's transaction: it is sent if and only if that commits. */
export async function queueMail(db: Kysely<DB>, mail: { kind: string; recipient: string; locale: 'ar' | 'fr' | 'en'; payload: Record<string, unknown> }): Promise<void> {
  if (!Object.hasOwn(MAIL_KINDS, mail.kind)) throw new Error(`Unknown mail kind: ${mail.kind}`)
  await db
    .insertInto('mail_outbox')
    .values({ kind: mail.kind, recipient: mail.recipient, locale: mail.locale, payload: JSON.stringify(mail.payload) })
    .execute()
}

import type { Kysely } from 'kysely'
import nodemailer from 'nodemailer'
import type { DB } from '../db/schema.js'
import type { OutboxRow } from './outbox.js'
import { renderOutboxMail } from './render-outbox-mail.js'

/** What became of one message: sent, dropped (nothing left to say), or the error to retry on. */
export type Delivery = { sent: true } | { sent: false; dropped: true } | { sent: false; dropped: false; error: unknown }

/** Where delivered mail goes: an SMTP server, or the development mailbox. */
export interface MailTransport {
  readonly kind: 'smtp' | 'dev-mailbox'
  /** Delivers claimed outbox rows; one result per row, in order. */
  deliver(rows: readonly OutboxRow[]): Promise<Delivery[]>
  close(): Promise<void>
}

/**
 * SMTP through a nodemailer pool (a few connections reused across messages), so a surge of confirmations
 * is not also a surge of TCP and TLS handshakes. SMTP_URL carries host, port, credentials and options
 * (`smtps://user:pass@host:465`, `smtp://host:587?requireTLS=true`).
 */
export function smtpTransport(db: Kysely<DB>, url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, pool: true, maxConnections: 5, maxMessages: 500 })
  return {
    kind: 'smtp',
    async deliver(rows) {
      const mails = await renderOutboxMail(db, rows)
      return Promise.all(
        rows.map(async (row, index): Promise<Delivery> => {
          const mail = mails[index]
          if (!mail) return { sent: false, dropped: true }
          try {
            await transporter.sendMail({ from, to: row.recipient, subject: mail.subject, text: mail.text, html: mail.html })
            return { sent: true }
          } catch (error) {
            return { sent: false, dropped: false, error }
          }
        }),
      )
    },
    async close() {
      transporter.close()
    },
  }
}

/**
 * Development without SMTP: messages are kept in the database (so every instance sees them) as what is
 * needed to render them, and rendered when read at GET /dev/mailbox?to=ADDRESS. Never used in production.
 */
export function devMailboxTransport(db: Kysely<DB>): MailTransport {
  return {
    kind: 'dev-mailbox',
    async deliver(rows) {
      if (rows.length > 0) {
        await db
          .insertInto('dev_mailbox')
          .columns(['recipient', 'kind', 'locale', 'payload'])
          .expression((eb) =>
            eb
              .selectFrom('mail_outbox')
              .select([(inner) => inner.fn('lower', ['recipient']).as('recipient'), 'kind', 'locale', 'payload'])
              .where('id', 'in', rows.map((row) => row.id)),
          )
          .execute()
      }
      return rows.map(() => ({ sent: true }) as const)
    },
    async close() {},
  }
}

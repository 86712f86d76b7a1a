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
  /** How many messages it sends at once: the worker claims no more than this, so none waits unsent under its lease. */
  readonly concurrency: number
  /**
   * Delivers claimed outbox rows, calling `settled` for each as soon as its fate is known (so the row can
   * leave the outbox at once), and resolves when every row is settled.
   */
  deliver(rows: readonly OutboxRow[], settled: (row: OutboxRow, delivery: Delivery) => Promise<void>): Promise<void>
  close(): Promise<void>
}

/** SMTP connections per instance: each sends one message at a time. */
const SMTP_CONNECTIONS = 5

/**
 * SMTP through a nodemailer pool (a few connections reused across messages), so a surge of confirmations
 * is not also a surge of TCP and TLS handshakes. SMTP_URL carries host, port, credentials and options
 * (`smtps://user:pass@host:465`, `smtp://host:587?requireTLS=true`).
 */
export function smtpTransport(db: Kysely<DB>, url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    maxMessages: 500,
    // A server that stops answering fails the message (retried later) rather than holding its lease for
    // nodemailer's default 10 minutes.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  })
  return {
    kind: 'smtp',
    concurrency: SMTP_CONNECTIONS,
    async deliver(rows, settled) {
      const mails = await renderOutboxMail(db, rows)
      await Promise.all(
        rows.map(async (row, index) => {
          const mail = mails[index]
          let delivery: Delivery
          if (!mail) delivery = { sent: false, dropped: true }
          else {
            try {
              await transporter.sendMail({ from, to: row.recipient, subject: mail.subject, text: mail.text, html: mail.html })
              delivery = { sent: true }
            } catch (error) {
              delivery = { sent: false, dropped: false, error }
            }
          }
          await settled(row, delivery)
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
    concurrency: 50,
    async deliver(rows, settled) {
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
      // Settled together, so their rows leave the outbox in one statement (OutboxCompletions).
      await Promise.all(rows.map((row) => settled(row, { sent: true })))
    },
    async close() {},
  }
}

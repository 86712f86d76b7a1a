import type { Kysely } from 'kysely'
import nodemailer from 'nodemailer'
import type { DB } from '../db/schema.js'

export interface OutgoingMail {
  to: string
  subject: string
  text: string
  html: string
  meta: Record<string, unknown>
}

/** Where delivered mail goes: an SMTP server, or the development mailbox. */
export interface MailTransport {
  readonly kind: 'smtp' | 'dev-mailbox'
  send(mail: OutgoingMail): Promise<void>
  close(): Promise<void>
}

/**
 * SMTP through a nodemailer pool (a few connections reused across messages), so a surge of confirmations
 * is not also a surge of TCP and TLS handshakes. SMTP_URL carries host, port, credentials and options
 * (`smtps://user:pass@host:465`, `smtp://host:587?requireTLS=true`).
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, pool: true, maxConnections: 5, maxMessages: 500 })
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html })
    },
    async close() {
      transporter.close()
    },
  }
}

/**
 * Development without SMTP: messages are kept in the database (so every instance sees them) and read at
 * GET /dev/mailbox?to=ADDRESS. Never used in production.
 */
export function devMailboxTransport(db: Kysely<DB>): MailTransport {
  return {
    kind: 'dev-mailbox',
    async send(mail) {
      await db
        .insertInto('dev_mailbox')
        .values({ recipient: mail.to.toLowerCase(), subject: mail.subject, text: mail.text, html: mail.html, meta: JSON.stringify(mail.meta) })
        .execute()
    },
    async close() {},
  }
}

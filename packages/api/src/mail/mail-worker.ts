import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB, Lang } from '../db/schema.js'
import { isLang, localize } from '../i18n/languages.js'
import { type OutboxRow, claimDueMail, completeMail, failMail } from './outbox.js'
import { type ConfirmationMailPayload, type RenderedMail, renderConfirmationMail } from './templates.js'
import type { MailTransport } from './transports.js'

const CLAIM_SIZE = 50
const PARALLEL_SENDS = 10

/**
 * Delivers the outbox. Every API instance runs one: it polls every `pollMs`, is woken at once when this
 * instance commits new mail, and keeps claiming while it finds full batches, so a surge drains at the
 * speed of the transport rather than one poll at a time.
 */
export class MailWorker {
  readonly #db: Kysely<DB>
  readonly #transport: MailTransport
  readonly #log: FastifyBaseLogger
  readonly #pollMs: number
  #timer: NodeJS.Timeout | undefined
  #running: Promise<number> | undefined
  #again = false
  #stopped = true

  constructor(options: { db: Kysely<DB>; transport: MailTransport; log: FastifyBaseLogger; pollMs: number }) {
    this.#db = options.db
    this.#transport = options.transport
    this.#log = options.log
    this.#pollMs = options.pollMs
  }

  start(): void {
    this.#stopped = false
    this.#schedule(0)
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#running?.catch(() => 0)
    await this.#transport.close()
  }

  /** New mail was committed by this instance: deliver now rather than at the next poll. */
  nudge(): void {
    if (this.#stopped) return
    if (this.#running) this.#again = true
    else this.#schedule(0)
  }

  /**
   * Delivers everything due now and resolves with how many messages were sent. Safe to call at any time,
   * also while the poller runs (each message is claimed once). Tests call it to drain deterministically.
   */
  async deliverDue(): Promise<number> {
    if (this.#running) {
      this.#again = true
      const sent = await this.#running
      return sent + (await this.deliverDue())
    }
    this.#running = this.#drain().finally(() => {
      this.#running = undefined
    })
    return this.#running
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.deliverDue()
        .catch((error: unknown) => this.#log.error({ err: error }, 'mail delivery round failed'))
        .finally(() => {
          if (!this.#stopped) this.#schedule(this.#again ? 0 : this.#pollMs)
          this.#again = false
        })
    }, delayMs)
    this.#timer.unref()
  }

  async #drain(): Promise<number> {
    let sent = 0
    for (;;) {
      const rows = await claimDueMail(this.#db, CLAIM_SIZE)
      for (let start = 0; start < rows.length; start += PARALLEL_SENDS) {
        const results = await Promise.all(rows.slice(start, start + PARALLEL_SENDS).map((row) => this.#deliver(row)))
        sent += results.filter(Boolean).length
      }
      if (rows.length < CLAIM_SIZE || this.#stopped) return sent
    }
  }

  async #deliver(row: OutboxRow): Promise<boolean> {
    try {
      const mail = await renderOutboxMail(this.#db, row)
      if (mail) await this.#transport.send({ to: row.recipient, ...mail })
      await completeMail(this.#db, row.id)
      return mail !== null
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode
      const permanent = typeof code === 'number' && code >= 500 && code < 600
      this.#log.warn({ err: error, outboxId: row.id, attempts: row.attempts, permanent }, 'mail not delivered')
      await failMail(this.#db, row, error, permanent).catch((failure: unknown) => this.#log.error({ err: failure }, 'could not record a mail failure'))
      return false
    }
  }
}

/** The email for an outbox row, or null when there is nothing left to say (its petition is gone). */
async function renderOutboxMail(db: Kysely<DB>, row: OutboxRow): Promise<RenderedMail | null> {
  if (row.kind !== 'signature-confirmation') throw new Error(`Unknown mail kind: ${row.kind}`)
  const payload = row.payload as unknown as ConfirmationMailPayload
  const petition = await db
    .selectFrom('petitions')
    .select(['title', 'original_lang'])
    .where('id', '=', payload.petitionId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!petition) return null
  const lang: Lang = isLang(row.locale) ? row.locale : 'fr'
  const title = localize(petition.title, lang, petition.original_lang)?.text ?? ''
  return renderConfirmationMail(payload, lang, title.replace(/\s+/g, ' '))
}

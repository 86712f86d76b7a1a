import { performance } from 'node:perf_hooks'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { type OutboxRow, claimDueMail, completeMail, failMail } from './outbox.js'
import type { MailTransport } from './transports.js'

const CLAIM_SIZE = 200
/** New mail is picked up this long after a commit: nudges within that time share one claim. */
const NUDGE_DELAY_MS = 50
/** Above this event-loop utilisation the process is busy answering requests (a surge)... */
const BUSY_UTILISATION = 0.8
/** ...and the worker pauses this long between claims, so acknowledging signatures comes first. */
const BUSY_PAUSE_MS = 200

/**
 * Delivers the outbox. Every API instance runs one: it polls every `pollMs`, is woken shortly after this
 * instance commits new mail, and keeps claiming while it finds full batches, so a backlog drains at the
 * speed of the transport rather than one poll at a time. While the process is busy answering requests
 * (a surge), it pauses between claims: a signature is acknowledged before older signers are mailed, and
 * the backlog drains as soon as the surge eases (the UK petitions site's email queue backed up too;
 * here it only waits, it never blocks signing).
 */
export class MailWorker {
  readonly #db: Kysely<DB>
  readonly #transport: MailTransport
  readonly #log: FastifyBaseLogger
  readonly #pollMs: number
  #timer: NodeJS.Timeout | undefined
  #running: Promise<number> | undefined
  #again = false
  #nudged = false
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
    else if (!this.#nudged) {
      this.#nudged = true
      this.#schedule(NUDGE_DELAY_MS)
    }
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
      this.#nudged = false
      this.deliverDue()
        .catch((error: unknown) => this.#log.error({ err: error }, 'mail delivery round failed'))
        .finally(() => {
          if (!this.#stopped) this.#schedule(this.#again ? NUDGE_DELAY_MS : this.#pollMs)
          this.#again = false
        })
    }, delayMs)
    this.#timer.unref()
  }

  async #drain(): Promise<number> {
    let sent = 0
    let utilisation = performance.eventLoopUtilization()
    for (;;) {
      const rows = await claimDueMail(this.#db, CLAIM_SIZE)
      if (rows.length > 0) sent += await this.#deliver(rows)
      if (rows.length < CLAIM_SIZE || this.#stopped) return sent
      const now = performance.eventLoopUtilization()
      if (performance.eventLoopUtilization(now, utilisation).utilization > BUSY_UTILISATION) {
        await new Promise((resolve) => setTimeout(resolve, BUSY_PAUSE_MS))
      }
      utilisation = performance.eventLoopUtilization()
    }
  }

  /** Delivers one claimed batch, then records in one query what went out (or had nothing left to say). */
  async #deliver(rows: OutboxRow[]): Promise<number> {
    const results = await this.#transport.deliver(rows).catch((error: unknown) => rows.map(() => ({ sent: false, dropped: false, error }) as const))
    const done: number[] = []
    let sent = 0
    await Promise.all(
      rows.map(async (row, index) => {
        const result = results[index]!
        if (result.sent) sent++
        if (result.sent || result.dropped) done.push(row.id)
        else await this.#fail(row, result.error)
      }),
    )
    await completeMail(this.#db, done)
    return sent
  }

  async #fail(row: OutboxRow, error: unknown): Promise<void> {
    const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown }
    const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600
    // SMTP errors often quote the recipient: the log gets codes only, never the message.
    this.#log.warn({ outboxId: row.id, attempts: row.attempts, permanent, responseCode, code }, 'mail not delivered')
    await failMail(this.#db, row, error, permanent).catch((failure: unknown) => this.#log.error({ err: failure }, 'could not record a mail failure'))
  }
}

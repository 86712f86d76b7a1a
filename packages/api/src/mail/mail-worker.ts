import { performance } from 'node:perf_hooks'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import { doublingDelay } from '../backoff.js'
import type { DB } from '../db/schema.js'
import { expandFanoutChunk } from './mail-fanouts.js'
import { type OutboxRow, claimDueMail, failMail, renewMailLease } from './outbox.js'
import { OutboxCompletions } from './outbox-completions.js'
import type { Delivery, MailTransport } from './transports.js'

/** New mail is picked up this long after a commit: nudges within that time share one claim. */
const NUDGE_DELAY_MS = 50
/** Above this event-loop utilisation the process is busy answering requests (a surge)... */
const BUSY_UTILISATION = 0.8
/**
 * ...or a source it gives way to (the signing batcher, whose writes wait for the database) says it is
 * busy, and the worker pauses this long between claims, so acknowledging signatures comes first.
 */
const BUSY_PAUSE_MS = 200
/** After failed rounds (the database away) the worker waits the poll interval doubled per failure, up to this many polls. */
const MAX_BACKOFF_POLLS = 30

/**
 * Delivers the outbox. Every API instance runs one: it polls every `pollMs`, is woken shortly after this
 * instance commits new mail, and keeps claiming while it finds full batches, so a backlog drains at the
 * speed of the transport rather than one poll at a time. While the process is busy answering requests,
 * or signing waits for the database (a surge: see giveWayTo), it pauses between claims: a signature is acknowledged before older signers are mailed, and
 * the backlog drains as soon as the surge eases (the UK petitions site's email queue backed up too;
 * here it only waits, it never blocks signing).
 *
 * It claims only as many messages as the transport sends at once, renews their lease while they are being
 * sent, and removes each from the outbox as soon as it is accepted (those accepted together in one
 * statement, OutboxCompletions): however slow the SMTP server, another
 * instance never takes over a message that is still being sent. A round that fails (the database away)
 * is retried after an exponential backoff, capped at MAX_BACKOFF_POLLS poll intervals, and the worker
 * resumes its normal pace with the first round that succeeds.
 */
export class MailWorker {
  readonly #db: Kysely<DB>
  readonly #transport: MailTransport
  readonly #log: FastifyBaseLogger
  readonly #pollMs: number
  readonly #leaseMs: number
  /** Outbox rows queued per chunk of an announcement to many (mail-fanouts.ts). */
  readonly #fanoutChunk: number
  /** Rounds failed in a row: the backoff grows with it. */
  #failures = 0
  #timer: NodeJS.Timeout | undefined
  #running: Promise<number> | undefined
  #again = false
  #nudged = false
  #stopped = true
  readonly #completions: OutboxCompletions
  readonly #busySources: (() => boolean)[] = []

  constructor(options: { db: Kysely<DB>; transport: MailTransport; log: FastifyBaseLogger; pollMs: number; leaseMs: number; fanoutChunk: number }) {
    this.#db = options.db
    this.#transport = options.transport
    this.#log = options.log
    this.#pollMs = options.pollMs
    this.#leaseMs = options.leaseMs
    this.#fanoutChunk = options.fanoutChunk
    this.#completions = new OutboxCompletions(options.db)
  }

  /**
   * While `busy()` says so, the worker pauses between claims. Its claims, inserts and deletes compete for
   * the same database (and, on a small box, the same cores) as the writes that acknowledge signatures;
   * the mail waits in the outbox meanwhile (it is durable there) and drains at full speed after the surge.
   */
  giveWayTo(busy: () => boolean): void {
    this.#busySources.push(busy)
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
    // While rounds fail, a nudge would cut the backoff short: the next retry delivers it.
    if (this.#stopped || this.#failures > 0) return
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
        .then(() => {
          if (this.#failures > 0) this.#log.info({ failedRounds: this.#failures }, 'mail delivery resumed')
          this.#failures = 0
        })
        .catch((error: unknown) => {
          this.#failures++
          this.#log.error({ err: error, failedRounds: this.#failures, retryInMs: this.#backoffMs() }, 'mail delivery round failed')
        })
        .finally(() => {
          if (!this.#stopped) this.#schedule(this.#failures > 0 ? this.#backoffMs() : this.#again ? NUDGE_DELAY_MS : this.#pollMs)
          this.#again = false
        })
    }, delayMs)
    this.#timer.unref()
  }

  #backoffMs(): number {
    return doublingDelay(this.#pollMs, this.#failures, this.#pollMs * MAX_BACKOFF_POLLS)
  }

  async #drain(): Promise<number> {
    let sent = 0
    let utilisation = performance.eventLoopUtilization()
    const claimSize = this.#transport.concurrency
    for (;;) {
      // One chunk of a pending announcement to many per round: queuing and sending take turns.
      const expanded = await expandFanoutChunk(this.#db, this.#fanoutChunk)
      const rows = await claimDueMail(this.#db, claimSize, this.#leaseMs)
      if (rows.length > 0) sent += await this.#deliver(rows)
      if ((rows.length < claimSize && expanded === null) || this.#stopped) return sent
      const now = performance.eventLoopUtilization()
      const loopBusy = performance.eventLoopUtilization(now, utilisation).utilization > BUSY_UTILISATION
      if (this.#busySources.some((busy) => busy()) || loopBusy) {
        await new Promise((resolve) => setTimeout(resolve, BUSY_PAUSE_MS))
      }
      utilisation = performance.eventLoopUtilization()
    }
  }

  /**
   * Delivers one claimed batch. Each row leaves the outbox as soon as its message is accepted (or has nothing
   * left to say); the rows still being sent have their lease renewed every third of it.
   */
  async #deliver(rows: OutboxRow[]): Promise<number> {
    const sending = new Set(rows.map((row) => row.id))
    const renewal = setInterval(() => {
      renewMailLease(this.#db, [...sending], this.#leaseMs).catch((error: unknown) => this.#log.warn({ err: error }, 'could not renew a mail lease'))
    }, this.#leaseMs / 3)
    let sent = 0
    let recordFailure: unknown
    const settled = async (row: OutboxRow, delivery: Delivery) => {
      try {
        if (delivery.sent || delivery.dropped) await this.#completions.complete(row.id)
        else await this.#fail(row, delivery.error)
        if (delivery.sent) sent++
      } catch (error) {
        // Sent but not recorded (the database went away): the lease runs out and it is sent again.
        recordFailure ??= error
      } finally {
        sending.delete(row.id)
      }
    }
    try {
      await this.#transport.deliver(rows, settled).catch(async (error: unknown) => {
        for (const row of rows) if (sending.has(row.id)) await settled(row, { sent: false, dropped: false, error })
      })
    } finally {
      clearInterval(renewal)
    }
    if (recordFailure !== undefined) throw recordFailure
    return sent
  }

  async #fail(row: OutboxRow, error: unknown): Promise<void> {
    const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown }
    const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600
    // SMTP errors often quote the recipient: the log gets codes only, never the message.
    this.#log.warn({ outboxId: row.id, attempts: row.attempts, permanent, responseCode, code }, 'mail not delivered')
    await failMail(this.#db, row, error, permanent)
  }
}

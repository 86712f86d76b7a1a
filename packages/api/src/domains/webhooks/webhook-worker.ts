import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import { doublingDelay } from '../../backoff.js'
import type { DB } from '../../db/schema.js'
import { type AggregateSources, aggregateDueWindows } from './webhook-aggregates.js'
import { type RetrySettings, claimDueDeliveries, settleDelivery } from './webhook-outbox.js'
import type { WebhookSecrets } from './webhook-secrets.js'
import type { WebhookSender } from './webhook-sender.js'

/** Deliveries claimed (and sent in parallel) at once: a slow endpoint holds up at most this many. */
const CLAIM_SIZE = 8
/** New deliveries are picked up this long after the consumer queued them: nudges within that time share one claim. */
const NUDGE_DELAY_MS = 50
/** After failed rounds (the database away) the worker waits the poll interval doubled per failure, up to this many polls. */
const MAX_BACKOFF_POLLS = 30

export interface WebhookWorkerOptions {
  db: Kysely<DB>
  log: FastifyBaseLogger
  send: WebhookSender
  secrets: WebhookSecrets
  settings: RetrySettings
  pollMs: number
  /** How long a claimed delivery stays this instance's: above the send timeout, so a live sender keeps it. */
  leaseMs: number
  /** The owners were mailed (an endpoint was disabled): wake the mail worker. */
  mailed: () => void
  /** The counts signature.confirmed and petition.milestone are aggregated from, every `aggregateWindowMs`. */
  aggregates: AggregateSources
  aggregateWindowMs: number
}

/**
 * Sends the deliveries outbox. Every API instance runs one, like the mail worker (mail/mail-worker.ts): it
 * polls every `pollMs`, is woken shortly after the consumer queues deliveries, and claims with a lease, so
 * several instances share the work and never send one delivery twice at once. A round that fails (the
 * database away) is retried after a doubling backoff, and the normal pace resumes with the first round
 * that succeeds. A delivery's own failures are the endpoint's, never the worker's: they are recorded and
 * retried on the delivery's schedule (settleDelivery).
 */
export class WebhookWorker {
  readonly #options: WebhookWorkerOptions
  #failures = 0
  #timer: NodeJS.Timeout | undefined
  #running: Promise<number> | undefined
  #again = false
  #stopped = true

  constructor(options: WebhookWorkerOptions) {
    this.#options = options
  }

  start(): void {
    this.#stopped = false
    this.#schedule(0)
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#running?.catch(() => 0)
  }

  nudge(): void {
    if (this.#stopped || this.#failures > 0) return
    if (this.#running) this.#again = true
    else this.#schedule(NUDGE_DELAY_MS)
  }

  /** Sends everything due now; resolves with how many attempts were made. Tests call it to drain. */
  async deliverDue(): Promise<number> {
    if (this.#running) {
      this.#again = true
      const made = await this.#running
      return made + (await this.deliverDue())
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
        .then(() => {
          if (this.#failures > 0) this.#options.log.info({ failedRounds: this.#failures }, 'webhook delivery resumed')
          this.#failures = 0
        })
        .catch((error: unknown) => {
          this.#failures++
          this.#options.log.error({ err: error, failedRounds: this.#failures }, 'webhook delivery round failed')
        })
        .finally(() => {
          if (!this.#stopped) {
            const { pollMs } = this.#options
            this.#schedule(this.#failures > 0 ? doublingDelay(pollMs, this.#failures, pollMs * MAX_BACKOFF_POLLS) : this.#again ? NUDGE_DELAY_MS : pollMs)
          }
          this.#again = false
        })
    }, delayMs)
    this.#timer.unref()
  }

  async #drain(): Promise<number> {
    const { db, secrets, send, settings, leaseMs, log } = this.#options
    // The aggregated events whose window is over become deliveries first, sent in this same round.
    await aggregateDueWindows(db, this.#options.aggregates, this.#options.aggregateWindowMs)
    let made = 0
    for (;;) {
      const claimed = await claimDueDeliveries(db, CLAIM_SIZE, leaseMs)
      let mailed = false
      await Promise.all(
        claimed.map(async (delivery) => {
          const outcome = await send({ url: delivery.url, secret: secrets.open(delivery.sealedSecret), messageId: delivery.messageId, body: JSON.stringify(delivery.payload) })
          if (outcome.error) log.info({ deliveryId: delivery.id, statusCode: outcome.statusCode, error: outcome.error }, 'webhook not delivered')
          // Sent but not recorded (the database went away): the lease runs out and it is sent again.
          if (await settleDelivery(db, delivery, outcome, settings)) mailed = true
        }),
      )
      made += claimed.length
      if (mailed) this.#options.mailed()
      if (claimed.length < CLAIM_SIZE || this.#stopped) return made
    }
  }
}

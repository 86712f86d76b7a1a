import { performance } from 'node:perf_hooks'
import type { Kysely } from 'kysely'
import { isDatabaseUnavailable } from '../../db/connection-errors.js'
import type { DB } from '../../db/schema.js'
import { type SignatureWrite, type SignatureWriteOutcome, writeSignatures } from './signature-writes.js'

export interface SigningBatcherOptions {
  /** How long the first request of a batch waits for others (milliseconds). */
  maxWaitMs?: number
  /** A batch is written as soon as it has this many requests. */
  maxBatch?: number
  /** Batches written at once (each holds one pooled connection for its transaction). */
  maxInFlight?: number
  /** Called after a commit that queued mail, so this instance's mail worker can start at once. */
  onMailQueued?: () => void
  onError?: (error: unknown) => void
}

/**
 * A batch this large means signatures arrive faster than one commit's round trip (here, over a thousand a
 * second): a surge, even while the batch slots keep up.
 */
const SURGE_BATCH_SIZE = 16

interface Waiting {
  write: SignatureWrite
  resolve: (outcome: SignatureWriteOutcome) => void
  reject: (error: unknown) => void
}

/**
 * Group commit for signatures. A transaction per request costs several round trips and a commit (WAL
 * flush) each, which caps one instance near 2,900 signatures/s; here requests arriving within a couple of
 * milliseconds, or while the previous batch is being written, share one transaction and one commit.
 *
 * This is not state kept only in the process: each caller's promise resolves only after the commit of
 * the transaction that holds its signature, so nothing is acknowledged before it is durable. A crash
 * loses only unacknowledged requests, which the client retries (safely, with an Idempotency-Key).
 */
export class SigningBatcher {
  readonly #db: Kysely<DB>
  readonly #maxWaitMs: number
  readonly #maxBatch: number
  readonly #maxInFlight: number
  readonly #onMailQueued: () => void
  readonly #onError: (error: unknown) => void
  #queue: Waiting[] = []
  #timer: NodeJS.Timeout | undefined
  #inFlight = 0
  #idle: (() => void)[] = []
  /** When signing last looked like a surge (performance.now()): see surgingWithin. */
  #surgedAt = Number.NEGATIVE_INFINITY

  constructor(db: Kysely<DB>, options: SigningBatcherOptions = {}) {
    this.#db = db
    this.#maxWaitMs = options.maxWaitMs ?? 2
    this.#maxBatch = options.maxBatch ?? 200
    this.#maxInFlight = options.maxInFlight ?? 4
    this.#onMailQueued = options.onMailQueued ?? (() => {})
    this.#onError = options.onError ?? (() => {})
  }

  submit(write: SignatureWrite): Promise<SignatureWriteOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ write, resolve, reject })
      if (this.#queue.length >= this.#maxBatch) this.#flush()
      else this.#timer ??= setTimeout(() => this.#flush(), this.#maxWaitMs)
    })
  }

  /**
   * Whether signing surged within the last `withinMs`: requests had to wait for a free batch slot, or a
   * batch of SURGE_BATCH_SIZE or more was written. Work that can wait (the mail worker) should then leave
   * the connections and the cores to the writes that acknowledge signatures.
   */
  surgingWithin(withinMs: number): boolean {
    return performance.now() - this.#surgedAt < withinMs
  }

  /** Resolves once every submitted request has been written (for a graceful shutdown). */
  async drain(): Promise<void> {
    this.#flush()
    if (this.#queue.length === 0 && this.#inFlight === 0) return
    await new Promise<void>((resolve) => this.#idle.push(resolve))
  }

  #flush(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    // At the in-flight limit, the queue keeps growing until a batch finishes: under load, batches grow.
    while (this.#queue.length > 0 && this.#inFlight < this.#maxInFlight) {
      const batch = this.#queue.splice(0, this.#maxBatch)
      if (batch.length >= SURGE_BATCH_SIZE) this.#surgedAt = performance.now()
      this.#inFlight++
      void this.#write(batch).finally(() => {
        this.#inFlight--
        if (this.#queue.length > 0) this.#flush()
        else if (this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve()
      })
    }
    if (this.#queue.length > 0) this.#surgedAt = performance.now()
  }

  async #write(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await writeSignatures(this.#db, batch.map((waiting) => waiting.write))
      batch.forEach((waiting, index) => waiting.resolve(outcomes[index]!))
      if (batch.some((waiting, index) => waiting.write.mail && outcomes[index]!.kind === 'written')) this.#onMailQueued()
    } catch (error) {
      // The database is away: every request of the batch fails alike (503, to retry with its
      // Idempotency-Key), at once rather than one by one against a database that does not answer.
      // A connection lost during COMMIT leaves the outcome unknown, which is why nothing was acknowledged.
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        for (const waiting of batch) waiting.reject(error)
        return
      }
      // One bad row must not fail its neighbours: retry each request on its own.
      this.#onError(error)
      await Promise.all(batch.map((waiting) => this.#write([waiting])))
    }
  }
}

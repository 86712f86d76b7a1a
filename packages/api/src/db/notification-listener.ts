import pg from 'pg'
import { OneAtATime } from '../one-at-a-time.js'

type Subscriber = (payload: string) => void

/** What subscribers receive when notifications may have been missed: forget whatever you cached. */
export const NOTIFICATIONS_MISSED = '*'

const RETRY_FIRST_MS = 500
const RETRY_MAX_MS = 30_000

/**
 * One LISTEN connection per process, shared by every subscriber, that comes back by itself.
 *
 * Why it matters: the caches of every instance stay correct only while this connection delivers
 * NOTIFY. If it drops (PostgreSQL restarted, a proxy cut it), subscribers are told NOTIFICATIONS_MISSED
 * at once and again after it reconnects, because whatever was written meanwhile was never announced.
 */
export class NotificationListener {
  readonly #connect: () => pg.Client
  readonly #onError: (error: Error) => void
  readonly #subscribers = new Map<string, Set<Subscriber>>()
  #client: pg.Client | undefined
  #connecting: Promise<pg.Client> | undefined
  #retryTimer: NodeJS.Timeout | undefined
  #retryMs = RETRY_FIRST_MS
  #closed = false
  /** The connection's statements, one after another: pg deprecates a query sent while one runs. */
  readonly #statements = new OneAtATime()

  /** `onError` hears every error of the connection (it reconnects by itself; the error is for the log). */
  constructor(connect: () => pg.Client, onError: (error: Error) => void = () => {}) {
    this.#connect = connect
    this.#onError = onError
  }

  /** Subscribes to a channel; the returned function unsubscribes. */
  async listen(channel: string, onNotify: Subscriber): Promise<() => Promise<void>> {
    let subscribers = this.#subscribers.get(channel)
    const first = subscribers === undefined
    if (!subscribers) this.#subscribers.set(channel, (subscribers = new Set()))
    subscribers.add(onNotify)
    const client = await this.#connection()
    if (first && client === this.#client) await this.#run(client, `LISTEN ${pg.escapeIdentifier(channel)}`)
    return async () => {
      subscribers.delete(onNotify)
      if (subscribers.size > 0 || this.#subscribers.get(channel) !== subscribers) return
      this.#subscribers.delete(channel)
      if (this.#client) await this.#run(this.#client, `UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {})
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#retryTimer)
    this.#subscribers.clear()
    const client = this.#client ?? (await this.#connecting?.catch(() => undefined))
    this.#client = undefined
    await client?.end().catch(() => {})
  }

  #connection(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client)
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined
    })
    return this.#connecting
  }

  async #open(): Promise<pg.Client> {
    const client = this.#connect()
    client.on('notification', (message) => this.#deliver(message.channel, message.payload ?? ''))
    client.on('error', (error) => {
      this.#onError(error)
      this.#lost(client)
    })
    client.on('end', () => this.#lost(client))
    try {
      await client.connect()
      for (const channel of this.#subscribers.keys()) await this.#run(client, `LISTEN ${pg.escapeIdentifier(channel)}`)
    } catch (error) {
      await client.end().catch(() => {})
      throw error
    }
    this.#client = client
    this.#retryMs = RETRY_FIRST_MS
    return client
  }

  #run(client: pg.Client, statement: string): Promise<unknown> {
    return this.#statements.run(() => client.query(statement))
  }

  #deliver(channel: string, payload: string): void {
    for (const subscriber of this.#subscribers.get(channel) ?? []) subscriber(payload)
  }

  #everyoneMissedSomething(): void {
    for (const channel of this.#subscribers.keys()) this.#deliver(channel, NOTIFICATIONS_MISSED)
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return
    this.#client = undefined
    client.end().catch(() => {})
    if (this.#closed) return
    this.#everyoneMissedSomething()
    this.#scheduleReconnect()
  }

  #scheduleReconnect(): void {
    clearTimeout(this.#retryTimer)
    this.#retryTimer = setTimeout(() => {
      this.#connection().then(
        () => this.#everyoneMissedSomething(),
        (error: Error) => {
          this.#onError(error)
          this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS)
          if (!this.#closed) this.#scheduleReconnect()
        },
      )
    }, this.#retryMs)
    this.#retryTimer.unref()
  }
}

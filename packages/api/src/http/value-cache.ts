/**
 * A small in-process cache of built values (not replies), with single-flight builds; a build that started
 * before a `clear()`, or a `delete()` of its key, is never stored.
 *
 * Petitions and signatures need it besides app.readCache because a petition reply merges two things that go stale at
 * different speeds: the content (invalidated by the content NOTIFY, like every other read) and the
 * signature count (a few seconds, by time alone). Each instance keeps its own copy; nothing in it is
 * authoritative, so several stateless instances stay correct.
 */
export class ValueCache<T> {
  readonly #entries = new Map<string, { value: T; storedAt: number }>()
  readonly #inFlight = new Map<string, Promise<T>>()
  readonly #ttlMs: number
  readonly #maxEntries: number
  #generation = 0

  constructor(options: { ttlMs: number; maxEntries?: number }) {
    this.#ttlMs = options.ttlMs
    this.#maxEntries = options.maxEntries ?? 2000
  }

  clear(): void {
    this.#generation++
    this.#entries.clear()
    this.#inFlight.clear()
  }

  /** Forgets one key, e.g. a count this instance has just changed. */
  delete(key: string): void {
    this.#entries.delete(key)
    this.#inFlight.delete(key)
  }

  async get(key: string, build: () => Promise<T>): Promise<T> {
    const entry = this.#entries.get(key)
    if (entry && Date.now() - entry.storedAt < this.#ttlMs) return entry.value
    if (entry) this.#entries.delete(key)
    const pending = this.#inFlight.get(key)
    if (pending) return pending
    const generation = this.#generation
    const promise: Promise<T> = build()
      .then((value) => {
        // Not stored if the key was deleted or cleared meanwhile: the build may have read what changed.
        if (generation === this.#generation && this.#inFlight.get(key) === promise) this.#store(key, value)
        return value
      })
      .finally(() => {
        if (this.#inFlight.get(key) === promise) this.#inFlight.delete(key)
      })
    this.#inFlight.set(key, promise)
    return promise
  }

  #store(key: string, value: T): void {
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
    this.#entries.set(key, { value, storedAt: Date.now() })
  }
}

import type { PGlite } from '@electric-sql/pglite'

/**
 * Presents one PGlite instance as the tiny slice of a `pg.Pool` that Kysely's PostgresDialect uses,
 * so both databases share one dialect, one query compiler and one migrator.
 *
 * PGlite is a single connection. A transaction must own it until it ends, so `connect()` hands it out
 * to one caller at a time and queues the others.
 */
export class PGlitePool {
  readonly #pglite: PGlite
  #tail: Promise<void> = Promise.resolve()

  constructor(pglite: PGlite) {
    this.#pglite = pglite
  }

  async connect(): Promise<PGliteClient> {
    let release!: () => void
    const previous = this.#tail
    this.#tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    return new PGliteClient(this.#pglite, release)
  }

  async end(): Promise<void> {
    await this.#tail
  }
}

const COMMANDS_WITH_ROW_COUNT = /^\s*(insert|update|delete|merge)\b/i

class PGliteClient {
  readonly #pglite: PGlite
  readonly #release: () => void
  #released = false

  constructor(pglite: PGlite, release: () => void) {
    this.#pglite = pglite
    this.#release = release
  }

  async query(sql: string, parameters: readonly unknown[] = []) {
    const result = await this.#pglite.query<Record<string, unknown>>(sql, parameters as unknown[])
    const command = COMMANDS_WITH_ROW_COUNT.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT'
    return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows }
  }

  release(): void {
    if (this.#released) return
    this.#released = true
    this.#release()
  }
}

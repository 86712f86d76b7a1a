import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { NotificationListener } from './notification-listener.js'
import { DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS } from '../config.js'
import type { DB } from './schema.js'
import { PGlitePool } from './pglite-pool.js'
import { prepareMarkedStatements } from './prepared-statements.js'
import { isEmptyDataDir, pgliteSeed } from './pglite-seed.js'

export type DatabaseKind = 'postgres' | 'pglite'

/** A connected database: the Kysely instance plus what Kysely does not cover (LISTEN, closing). */
export interface Database {
  readonly db: Kysely<DB>
  readonly kind: DatabaseKind
  /**
   * Subscribes to a NOTIFY channel. Every instance on the same database and schema hears every notification;
   * those of another schema's WeGov (another deployment, a parallel test run) are not heard (`channelOf`).
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>
  /** Notifies every instance listening on `channel` in this schema (at commit, inside a transaction). */
  notify(db: Kysely<DB>, channel: string, payload: string): Promise<void>
  /**
   * Hears the connection errors the database recovers from by itself (a pooled or LISTEN connection
   * dropped, PostgreSQL restarted): they are reported here, never thrown. Returns the unsubscribe.
   * With no listener they go to stderr, so that none is silent.
   */
  onConnectionError(listener: ConnectionErrorListener): () => void
  close(): Promise<void>
}

export type ConnectionErrorListener = (error: Error, connection: 'pool' | 'listen') => void

export interface DatabaseOptions {
  url: string
  /** Work inside this schema (created if missing). Tests use one schema per run. */
  schema?: string | undefined
  poolSize?: number
  /** How long a query waits for a connection before it fails (PostgreSQL away: 503, never a hang). */
  connectTimeoutMs?: number
  /**
   * PostgreSQL cancels a statement that runs longer (57014, a 503 for the request): a lock held elsewhere or a
   * runaway query must not hold a request and a pooled connection forever. Migrations are exempt (migrate.ts).
   */
  statementTimeoutMs?: number
}

// Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
const DATE_OID = 1082
const INT8_OID = 20
const NUMERIC_OID = 1700
pg.types.setTypeParser(DATE_OID, (value: string) => value)
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value))
pg.types.setTypeParser(NUMERIC_OID, (value: string) => Number(value))

/**
 * NOTIFY channels belong to a whole database, not to a schema: the name says the schema, so that two WeGovs
 * in one database (schemas of one cluster, parallel test runs) do not drop each other's caches. The
 * triggers build the same name from TG_TABLE_SCHEMA (migration 0009). At most 63 bytes, PostgreSQL's limit.
 */
export function channelOf(schema: string, channel: string): string {
  return `${schema}__${channel}`
}

/** The schema the tables live in: the one asked for, else the first of the connection's search_path. */
async function currentSchema(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)
  return rows[0]!.schema
}

async function notifyIn(db: Kysely<DB>, schema: string, channel: string, payload: string): Promise<void> {
  await sql`SELECT pg_notify(${channelOf(schema, channel)}, ${payload})`.execute(db)
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  // 46 characters leave room for the longest channel suffix within PostgreSQL's 63 (channelOf).
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,45}$/.test(options.schema)) {
    throw new Error(`Invalid schema name: ${options.schema}`)
  }
  return /^postgres(ql)?:\/\//.test(options.url) ? openPostgres(options) : openPGlite(options)
}

async function openPostgres({
  url,
  schema,
  poolSize = 20,
  connectTimeoutMs = DATABASE_CONNECT_TIMEOUT_MS,
  statementTimeoutMs = DATABASE_STATEMENT_TIMEOUT_MS,
}: DatabaseOptions): Promise<Database> {
  const connectionOptions = schema ? { options: `-c search_path=${schema},public` } : {}
  if (schema) {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    } finally {
      await admin.end()
    }
  }
  const errors = new ConnectionErrors()
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...connectionOptions,
    // The application name lets an operator (and a test) tell this process's connections apart.
    application_name: `wegov${schema ? `:${schema}` : ''}`,
    // Without it, a query waits for a free connection forever while PostgreSQL does not answer.
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    // Finds a peer that vanished without closing the connection (a proxy or the network cut it).
    keepAlive: true,
  })
  // An idle connection that drops (pg_terminate_backend, a restart) makes the pool emit 'error', and a
  // checked-out one makes its client emit it: unheard, either kills the process. The pool has already
  // discarded the connection (a broken one is not returned on release); the next query opens a new one.
  pool.on('error', (error) => errors.report(error, 'pool'))
  pool.on('connect', (client) => {
    client.on('error', (error) => errors.report(error, 'pool'))
    prepareMarkedStatements(client)
  })
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  const listener = new NotificationListener(
    () =>
      new pg.Client({
        connectionString: url,
        ...connectionOptions,
        application_name: `wegov-listen${schema ? `:${schema}` : ''}`,
        // A connect attempt that never completes would stop the reconnect loop for good.
        connectionTimeoutMillis: connectTimeoutMs,
        keepAlive: true,
      }),
    (error) => errors.report(error, 'listen'),
  )
  const tablesSchema = schema ?? (await currentSchema(db))
  return {
    db,
    kind: 'postgres',
    listen: (channel, onNotify) => listener.listen(channelOf(tablesSchema, channel), onNotify),
    notify: (executor, channel, payload) => notifyIn(executor, tablesSchema, channel, payload),
    onConnectionError: (listener) => errors.subscribe(listener),
    async close() {
      await listener.close()
      await db.destroy()
    },
  }
}

/** Fans connection errors out to whoever listens (the app's logger), or to stderr when nobody does. */
class ConnectionErrors {
  readonly #listeners = new Set<ConnectionErrorListener>()
  readonly #reported = new WeakSet<Error>()

  subscribe(listener: ConnectionErrorListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  report(error: Error, connection: 'pool' | 'listen'): void {
    // An idle connection's error reaches both its client's listener and the pool's: log it once.
    if (this.#reported.has(error)) return
    this.#reported.add(error)
    if (this.#listeners.size === 0) console.warn(`wegov: database ${connection} connection error: ${error.message}`)
    for (const listener of this.#listeners) listener(error, connection)
  }
}

async function openPGlite({ url, schema }: DatabaseOptions): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite')
  const dataDir = url === 'memory://' ? undefined : url.replace(/^pglite:\/\//, '')
  // A new cluster is restored from a pristine one rather than made by initdb (see pglite-seed.ts).
  const seed = dataDir === undefined || isEmptyDataDir(dataDir) ? await pgliteSeed() : undefined
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(seed ? { loadDataDir: seed } : {}),
    parsers: {
      [DATE_OID]: (value: string) => value,
      [INT8_OID]: (value: string) => Number(value),
      [NUMERIC_OID]: (value: string) => Number(value),
    },
  })
  if (schema) {
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}, public;`)
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) as never }) })
  const tablesSchema = schema ?? (await currentSchema(db))
  return {
    db,
    kind: 'pglite',
    async listen(channel, onNotify) {
      const unsubscribe = await pglite.listen(channelOf(tablesSchema, channel), onNotify)
      return unsubscribe
    },
    notify: (executor, channel, payload) => notifyIn(executor, tablesSchema, channel, payload),
    // One in-process connection: it cannot drop, and its query errors reach the caller.
    onConnectionError: () => () => {},
    async close() {
      await db.destroy()
      await pglite.close()
    },
  }
}

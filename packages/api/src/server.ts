import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { type Config, loadConfig } from './config.js'
import { type Database, openDatabase } from './db/database.js'
import { migrateToLatest } from './db/migrate.js'

export interface RunningWeGov {
  app: FastifyInstance
  database: Database
  url: string
  close(): Promise<void>
}

export interface StartOptions {
  /**
   * Registers more on the API's instance before it listens: `npm start` (scripts/start.ts) adds the
   * portal this way. Run directly, this file serves the API alone (an API-only deployment).
   */
  compose?: (app: FastifyInstance) => Promise<void>
  /** Started once the server listens (its public URL is then known), stopped first at shutdown. */
  alongside?: (app: FastifyInstance) => Promise<{ close(): Promise<void> } | undefined>
}

/** Opens the database, migrates it, loads demo content on an empty one, and listens. */
export async function startWeGov(config: Config, options: StartOptions = {}): Promise<RunningWeGov> {
  const database = await openDatabase({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  })
  await migrateToLatest(database.db)
  const app = await buildApp({ config, database })
  await options.compose?.(app)
  if (config.loadDemo) {
    const { loadDemoContent } = await import('./demo/load-demo.js')
    const loaded = await loadDemoContent(database.db)
    if (loaded) app.log.info(loaded, 'demo content loaded (WEGOV_DEMO=0 skips it)')
  }
  const url = await app.listen({ port: config.port, host: config.host })
  const partner = await options.alongside?.(app)
  return {
    app,
    database,
    url,
    async close() {
      await partner?.close()
      // New connections are refused; open ones get 503 (Connection: close) for their next request and are
      // never cut while a client may be sending on them, for up to WEGOV_SHUTDOWN_GRACE_MS (http/draining.ts).
      await app.drain(config.shutdownGraceMs)
      // Then app.close() closes what is still idle, waits for in-flight requests and stops the workers.
      await app.close()
      await database.close()
    },
  }
}

/** Runs a started WeGov until SIGTERM or SIGINT, then shuts it down gracefully. */
export function runUntilSignalled(running: RunningWeGov): void {
  let closing = false
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return
      closing = true
      running.app.log.info({ signal }, 'shutting down: finishing in-flight requests')
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          running.app.log.error({ err: error }, 'shutdown failed')
          process.exit(1)
        },
      )
    })
  }
}

const isEntryPoint = import.meta.url === `file://${process.argv[1]}`
if (isEntryPoint) runUntilSignalled(await startWeGov(loadConfig()))

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

/** Opens the database, migrates it, loads demo content on an empty one, and listens. */
export async function startWeGov(config: Config): Promise<RunningWeGov> {
  const database = await openDatabase({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  })
  await migrateToLatest(database.db)
  const app = await buildApp({ config, database })
  if (config.loadDemo) {
    const { loadDemoContent } = await import('./demo/load-demo.js')
    const loaded = await loadDemoContent(database.db)
    if (loaded) app.log.info(loaded, 'demo content loaded (WEGOV_DEMO=0 skips it)')
  }
  const url = await app.listen({ port: config.port, host: config.host })
  const partner = config.partnerPort === undefined ? undefined : await startPartner(app, config)
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

/** The example partner site on a second origin (WEGOV_PARTNER_PORT); a busy port only costs the example. */
async function startPartner(app: FastifyInstance, config: Config) {
  const { startPartnerSite } = await import('./portal/partner-site.js')
  try {
    // After listen: with PORT=0 the public origin names the port actually listened on.
    const site = await startPartnerSite({ port: config.partnerPort!, host: config.host, wegovOrigin: app.publicOrigin.url })
    app.log.info({ url: site.url }, 'example partner site (cross-origin widgets)')
    return site
  } catch (error) {
    app.log.warn({ err: error }, 'example partner site not started')
    return undefined
  }
}

const isEntryPoint = import.meta.url === `file://${process.argv[1]}`
if (isEntryPoint) {
  const running = await startWeGov(loadConfig())
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

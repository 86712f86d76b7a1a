import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { Config } from '../config.js'
import { doublingDelay } from '../backoff.js'
import { isDatabaseUnavailable } from '../db/connection-errors.js'
import type { DatabaseKind } from '../db/database.js'
import type { DB } from '../db/schema.js'
import { fileStorageFor } from '../domains/files/file-storage.js'
import { EXTRACTION_JOB, extractPendingFileTexts, purgeAbandonedUploads } from '../domains/files/file-text-extraction.js'
import { purgeSpentProofsOfWork } from '../domains/abuse/proof-of-work.js'
import { purgeStaleRows } from './purge-stale-rows.js'
import { runExclusive } from './run-exclusive.js'
import { vacuumPGlite } from './vacuum-pglite.js'

/** The domain services the jobs call: a job holds no SQL of a domain's tables, it hands the service its connection. */
export type JobServices = Pick<FastifyInstance, 'signatures'>

/** One job: every query on `conn`, the connection holding its lock (run-exclusive.ts). */
export type MaintenanceJob = (conn: Kysely<DB>, services: JobServices) => Promise<unknown>

/** The maintenance jobs, by the name of their advisory lock. */
export function maintenanceJobs(config: Config, kind: DatabaseKind): Record<string, MaintenanceJob> {
  return {
    'reconcile-counts': (conn, { signatures }) => signatures.reconcileCounts(conn),
    'expire-pending-signatures': (conn, { signatures }) => signatures.expirePending(conn),
    'anonymise-signatures': (conn, { signatures }) => signatures.anonymiseEnded(conn, config.retentionDays),
    'purge-stale-rows': (conn) => purgeStaleRows(conn),
    // Flags are held for a moderator, then invalidated; honeypot rows go at once.
    'settle-flagged-signatures': (conn, { signatures }) => signatures.settleFlagged(conn),
    'purge-spent-pow': (conn) => purgeSpentProofsOfWork(conn),
    // PDFs' text into the library's search, off the request path.
    [EXTRACTION_JOB]: (conn) => extractPendingFileTexts(conn, fileStorageFor(config)),
    'purge-abandoned-uploads': (conn) => purgeAbandonedUploads(conn),
    // PostgreSQL's own autovacuum does this everywhere but on PGlite.
    ...(kind === 'pglite' ? { 'vacuum-pglite': (conn: Kysely<DB>) => vacuumPGlite(conn) } : {}),
  }
}

/** Runs every maintenance job once, each under its lock; returns what each did (null: another instance had it). */
export async function runMaintenanceJobs(app: Pick<FastifyInstance, 'db' | 'database'> & JobServices, config: Config): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {}
  for (const [name, job] of Object.entries(maintenanceJobs(config, app.database.kind))) {
    results[name] = await runExclusive(app.db, name, (conn) => job(conn, app))
  }
  return results
}

/** The longest a job run is put off while the database is away, unless the interval itself is longer. */
const MAX_BACKOFF_SECONDS = 300

/** Seconds until the next run: the interval, doubled per run failed in a row while the database is away. */
function secondsUntilNextRun(intervalSeconds: number, failedRunsInARow: number): number {
  return doublingDelay(intervalSeconds, failedRunsInARow, MAX_BACKOFF_SECONDS)
}

/**
 * Schedules the maintenance jobs in every instance, every WEGOV_JOB_INTERVAL seconds (first run one
 * interval after start), backing off while the database is away. Advisory locks make sure one instance
 * at a time runs each.
 */
export const jobsPlugin = fp(
  async function jobs(app: FastifyInstance, { config }: { config: Config }) {
    let timer: NodeJS.Timeout | undefined
    let running: Promise<void> | undefined
    let closed = false
    let failedRunsInARow = 0

    const run = async () => {
      try {
        const results = await runMaintenanceJobs(app, config)
        if (failedRunsInARow > 0) app.log.info({ failedRunsInARow }, 'maintenance jobs resumed: the database answers again')
        failedRunsInARow = 0
        app.log.debug({ results }, 'maintenance jobs ran')
      } catch (error) {
        if (!isDatabaseUnavailable(error)) {
          app.log.error({ err: error }, 'maintenance jobs failed')
          return
        }
        failedRunsInARow++
        const retryInSeconds = secondsUntilNextRun(config.jobIntervalSeconds, failedRunsInARow)
        app.log.warn({ err: error, failedRunsInARow, retryInSeconds }, 'maintenance jobs postponed: database unavailable')
      }
    }
    const schedule = () => {
      if (closed) return
      timer = setTimeout(() => {
        running = run().finally(() => {
          running = undefined
          schedule()
        })
      }, secondsUntilNextRun(config.jobIntervalSeconds, failedRunsInARow) * 1000)
      timer.unref()
    }
    app.addHook('onReady', async () => schedule())
    app.addHook('onClose', async () => {
      closed = true
      clearTimeout(timer)
      await running
    })
  },
  { name: 'wegov-jobs', dependencies: ['wegov-database', 'wegov-signatures'] },
)

import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { loadConfig } from '../../api/src/config.js'
import { type RunningWeGov, startWeGov } from '../../api/src/server.js'
import { composePortal } from '../../../scripts/compose.js'
import { createWidgetFixtures, type WidgetFixtures } from './api-fixtures.js'

/**
 * The real WeGov API (with the portal, which serves /widgets/) for the browser tests: in-process, on a random port, with an easy proof-of-work so a
 * test does not spend seconds hashing. Content is created through the same write functions as real content.
 *
 * Like the API suites, it runs on a throwaway in-memory PGlite, or, when DATABASE_URL is set (CI's second
 * run), on real PostgreSQL in a schema of its own that `close()` drops; REDIS_URL then shares its rate
 * limits through Redis under a key prefix of its own.
 */
export async function startTestApi(): Promise<{ running: RunningWeGov; fixtures: WidgetFixtures }> {
  const databaseUrl = process.env.DATABASE_URL || undefined
  const run = randomBytes(6).toString('hex')
  const schema = databaseUrl ? `wegov_widgets_${run}` : undefined
  const config = {
    // A real but easy proof-of-work, and a per-email ceiling of two signatures so the rate-limit state can
    // be reached for real with a third.
    ...loadConfig({ ...process.env, PORT: '0', WEGOV_POW_MAX_NUMBER: '2000', WEGOV_SIGN_EMAIL_REFUSE_AT: '2', WEGOV_MAIL_POLL_MS: '100', NODE_ENV: 'test' }),
    databaseUrl: databaseUrl ?? 'memory://',
    databaseSchema: schema,
    redisUrl: process.env.REDIS_URL || undefined,
    redisKeyPrefix: `wegov-widgets-${run}:`,
    smtpUrl: undefined,
    host: '127.0.0.1',
    port: 0,
    loadDemo: false,
    logLevel: 'warn',
  }
  // Composed as `npm start` composes it: the portal serves the built bundle at /widgets/ (the API alone does not).
  const started = await startWeGov(config, { compose: (app) => composePortal(app, config) })
  const running: RunningWeGov = {
    ...started,
    async close() {
      await started.close()
      if (databaseUrl && schema) await dropSchema(databaseUrl, schema)
    },
  }
  const fixtures = await createWidgetFixtures(running.database.db)
  return { running, fixtures }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  } finally {
    await admin.end()
  }
}

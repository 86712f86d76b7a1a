import { loadConfig } from '../../api/src/config.js'
import { type RunningWeGov, startWeGov } from '../../api/src/server.js'
import { createWidgetFixtures, type WidgetFixtures } from './api-fixtures.js'

/**
 * The real WeGov API for the browser tests: in-process, on a random port, on a throwaway in-memory PGlite,
 * with an easy proof-of-work so a test does not spend seconds hashing. Content is created through the same
 * write functions as real content.
 */
export async function startTestApi(): Promise<{ running: RunningWeGov; fixtures: WidgetFixtures }> {
  const config = {
    // A real but easy proof-of-work, and a per-email ceiling of two signatures so the rate-limit state can
    // be reached for real with a third.
    ...loadConfig({ ...process.env, WEGOV_POW_MAX_NUMBER: '2000', WEGOV_SIGN_EMAIL_REFUSE_AT: '2', WEGOV_MAIL_POLL_MS: '100', NODE_ENV: 'test' }),
    databaseUrl: 'memory://',
    databaseSchema: undefined,
    redisUrl: undefined,
    smtpUrl: undefined,
    host: '127.0.0.1',
    port: 0,
    loadDemo: false,
    logLevel: 'warn',
  }
  const running = await startWeGov(config)
  const fixtures = await createWidgetFixtures(running.database.db)
  return { running, fixtures }
}

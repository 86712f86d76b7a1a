import { loadConfig } from '../../api/src/config.js'
import { type RunningWeGov, startWeGov } from '../../api/src/server.js'
import { createWidgetFixtures, type WidgetFixtures } from './api-fixtures.js'

/**
 * The real WeGov API for the browser tests: in-process, on a random port, on a throwaway in-memory PGlite,
 * with proof-of-work off so a test does not spend seconds hashing. Content is created through the same
 * write functions as real content.
 */
export async function startTestApi(): Promise<{ running: RunningWeGov; fixtures: WidgetFixtures }> {
  const config = {
    ...loadConfig({ ...process.env, WEGOV_POW: 'off', NODE_ENV: 'test' }),
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

import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import type { Test } from 'tap'
import { composePortal } from '../../../../scripts/compose.js'
import { buildApp } from '../../src/app.js'
import { type Config, loadConfig } from '../../src/config.js'
import { type Database, type DatabaseOptions, openDatabase } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'

/**
 * The database every suite runs on: real PostgreSQL when DATABASE_URL is set (CI runs the whole suite
 * twice), otherwise an in-memory PGlite. On PostgreSQL each database gets a schema of its own, dropped at
 * teardown, so runs never collide and never assume they own the server.
 */
export const DIALECT = process.env.DATABASE_URL ? 'postgres' : 'pglite'

export async function openTestDatabase(t: Test): Promise<Database> {
  const url = process.env.DATABASE_URL
  if (!url) {
    const database = await openDatabase({ url: 'memory://' })
    t.teardown(() => database.close())
    await migrateToLatest(database.db)
    return database
  }
  return openSchemaDatabase(t, url, url, { poolSize: 10 })
}

/**
 * A migrated database in a new schema of the PostgreSQL at `adminUrl`, reached through `url` (the same
 * server, or a proxy in front of it), dropped at teardown.
 */
export async function openSchemaDatabase(t: Test, adminUrl: string, url: string, options: Omit<DatabaseOptions, 'url' | 'schema'> = {}): Promise<Database> {
  const schema = `wegov_test_${randomBytes(6).toString('hex')}`
  const database = await openDatabase({ ...options, url, schema })
  t.teardown(async () => {
    await database.close()
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.end()
  })
  await migrateToLatest(database.db)
  return database
}

/**
 * app.inject() sends `Host: localhost:80`: the test apps' public URL is that origin, and that Host stays
 * allowed when a test configures another public URL.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ PORT: '0' })
  return { ...base, host: '127.0.0.1', publicUrl: 'http://localhost', allowedHosts: ['localhost:80'], loadDemo: false, logLevel: 'warn', ...overrides }
}

/**
 * A fresh app on a fresh database, closed at teardown. Use app.inject() or listen on port 0. It is put
 * together as `npm start` does (scripts/compose.ts): the API, then the portal on the same instance;
 * `portal: false` gives the API alone, as src/server.ts serves it.
 */
export async function buildTestApp(
  t: Test,
  options: { database?: Database; config?: Partial<Config>; portal?: boolean } = {},
): Promise<FastifyInstance> {
  const database = options.database ?? (await openTestDatabase(t))
  const config = testConfig(options.config)
  const app = await buildApp({ config, database, logger: false })
  if (options.portal !== false) await composePortal(app, config)
  t.teardown(() => app.close())
  await app.ready()
  return app
}

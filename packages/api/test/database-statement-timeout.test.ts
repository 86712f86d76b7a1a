import { sql } from 'kysely'
import pg from 'pg'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { capturedLogger, get, wrongAnswer } from './helpers/outage.js'
import { openSchemaDatabase, testConfig } from './helpers/test-app.js'

const url = process.env.DATABASE_URL

// A lock held elsewhere (a long migration on another instance, an operator's session) must not hold
// requests, and the pooled connections they sit on, for as long as it lasts.
t.test('a statement blocked past the statement timeout is a 503 to retry, and the API serves once the lock goes', { skip: !url && 'needs DATABASE_URL' }, async (t) => {
  const database = await openSchemaDatabase(t, url!, url!, { statementTimeoutMs: 300 })
  const { lines, logger } = capturedLogger()
  const app = await buildApp({ config: testConfig(), database, logger })
  t.teardown(() => app.close())
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  t.equal((await get(base, '/v1/projects?limit=5')).status, 200)

  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(database.db)
  const locker = new pg.Client({ connectionString: url })
  await locker.connect()
  t.teardown(() => locker.end())
  await locker.query('BEGIN')
  await locker.query(`LOCK TABLE ${rows[0]!.schema}.projects IN ACCESS EXCLUSIVE MODE`)

  const blocked = await get(base, '/v1/projects?limit=6')
  t.equal(blocked.status, 503, 'the blocked read is cancelled by PostgreSQL, not left waiting')
  t.notOk(wrongAnswer('/v1/projects?limit=6', blocked), 'problem+json WEGOV_UNAVAILABLE with Retry-After')
  t.ok(lines.some((line) => line.msg === 'database unavailable'), 'and logged as the database being unavailable')

  await locker.query('ROLLBACK')
  t.equal((await get(base, '/v1/projects?limit=6')).status, 200, 'served again once the lock is released')
})

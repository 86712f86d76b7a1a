import { sql } from 'kysely'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { DIALECT, openTestDatabase, testConfig } from './helpers/test-app.js'

// Only a database that cannot be reached is the client's to retry (503); a failing statement is WeGov's
// bug (500). Both dialects: on PGlite, whose one connection is in the process, nothing is ever a 503.
t.test(`${DIALECT}: a statement that fails is a 500, not a 503 to retry`, async (t) => {
  const database = await openTestDatabase(t)
  const app = await buildApp({ config: testConfig(), database, logger: false })
  t.teardown(() => app.close())
  app.get('/test/division-by-zero', async () => (await sql`SELECT 1 / 0 AS never`.execute(app.db)).rows)
  app.get('/test/missing-table', async () => (await sql`SELECT * FROM no_such_table`.execute(app.db)).rows)
  await app.ready()

  for (const url of ['/test/division-by-zero', '/test/missing-table']) {
    const response = await app.inject({ url })
    t.equal(response.statusCode, 500, url)
    t.equal(response.json().code, 'WEGOV_INTERNAL')
    t.notOk(response.headers['retry-after'], 'nothing to retry')
  }
  const ready = await app.inject({ url: '/health/ready' })
  t.equal(ready.statusCode, 200, 'and the database is ready')
})

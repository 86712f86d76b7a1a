import { sql } from 'kysely'
import t from 'tap'
import { preparedAs } from '../src/db/prepared-statements.js'
import { DIALECT, openTestDatabase } from './helpers/test-app.js'

/**
 * A statement marked with preparedAs is parsed and planned once per connection (a named prepared
 * statement) on PostgreSQL, and is an ordinary statement on PGlite: either way it answers for the values
 * of each run. The signing batch relies on it (signatures-*.test.ts check what it writes).
 */
const doubled = (values: number[]) => sql<{ n: number }>`${preparedAs('test-doubled')}SELECT n * 2 AS n FROM unnest(${values}::int[]) AS v(n) ORDER BY n`

t.test('a marked statement answers for the values of each run', async (t) => {
  const database = await openTestDatabase(t)
  for (const values of [[1, 2, 3], [], [40], [7, 5]]) {
    const { rows } = await doubled(values).execute(database.db)
    t.same(rows.map((row) => row.n), values.map((n) => n * 2).sort((a, b) => a - b), `run with ${JSON.stringify(values)}`)
  }
})

t.test('on PostgreSQL a marked statement is prepared once per connection, an unmarked one is not', { skip: DIALECT !== 'postgres' && 'PostgreSQL only' }, async (t) => {
  const database = await openTestDatabase(t)
  // One connection at a time, so that the statements below run on the one that prepared it.
  await database.db.connection().execute(async (connection) => {
    for (const values of [[1], [2, 3], [4, 5, 6]]) await doubled(values).execute(connection)
    await sql`SELECT 1 AS unmarked`.execute(connection)
    const { rows } = await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements ORDER BY name`.execute(connection)
    t.same(rows.map((row) => row.name), ['test-doubled'], 'only the marked statement, once')
    t.match(rows[0]!.statement, /^\/\* prepared:test-doubled \*\/ SELECT n \* 2/)
  })
})

t.test('on PostgreSQL a built statement marked at its end is prepared too, and answers for each run', { skip: DIALECT !== 'postgres' && 'PostgreSQL only' }, async (t) => {
  const database = await openTestDatabase(t)
  await database.db.connection().execute(async (connection) => {
    const people = (email: string) => connection.selectFrom('people').select('id').where('email', '=', email).modifyEnd(preparedAs('test-person')).execute()
    for (const email of ['nobody@example.org', 'someone@example.org']) t.same(await people(email), [], email)
    const { rows } = await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements ORDER BY name`.execute(connection)
    t.same(rows.map((row) => row.name), ['test-person'])
    t.match(rows[0]!.statement, /^select "id" from "people" .*\/\* prepared:test-person \*\/ ?$/)
  })
})

t.test('a name that could break out of the comment is refused', async (t) => {
  t.throws(() => preparedAs('x */ DROP TABLE signatures; /*'), /Invalid prepared statement name/)
  t.throws(() => preparedAs(''), /Invalid prepared statement name/)
})

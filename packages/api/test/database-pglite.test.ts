import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import t from 'tap'
import { openDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { vacuumPGlite } from '../src/jobs/vacuum-pglite.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'

/**
 * The embedded database `npm start` uses without DATABASE_URL: a new data directory gets a cluster (restored
 * from the pristine seed rather than made by initdb), and what is written there survives a restart.
 * PGlite only, whatever DATABASE_URL says: this is about PGlite's files.
 */
t.test('PGlite keeps its data in its directory across restarts', async (t) => {
  const parent = await mkdtemp(join(tmpdir(), 'wegov-pglite-'))
  t.teardown(() => rm(parent, { recursive: true, force: true }))
  const url = `pglite://${join(parent, 'data')}`

  const first = await openDatabase({ url })
  t.ok((await readdir(join(parent, 'data'))).includes('PG_VERSION'), 'a cluster was made in the empty directory')
  t.ok((await migrateToLatest(first.db)).length > 0, 'migrated')
  await createFixtureOrganisations(first.db)
  const written = await first.db.selectFrom('organisations').select('slug').orderBy('slug').execute()
  t.ok(written.length > 0)
  await first.close()

  const second = await openDatabase({ url })
  t.same(await migrateToLatest(second.db), [], 'already migrated: the directory was reopened, not replaced by the seed')
  t.same(await second.db.selectFrom('organisations').select('slug').orderBy('slug').execute(), written, 'the data survived')
  await second.close()
})

t.test('an in-memory database starts empty and leaves nothing behind', async (t) => {
  const database = await openDatabase({ url: 'memory://' })
  t.teardown(() => database.close())
  const tables = await database.db.introspection.getTables()
  t.same(tables, [], 'no table before migrations, even though it came from the seed')
})

t.test('with no autovacuum in PGlite, the maintenance job vacuums and analyses the tables that need it', async (t) => {
  const database = await openDatabase({ url: 'memory://' })
  t.teardown(() => database.close())
  await migrateToLatest(database.db)
  // Deleted rows stay behind as dead row versions until a VACUUM, as old signatures and spent proofs do.
  await sql`CREATE TABLE vacuum_probe (id int PRIMARY KEY)`.execute(database.db)
  await sql`INSERT INTO vacuum_probe SELECT generate_series(1, 1000)`.execute(database.db)
  await sql`DELETE FROM vacuum_probe WHERE id > 100`.execute(database.db)
  // Statistics reach pg_stat_user_tables at the end of a later transaction, at most once a second.
  await sql`SELECT pg_stat_force_next_flush()`.execute(database.db)
  await sql`SELECT 1`.execute(database.db)
  const deadRows = async () =>
    (await sql<{ dead: number }>`SELECT n_dead_tup::int AS dead FROM pg_stat_user_tables WHERE relname = 'vacuum_probe'`.execute(database.db)).rows[0]?.dead
  t.equal(await deadRows(), 900, 'dead rows piled up')

  t.ok((await vacuumPGlite(database.db)).includes('vacuum_probe'), 'the table past the threshold was vacuumed')
  t.equal(await deadRows(), 0, 'its dead rows are gone')
  const { rows } = await sql<{ analysed: boolean }>`SELECT last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables WHERE relname = 'vacuum_probe'`.execute(database.db)
  t.equal(rows[0]?.analysed, true, 'and it was analysed')
  t.notOk((await vacuumPGlite(database.db)).includes('vacuum_probe'), 'a clean table is left alone')
})

import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { openDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
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

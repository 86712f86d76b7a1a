import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'

const config = loadConfig()
const database = await openDatabase({ url: config.databaseUrl, schema: config.databaseSchema })
try {
  const applied = await migrateToLatest(database.db)
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database already up to date.')
} finally {
  await database.close()
}

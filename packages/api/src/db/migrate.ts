import { type Kysely, type Migration, Migrator } from 'kysely'
import * as content from './migrations/0001-content.js'

/**
 * Migrations are listed here, in order, rather than read from a folder: the list then works the same
 * under tsx, in a bundle and in tests. Kysely's Migrator holds an advisory lock inside a transaction,
 * so two instances starting at once apply each migration exactly once.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-content': content,
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

import { type Kysely, type Migration, Migrator, sql } from 'kysely'
import * as content from './migrations/0001-content.js'
import * as petitions from './migrations/0002-petitions.js'
import * as abuse from './migrations/0003-abuse.js'
import * as searchTitle from './migrations/0004-search-title.js'
import * as codeFailures from './migrations/0005-code-failures.js'
import * as accounts from './migrations/0006-accounts.js'
import * as publishing from './migrations/0007-publishing.js'
import * as files from './migrations/0008-files.js'
import * as changeFeed from './migrations/0009-change-feed.js'
import * as changeOrder from './migrations/0010-change-order.js'
import * as slugPrefixes from './migrations/0011-slug-prefixes.js'
import * as petitionLaunching from './migrations/0012-petition-launching.js'
import * as paperSignatures from './migrations/0013-paper-signatures.js'
import * as webhooks from './migrations/0014-webhooks.js'
import * as webinarCancellation from './migrations/0015-webinar-cancellation.js'
import * as mailFanouts from './migrations/0016-mail-fanouts.js'
import * as organisationLicences from './migrations/0017-organisation-licences.js'
import * as iatiIdentifiers from './migrations/0018-iati-identifiers.js'
import * as harvestOrder from './migrations/0019-harvest-order.js'
import * as resourceProjects from './migrations/0020-resource-projects.js'

/**
 * Migrations are listed here, in order, rather than read from a folder: the list then works the same
 * under tsx, in a bundle and in tests. Kysely's Migrator holds an advisory lock inside a transaction,
 * so two instances starting at once apply each migration exactly once.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-content': content,
  '0002-petitions': petitions,
  '0003-abuse': abuse,
  '0004-search-title': searchTitle,
  '0005-code-failures': codeFailures,
  '0006-accounts': accounts,
  '0007-publishing': publishing,
  '0008-files': files,
  '0009-change-feed': changeFeed,
  '0010-change-order': changeOrder,
  '0011-slug-prefixes': slugPrefixes,
  '0012-petition-launching': petitionLaunching,
  '0013-paper-signatures': paperSignatures,
  '0014-webhooks': webhooks,
  '0015-webinar-cancellation': webinarCancellation,
  '0016-mail-fanouts': mailFanouts,
  '0017-organisation-licences': organisationLicences,
  '0018-iati-identifiers': iatiIdentifiers,
  '0019-harvest-order': harvestOrder,
  '0020-resource-projects': resourceProjects,
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's Migrator takes Kysely<any>: migrations predate the current schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema; pin them to ours, or a second WeGov schema on the
  // same server (tests, benches) would believe they exist and fail to take the migration lock.
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)
  const migrationTableSchema = rows[0]?.schema ?? 'public'
  const migrator = new Migrator({ db, migrationTableSchema, provider: { getMigrations: async () => withoutStatementTimeout(MIGRATIONS) } })
  for (let attempt = 1; ; attempt++) {
    const { error, results = [] } = await migrator.migrateToLatest()
    if (!error) return results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
    // Kysely's introspection lists the tables (and column defaults) of every schema; another schema dropped
    // at that moment (a parallel test run finishing) fails it with 3F000, or with 42703/42P01 when a table's
    // column or the table itself goes between two catalog reads. Nothing was applied (one transaction): try
    // again. A migration that really fails fails the same way five times and is thrown.
    const code = (error as { code?: string }).code
    const otherSchemaDropped =
      (code === '3F000' && !String((error as Error).message).includes(`"${migrationTableSchema}"`)) || code === '42703' || code === '42P01'
    if (!otherSchemaDropped || attempt >= 5) throw error instanceof Error ? error : new Error(String(error))
  }
}

/**
 * An index built on a large table may rightly run longer than the statement timeout that protects requests
 * (WEGOV_DB_STATEMENT_TIMEOUT_MS): each migration lifts it for its own transaction only.
 */
function withoutStatementTimeout(migrations: Record<string, Migration>): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(migrations).map(([name, migration]) => [
      name,
      {
        ...migration,
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
        up: async (db: Kysely<any>) => {
          await sql`SET LOCAL statement_timeout = 0`.execute(db)
          await migration.up(db)
        },
      },
    ]),
  )
}

import { type Kysely, sql } from 'kysely'

/**
 * The OAI-PMH harvest walks the resources oldest change first, `(updated_at, id) > cursor` (issue 17).
 * Without an index in that order each page sorted every harvestable resource; with it a page reads only
 * its own rows, so a harvest of the whole library costs the same per page from the first to the last.
 * Deleted resources stay in it: their tombstones are harvested as deleted records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX resources_harvest_idx ON resources (updated_at, id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS resources_harvest_idx`.execute(db)
}

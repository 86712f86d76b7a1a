import { type Kysely, sql } from 'kysely'

const SEARCHABLE_TABLES = ['projects', 'resources', 'petitions'] as const

/**
 * What search results are ordered by (src/search/search-page.ts): whether the title matches, then recency.
 *
 * `search_title` is the title part of each record's search vector (its weight-A lexemes). It is small
 * enough to stay in the row (STORAGE MAIN keeps it there when a row grows), unlike `search`, which holds
 * title, summary and body in three languages and is stored out of line: testing a title costs no extra
 * read. Generated from `search`, it can never disagree with it, and no writer has to know about it.
 * Its GIN index collects the title matches of a rare word; resources get the recency index that
 * projects (projects_listing_idx) and petitions (petitions_listing_idx) already have.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of SEARCHABLE_TABLES) {
    // One statement, so the table is rewritten once, with the storage already set.
    await sql`ALTER TABLE ${sql.table(table)}
      ADD COLUMN search_title tsvector GENERATED ALWAYS AS (ts_filter(search, '{a}')) STORED,
      ALTER COLUMN search_title SET STORAGE MAIN`.execute(db)
    await sql`CREATE INDEX ${sql.id(`${table}_search_title_idx`)} ON ${sql.table(table)} USING gin (search_title)`.execute(db)
  }
  await sql`CREATE INDEX resources_created_idx ON resources (created_at DESC, id DESC) WHERE deleted_at IS NULL`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS resources_created_idx`.execute(db)
  for (const table of SEARCHABLE_TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN IF EXISTS search_title`.execute(db)
  }
}

import { type Kysely, sql } from 'kysely'

/**
 * Indexes that answer slug prefixes. A new project or resource takes the first free one of `base`,
 * `base-2`, `base-3`… (domains/content-writes/item-slugs.ts), asked as `slug = base OR slug LIKE 'base-%'`
 * of the items and of the old slugs that still redirect. The unique index on slug cannot answer a LIKE
 * unless the database's collation is "C" (C.UTF-8 and the locales are not, to PostgreSQL 15's planner):
 * every create then read every project or resource, more slowly as the catalogue grew. text_pattern_ops
 * compares byte by byte, so these answer a prefix whatever the collation, and equality too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX projects_slug_prefix_idx ON projects (slug text_pattern_ops)`.execute(db)
  await sql`CREATE INDEX resources_slug_prefix_idx ON resources (slug text_pattern_ops)`.execute(db)
  await sql`CREATE INDEX slug_redirects_prefix_idx ON slug_redirects (type, old_slug text_pattern_ops)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['slug_redirects_prefix_idx', 'resources_slug_prefix_idx', 'projects_slug_prefix_idx']) {
    await sql`DROP INDEX IF EXISTS ${sql.id(index)}`.execute(db)
  }
}

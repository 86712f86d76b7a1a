import { type Kysely, sql } from 'kysely'

/**
 * Issue 17 (open data): the licence under which an organisation publishes its content, as an SPDX id from
 * a small fixed list (domains/vocabulary/terms.ts, CONTENT_LICENCES). Every row of the bulk exports carries
 * its owning organisation's licence. CC BY 4.0 unless the organisation chooses otherwise.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE organisations ADD COLUMN licence text NOT NULL DEFAULT 'CC-BY-4.0'
    CHECK (licence IN ('CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'CC-BY-NC-4.0'))`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE organisations DROP COLUMN IF EXISTS licence`.execute(db)
}

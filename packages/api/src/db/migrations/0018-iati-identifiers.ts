import { type Kysely, sql } from 'kysely'

/**
 * IATI organisation identifiers (issue 17). An organisation that publishes to IATI states the identifier
 * a registration agency gave it (org-id.guide: `TN-RNE-…`, `XM-DAC-…`); every activity it reports starts
 * with it (IATI ruleset 1.1.21), so two organisations can never share one. The column is nullable: an
 * organisation without one is simply not an IATI publisher, and its projects are left out of the export.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE organisations ADD COLUMN iati_identifier text`.execute(db)
  await sql`CREATE UNIQUE INDEX organisations_iati_identifier_idx ON organisations (iati_identifier) WHERE iati_identifier IS NOT NULL`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS organisations_iati_identifier_idx`.execute(db)
  await sql`ALTER TABLE organisations DROP COLUMN IF EXISTS iati_identifier`.execute(db)
}

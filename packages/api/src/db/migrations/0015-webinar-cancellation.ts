import { type Kysely, sql } from 'kysely'

/**
 * Issue 17 (calendars): a webinar can be called off. It stays published, so that the calendars that
 * already hold it learn of the cancellation (STATUS:CANCELLED) instead of losing the event silently.
 * Null for every other resource and for a webinar that goes ahead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE resources ADD COLUMN cancelled_at timestamptz`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE resources DROP COLUMN IF EXISTS cancelled_at`.execute(db)
}

import { type Kysely, sql } from 'kysely'

/**
 * Wrong confirmation codes are counted per (petition, email hash), whether or not that address signed:
 * a wrong code then costs the same work either way, so neither the answer nor its timing tells a stranger
 * who signed. The count on the signature row it replaces is dropped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE code_failures (
    petition_id uuid NOT NULL,
    email_hash text NOT NULL,
    failures integer NOT NULL,
    last_failed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (petition_id, email_hash)
  )`.execute(db)
  await sql`CREATE INDEX code_failures_last_failed_idx ON code_failures (last_failed_at)`.execute(db)
  await sql`ALTER TABLE signatures DROP COLUMN code_attempts`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE signatures ADD COLUMN code_attempts integer NOT NULL DEFAULT 0`.execute(db)
  await sql`DROP TABLE IF EXISTS code_failures`.execute(db)
}

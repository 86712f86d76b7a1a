import { type Kysely, sql } from 'kysely'

/**
 * Publishing (issue 15): projects and resources get a state (draft or published), a version that every
 * write increments (the ETag), and the time of their first publication (slugs are stable from then on).
 * A slug changed after publication keeps answering through slug_redirects (301). POSTs remember their
 * Idempotency-Key for a day. The change log learns each event's item version, the node it happened on, and
 * whether the public saw it (the public change feed reads only those).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['projects', 'resources']) {
    // Existing rows were public before drafts existed: they stay published.
    await sql`ALTER TABLE ${sql.table(table)}
      ADD COLUMN state text NOT NULL DEFAULT 'published' CHECK (state IN ('draft','published')),
      ADD COLUMN version integer NOT NULL DEFAULT 1,
      ADD COLUMN first_published_at timestamptz`.execute(db)
    await sql`UPDATE ${sql.table(table)} SET first_published_at = created_at`.execute(db)
  }
  // The stored file (h-files adds the foreign key to its files table in 0008).
  await sql`ALTER TABLE resources ADD COLUMN file_id uuid`.execute(db)

  await sql`CREATE TABLE slug_redirects (
    type text NOT NULL CHECK (type IN ('project','resource')),
    old_slug text NOT NULL,
    item_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (type, old_slug)
  )`.execute(db)

  // One row per (actor, key): the same key from another actor is another request.
  await sql`CREATE TABLE content_idempotency (
    key text NOT NULL,
    actor text NOT NULL,
    method_path text NOT NULL,
    body_sha256 text NOT NULL,
    status integer NOT NULL,
    response jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, key)
  )`.execute(db)
  await sql`CREATE INDEX content_idempotency_created_idx ON content_idempotency (created_at)`.execute(db)

  await sql`ALTER TABLE change_log
    ADD COLUMN version integer,
    ADD COLUMN origin text,
    ADD COLUMN public boolean NOT NULL DEFAULT false`.execute(db)
  await sql`CREATE INDEX change_log_public_idx ON change_log (id) WHERE public`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS change_log_public_idx`.execute(db)
  await sql`ALTER TABLE change_log DROP COLUMN IF EXISTS version, DROP COLUMN IF EXISTS origin, DROP COLUMN IF EXISTS public`.execute(db)
  await sql`DROP TABLE IF EXISTS content_idempotency`.execute(db)
  await sql`DROP TABLE IF EXISTS slug_redirects`.execute(db)
  await sql`ALTER TABLE resources DROP COLUMN IF EXISTS file_id`.execute(db)
  for (const table of ['projects', 'resources']) {
    await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN IF EXISTS state, DROP COLUMN IF EXISTS version, DROP COLUMN IF EXISTS first_published_at`.execute(db)
  }
}

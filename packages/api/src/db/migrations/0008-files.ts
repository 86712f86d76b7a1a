import { type Kysely, sql } from 'kysely'

/**
 * Uploaded documents (the library): one `files` row per upload, owned by an organisation; the bytes once per
 * SHA-256 in `file_blobs`, kept either as `file_chunks` rows (PostgreSQL storage, the default) or as an object
 * in S3 (S3_URL), under `storage_key`. `resources.file_id` points at the file a resource offers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('file_blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    // Where the storage keeps the bytes: an upload id for file_chunks, an object key for S3.
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // Bytea chunks of a fixed size, so a large file is written and read a piece at a time (PGlite too).
  await db.schema
    .createTable('file_chunks')
    .addColumn('upload_id', 'uuid', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('file_chunks_pkey', ['upload_id', 'seq'])
    .execute()

  await db.schema
    .createTable('files')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('file_blobs.sha256'))
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_person_id', 'uuid')
    .addColumn('actor_key_id', 'uuid')
    // Text extraction (PDFs): 'pending' → 'done' | 'failed'; 'none' for types without text to extract.
    .addColumn('text_status', 'text', (c) => c.notNull().check(sql`text_status IN ('none','pending','done','failed')`))
    .addColumn('text_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text_error', 'text')
    .addColumn('text', 'text')
    .execute()
  await sql`CREATE INDEX files_text_pending_idx ON files (created_at) WHERE text_status = 'pending'`.execute(db)
  await sql`CREATE INDEX files_sha256_idx ON files (sha256)`.execute(db)

  // 0007-publishing adds resources.file_id and resources.state; IF NOT EXISTS keeps this migration
  // applicable on its own as well (it then adds them with the same definitions).
  await sql`ALTER TABLE resources ADD COLUMN IF NOT EXISTS state text NOT NULL DEFAULT 'published' CHECK (state IN ('draft','published'))`.execute(db)
  await sql`ALTER TABLE resources ADD COLUMN IF NOT EXISTS file_id uuid`.execute(db)
  await sql`ALTER TABLE resources ADD CONSTRAINT resources_file_id_fkey FOREIGN KEY (file_id) REFERENCES files (id)`.execute(db)
  await sql`CREATE INDEX resources_file_idx ON resources (file_id) WHERE file_id IS NOT NULL`.execute(db)
}

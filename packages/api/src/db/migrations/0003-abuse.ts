import { type Kysely, sql } from 'kysely'

/** The generated master secret, and the proof-of-work solutions already spent (replay protection). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wegov_secrets')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // Kept in the database rather than in a process, so a solution spent on one instance is spent on all.
  // Rows are useless once the challenge has expired (verification refuses it anyway) and are purged then.
  await db.schema
    .createTable('pow_spent')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('pow_spent_expires_idx').on('pow_spent').column('expires_at').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pow_spent').ifExists().execute()
  await db.schema.dropTable('wegov_secrets').ifExists().execute()
}

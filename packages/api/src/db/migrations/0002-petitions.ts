import { type Kysely, sql } from 'kysely'

/**
 * Petitions, their signatures, the sharded signature counts, the mail outbox and idempotency keys.
 *
 * Only the petitions table notifies the read caches: signatures and counts change every second during a
 * surge, and a notification per signature would empty every cache continuously.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('petitions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('owner_organisation_id', 'uuid', (c) => c.references('organisations.id'))
    .addColumn('launcher_name', 'text')
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('body', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('targets', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('original_lang', 'text', (c) => c.notNull().check(sql`original_lang IN ('ar','fr','en')`))
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('signature_goal', 'integer', (c) => c.notNull().check(sql`signature_goal > 0`))
    .addColumn('opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('draft','pending_review','open','closed','rejected','withdrawn')`),
    )
    .addColumn('ended_at', 'timestamptz')
    .addColumn('rejection_reason', 'jsonb')
    .addColumn('response', 'jsonb')
    .addColumn('response_original_lang', 'text')
    .addColumn('responded_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('search', sql`tsvector`, (c) => c.notNull().defaultTo(sql`''::tsvector`))
    .addCheckConstraint('petitions_launcher', sql`owner_organisation_id IS NOT NULL OR launcher_name IS NOT NULL`)
    .addCheckConstraint('petitions_dates', sql`closes_at > opens_at`)
    .addCheckConstraint('petitions_rejection_reason', sql`status <> 'rejected' OR rejection_reason IS NOT NULL`)
    .execute()
  await sql`CREATE INDEX petitions_listing_idx ON petitions (opens_at DESC, id DESC)
    WHERE deleted_at IS NULL AND status IN ('open','closed','rejected')`.execute(db)
  await sql`CREATE INDEX petitions_search_idx ON petitions USING gin (search)`.execute(db)
  await sql`CREATE INDEX petitions_themes_idx ON petitions USING gin (themes)`.execute(db)
  await sql`CREATE TRIGGER petitions_notify AFTER INSERT OR UPDATE OR DELETE ON petitions
    FOR EACH STATEMENT EXECUTE FUNCTION wegov_notify_content()`.execute(db)

  await db.schema
    .createTable('signatures')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('petition_id', 'uuid', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
    .addColumn('email_hash', 'text', (c) => c.notNull())
    // Kept only when the signer asked for news; the hash alone enforces one signature per person.
    .addColumn('email', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('city', 'text')
    .addColumn('comment', 'text')
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull().check(sql`display IN ('public','anonymous')`))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale IN ('ar','fr','en')`))
    .addColumn('consent_news_organiser', 'boolean', (c) => c.notNull())
    .addColumn('consent_news_partner', 'boolean', (c) => c.notNull())
    .addColumn('source_partner', 'text')
    .addColumn('source_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status IN ('pending','confirmed')`))
    .addColumn('validity', 'text', (c) =>
      c.notNull().defaultTo('valid').check(sql`validity IN ('valid','flagged','invalidated')`),
    )
    .addColumn('flag_reason', 'text')
    .addColumn('confirm_token_hash', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmation_sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('withdraw_token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('anonymised_at', 'timestamptz')
    .addUniqueConstraint('signatures_one_per_person', ['petition_id', 'email_hash'])
    .execute()
  await sql`CREATE UNIQUE INDEX signatures_confirm_token_idx ON signatures (confirm_token_hash)`.execute(db)
  await sql`CREATE UNIQUE INDEX signatures_withdraw_token_idx ON signatures (withdraw_token_hash)`.execute(db)
  await sql`CREATE INDEX signatures_public_idx ON signatures (petition_id, confirmed_at DESC, id DESC)
    WHERE status = 'confirmed' AND display = 'public' AND validity = 'valid' AND anonymised_at IS NULL`.execute(db)
  await sql`CREATE INDEX signatures_pending_idx ON signatures (confirmation_sent_at) WHERE status = 'pending'`.execute(db)
  await sql`CREATE INDEX signatures_flagged_idx ON signatures (petition_id) WHERE validity = 'flagged'`.execute(db)

  // No foreign key: a key check would lock the petition row on every increment, the hot row this table avoids.
  await db.schema
    .createTable('petition_counts')
    .addColumn('petition_id', 'uuid', (c) => c.notNull())
    .addColumn('shard', 'smallint', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confirmed', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('invalidated', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('petition_counts_pk', ['petition_id', 'shard', 'country', 'source'])
    .execute()

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('signature_id', 'uuid', (c) => c.references('signatures.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE failed_at IS NULL`.execute(db)
  await sql`CREATE INDEX mail_outbox_signature_idx ON mail_outbox (signature_id)`.execute(db)

  // Development only (no SMTP): delivered messages, kept as what renders them, readable at GET /dev/mailbox.
  await db.schema
    .createTable('dev_mailbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`CREATE INDEX dev_mailbox_recipient_idx ON dev_mailbox (recipient, id)`.execute(db)

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['idempotency_keys', 'dev_mailbox', 'mail_outbox', 'petition_counts', 'signatures', 'petitions']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}

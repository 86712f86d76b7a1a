import { type Kysely, sql } from 'kysely'

/**
 * Announcements to many, queued in chunks (mail/mail-fanouts.ts). The mail consumer records one
 * mail_fanouts row per announcement (a petition's first response); the mail worker then expands it into
 * outbox rows a chunk at a time, each chunk and the advance of `after_signature_id` in one transaction, so a
 * crash mid-way neither loses nor repeats a message, and no statement or transaction grows with the crowd.
 *
 * The partial index on consent_response (0013) gains the signature id, so each chunk is a range scan of the
 * petition's consenting signers in id order, rather than a sort of all of them per chunk.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE mail_fanouts (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    petition_id uuid NOT NULL REFERENCES petitions (id) ON DELETE CASCADE,
    payload jsonb NOT NULL,
    after_signature_id uuid,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db)
  await sql`DROP INDEX IF EXISTS signatures_response_consent_idx`.execute(db)
  await sql`CREATE INDEX signatures_response_consent_idx ON signatures (petition_id, id) WHERE consent_response`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS signatures_response_consent_idx`.execute(db)
  await sql`CREATE INDEX signatures_response_consent_idx ON signatures (petition_id) WHERE consent_response`.execute(db)
  await sql`DROP TABLE IF EXISTS mail_fanouts`.execute(db)
}

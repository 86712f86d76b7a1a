import { type Kysely, sql } from 'kysely'

/**
 * Issue 16: paper signatures, official responses, and the signer's consent to hear of the response.
 *
 * - `paper_signature_batches`: signatures a partner organisation collected on paper, as a count (never the
 *   people: the paper stays with the partner), with the country, the day they were collected and an optional
 *   scan (an upload of that organisation). A moderator may void a batch with a reason: it stays listed, and
 *   stops counting.
 * - `petitions` gains what an official response lacked: its document (an upload) and who recorded it (the
 *   organisation it was recorded for, and the person or API key that did; the change log says so too).
 * - `signatures.consent_response`: the signer asked to be told of the petition's response. A partial index
 *   finds those signers when a response comes, and costs nothing for the signatures that did not ask.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE paper_signature_batches (
    id uuid PRIMARY KEY,
    petition_id uuid NOT NULL REFERENCES petitions(id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    count integer NOT NULL CHECK (count > 0),
    country text NOT NULL,
    collected_on date NOT NULL,
    scan_file_id uuid REFERENCES files(id) ON DELETE SET NULL,
    actor_person_id uuid,
    actor_key_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    voided_at timestamptz,
    void_reason text,
    voided_by_person_id uuid,
    CHECK ((voided_at IS NULL) = (void_reason IS NULL))
  )`.execute(db)
  await sql`CREATE INDEX paper_signature_batches_petition_idx ON paper_signature_batches (petition_id, created_at)`.execute(db)

  await sql`ALTER TABLE petitions
    ADD COLUMN response_document_id uuid REFERENCES files(id) ON DELETE SET NULL,
    ADD COLUMN response_organisation_id uuid REFERENCES organisations(id),
    ADD COLUMN response_actor_person_id uuid,
    ADD COLUMN response_actor_key_id uuid`.execute(db)
  // The files domain asks whether an upload is a response's document (then it is public).
  await sql`CREATE INDEX petitions_response_document_idx ON petitions (response_document_id) WHERE response_document_id IS NOT NULL`.execute(db)

  await sql`ALTER TABLE signatures ADD COLUMN consent_response boolean NOT NULL DEFAULT false`.execute(db)
  await sql`CREATE INDEX signatures_response_consent_idx ON signatures (petition_id) WHERE consent_response`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS signatures_response_consent_idx`.execute(db)
  await sql`ALTER TABLE signatures DROP COLUMN IF EXISTS consent_response`.execute(db)
  await sql`DROP INDEX IF EXISTS petitions_response_document_idx`.execute(db)
  await sql`ALTER TABLE petitions
    DROP COLUMN IF EXISTS response_document_id,
    DROP COLUMN IF EXISTS response_organisation_id,
    DROP COLUMN IF EXISTS response_actor_person_id,
    DROP COLUMN IF EXISTS response_actor_key_id`.execute(db)
  await sql`DROP TABLE IF EXISTS paper_signature_batches`.execute(db)
}

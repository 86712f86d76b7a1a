import { type Kysely, sql } from 'kysely'

/**
 * People, sign-in, sessions, passkeys, organisation membership, API keys, and the change log that the
 * audit log reads. No password is ever stored; every secret (code, link token, session token, API key)
 * is stored as a hash only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A person is a verified email address. `email` is the normalised form the mail is sent to.
  await sql`CREATE TABLE people (
    id uuid PRIMARY KEY,
    email text NOT NULL UNIQUE,
    name text NOT NULL DEFAULT '',
    lang text NOT NULL DEFAULT 'fr' CHECK (lang IN ('ar','fr','en')),
    platform_role text CHECK (platform_role IN ('admin','moderator')),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at timestamptz
  )`.execute(db)

  // One live code per address: asking again replaces it. Keyed by the address's keyed hash, so a code
  // can be asked for an address that has no account yet without writing the address down.
  await sql`CREATE TABLE sign_in_codes (
    email_hash text PRIMARY KEY,
    code_hash text NOT NULL,
    token_hash text NOT NULL UNIQUE,
    lang text NOT NULL CHECK (lang IN ('ar','fr','en')),
    attempts integer NOT NULL DEFAULT 0,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db)
  await sql`CREATE INDEX sign_in_codes_expires_idx ON sign_in_codes (expires_at)`.execute(db)

  await sql`CREATE TABLE sessions (
    id uuid PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    method text NOT NULL CHECK (method IN ('code','passkey')),
    user_agent text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`.execute(db)
  await sql`CREATE INDEX sessions_person_idx ON sessions (person_id)`.execute(db)
  await sql`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`.execute(db)

  await sql`CREATE TABLE passkeys (
    id text PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    public_key bytea NOT NULL,
    counter bigint NOT NULL DEFAULT 0,
    transports text[] NOT NULL DEFAULT '{}',
    name text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz
  )`.execute(db)
  await sql`CREATE INDEX passkeys_person_idx ON passkeys (person_id)`.execute(db)

  // WebAuthn challenges live in the database, not in a process: any instance may receive the answer.
  await sql`CREATE TABLE webauthn_challenges (
    id uuid PRIMARY KEY,
    challenge text NOT NULL,
    purpose text NOT NULL CHECK (purpose IN ('register','authenticate')),
    person_id uuid REFERENCES people(id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
  )`.execute(db)

  await sql`CREATE TABLE memberships (
    person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    role text NOT NULL CHECK (role IN ('owner','editor')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, organisation_id)
  )`.execute(db)
  await sql`CREATE INDEX memberships_organisation_idx ON memberships (organisation_id)`.execute(db)

  await sql`CREATE TABLE invitations (
    id uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    email text NOT NULL,
    role text NOT NULL CHECK (role IN ('owner','editor')),
    lang text NOT NULL CHECK (lang IN ('ar','fr','en')),
    token_hash text NOT NULL UNIQUE,
    invited_by uuid REFERENCES people(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_by uuid REFERENCES people(id) ON DELETE SET NULL,
    revoked_at timestamptz
  )`.execute(db)
  await sql`CREATE INDEX invitations_organisation_idx ON invitations (organisation_id)`.execute(db)

  // An association's request to join: the profile it proposes, then an admin's decision.
  await sql`CREATE TABLE organisation_applications (
    id uuid PRIMARY KEY,
    applicant_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    lang text NOT NULL CHECK (lang IN ('ar','fr','en')),
    name jsonb NOT NULL,
    description jsonb NOT NULL DEFAULT '{}'::jsonb,
    original_lang text NOT NULL CHECK (original_lang IN ('ar','fr','en')),
    kind text NOT NULL,
    country text NOT NULL,
    website text,
    motivation text NOT NULL DEFAULT '',
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','declined')),
    reason text,
    decided_by uuid REFERENCES people(id) ON DELETE SET NULL,
    decided_at timestamptz,
    organisation_id uuid REFERENCES organisations(id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db)
  await sql`CREATE INDEX organisation_applications_status_idx ON organisation_applications (status, created_at)`.execute(db)

  await sql`CREATE TABLE api_keys (
    id uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    name text NOT NULL,
    prefix text NOT NULL,
    secret_hash text NOT NULL UNIQUE,
    scopes text[] NOT NULL,
    created_by uuid REFERENCES people(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  )`.execute(db)
  await sql`CREATE INDEX api_keys_organisation_idx ON api_keys (organisation_id)`.execute(db)

  // The one change log: every write records an event here in its own transaction. The audit log reads it;
  // cache invalidation, mail, webhooks and federation will too. Append-only, enforced by the database.
  await sql`CREATE TABLE change_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    action text NOT NULL,
    subject_type text NOT NULL,
    subject_id text NOT NULL,
    organisation_id uuid,
    actor_person_id uuid,
    actor_key_id uuid,
    request_id text,
    before jsonb,
    after jsonb
  )`.execute(db)
  await sql`CREATE INDEX change_log_organisation_idx ON change_log (organisation_id, id)`.execute(db)
  await sql`CREATE INDEX change_log_action_idx ON change_log (action, id)`.execute(db)
  await sql`CREATE INDEX change_log_actor_idx ON change_log (actor_person_id, id)`.execute(db)
  await sql`CREATE OR REPLACE FUNCTION wegov_change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'change_log is append-only'; END $$`.execute(db)
  await sql`CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE ON change_log
    FOR EACH ROW EXECUTE FUNCTION wegov_change_log_append_only()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['change_log', 'api_keys', 'organisation_applications', 'invitations', 'memberships', 'webauthn_challenges', 'passkeys', 'sessions', 'sign_in_codes', 'people']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db)
  }
  await sql`DROP FUNCTION IF EXISTS wegov_change_log_append_only()`.execute(db)
}

import { type Kysely, sql } from 'kysely'

/**
 * The change log gets an order that readers can follow without ever skipping an event (change_log.seq),
 * and named consumers (the mail outbox first; webhooks and federation later).
 *
 * Why not the id: a sequence hands ids out at INSERT, but transactions commit in another order. A reader
 * that saw id 12 while the transaction holding id 11 was still open would move past 11 for good.
 *
 * seq is handed out at COMMIT instead: a deferred constraint trigger, the last thing a transaction runs,
 * takes a transaction advisory lock for this schema's log, then numbers the transaction's events from
 * change_log_seq. The lock is released only after the commit is visible, so the next writer numbers its
 * events after these are readable: every event a reader can see has a seq, and no event can ever appear
 * below a seq a reader has seen (a transaction that fails after numbering leaves a gap that stays empty).
 * It costs no new waiting: PostgreSQL already serialises the commits of transactions that NOTIFY, as every
 * change-log insert does (0009), and this lock is one schema's, not the server's: another WeGov in another
 * schema (a parallel test run) never waits on it.
 *
 * Rows from before this migration committed long ago: their seq is their id, and the sequence starts
 * above them, so the cursors handed out before (ids) keep their meaning.
 *
 * change_consumers: each consumer's position (a seq), advanced in the transaction of its effect. The mail
 * consumer starts after every event already logged: the decisions made before it were mailed by their
 * writers, and must not be mailed again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE change_log ADD COLUMN seq bigint`.execute(db)
  await sql`ALTER TABLE change_log DISABLE TRIGGER change_log_append_only`.execute(db)
  await sql`UPDATE change_log SET seq = id`.execute(db)
  await sql`ALTER TABLE change_log ENABLE TRIGGER change_log_append_only`.execute(db)
  await sql`CREATE SEQUENCE change_log_seq`.execute(db)
  await sql`SELECT setval('change_log_seq', coalesce(max(id), 0) + 1, false) FROM change_log`.execute(db)
  await sql`CREATE UNIQUE INDEX change_log_seq_idx ON change_log (seq)`.execute(db)
  // The feed's compaction and the deletions ask "is there a later event of this item?", now in seq order.
  await sql`DROP INDEX change_log_public_subject_idx`.execute(db)
  await sql`CREATE INDEX change_log_public_subject_idx ON change_log (subject_type, subject_id, seq) WHERE public`.execute(db)

  // Append-only still, but for the one write the numbering makes: a seq given to an event that had none.
  await sql`CREATE OR REPLACE FUNCTION wegov_change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL AND (to_jsonb(NEW) - 'seq') = (to_jsonb(OLD) - 'seq') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'change_log is append-only';
    END $$`.execute(db)

  await sql`CREATE OR REPLACE FUNCTION wegov_number_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtextextended('wegov-change-order:' || TG_TABLE_SCHEMA, 0));
      EXECUTE format('UPDATE %I.change_log SET seq = nextval(%L) WHERE id = $1', TG_TABLE_SCHEMA, quote_ident(TG_TABLE_SCHEMA) || '.change_log_seq')
        USING NEW.id;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE CONSTRAINT TRIGGER change_log_number AFTER INSERT ON change_log
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION wegov_number_change()`.execute(db)

  await sql`CREATE TABLE change_consumers (
    name text PRIMARY KEY,
    last_seq bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db)
  await sql`INSERT INTO change_consumers (name, last_seq) SELECT 'mail', coalesce(max(seq), 0) FROM change_log`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS change_consumers`.execute(db)
  await sql`DROP TRIGGER IF EXISTS change_log_number ON change_log`.execute(db)
  await sql`DROP FUNCTION IF EXISTS wegov_number_change()`.execute(db)
  await sql`CREATE OR REPLACE FUNCTION wegov_change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'change_log is append-only'; END $$`.execute(db)
  await sql`DROP INDEX IF EXISTS change_log_public_subject_idx`.execute(db)
  await sql`CREATE INDEX change_log_public_subject_idx ON change_log (subject_type, subject_id, id) WHERE public`.execute(db)
  await sql`DROP INDEX IF EXISTS change_log_seq_idx`.execute(db)
  await sql`DROP SEQUENCE IF EXISTS change_log_seq`.execute(db)
  await sql`ALTER TABLE change_log DROP COLUMN IF EXISTS seq`.execute(db)
}

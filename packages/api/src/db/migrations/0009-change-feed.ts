import { type Kysely, sql } from 'kysely'

/**
 * The change log becomes the source of cache invalidation and of the public change feed (GET /v1/changes),
 * on the columns 0007-publishing added (change_log.version/origin/public, projects/resources.state).
 *
 * - A row trigger on change_log NOTIFYs `wegov_changes` with `type:id`: every instance forgets only what
 *   is tagged with that item and its type's lists.
 * - The whole-cache NOTIFY of projects, resources and project_organisations (0001) stays for writes that
 *   record no event (the demo loader, fixtures), but it now runs at commit (a deferred constraint
 *   trigger) and stays silent when the transaction recorded a change-log event: otherwise every API write
 *   would still clear every cache.
 * - Every channel is named after the schema (`<schema>__wegov_content`, db/database.ts channelOf): NOTIFY is
 *   database-wide, and a WeGov in another schema of the same database (another deployment, a parallel test
 *   run) must not drop this one's caches. 0001's whole-cache function is redefined the same way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The feed's compaction asks "is there a later public event of this item?" for each event it returns.
  await sql`CREATE INDEX change_log_public_subject_idx ON change_log (subject_type, subject_id, id) WHERE public`.execute(db)
  await sql`CREATE INDEX change_log_deleted_idx ON change_log (id) WHERE action IN ('organisation.deleted', 'project.deleted', 'resource.deleted')`.execute(db)

  // Tombstones made before the log recorded content writes: /v1/deletions and the feed now read the log.
  for (const [table, type] of [['organisations', 'organisation'], ['projects', 'project'], ['resources', 'resource']] as const) {
    await sql`INSERT INTO change_log (at, action, subject_type, subject_id, organisation_id, public)
      SELECT deleted_at, ${`${type}.deleted`}, ${type}, id::text, owner_organisation_id, true
      FROM ${sql.table(table)} WHERE deleted_at IS NOT NULL ORDER BY deleted_at, id`.execute(db)
  }

  await sql`CREATE OR REPLACE FUNCTION wegov_notify_content() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify(TG_TABLE_SCHEMA || '__wegov_content', TG_TABLE_NAME); RETURN NULL; END $$`.execute(db)
  await sql`CREATE OR REPLACE FUNCTION wegov_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM set_config('wegov.change_logged', 'on', true);
      PERFORM pg_notify(TG_TABLE_SCHEMA || '__wegov_changes', NEW.subject_type || ':' || NEW.subject_id);
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER change_log_notify AFTER INSERT ON change_log FOR EACH ROW EXECUTE FUNCTION wegov_notify_change()`.execute(db)

  // Runs at commit, once per changed row; pg_notify folds identical notifications of one transaction.
  await sql`CREATE OR REPLACE FUNCTION wegov_notify_unlogged_content() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF coalesce(current_setting('wegov.change_logged', true), '') <> 'on' THEN
        PERFORM pg_notify(TG_TABLE_SCHEMA || '__wegov_content', TG_TABLE_NAME);
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  for (const table of ['projects', 'project_organisations', 'resources']) {
    await sql`DROP TRIGGER ${sql.id(`${table}_notify`)} ON ${sql.table(table)}`.execute(db)
    await sql`CREATE CONSTRAINT TRIGGER ${sql.id(`${table}_notify`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION wegov_notify_unlogged_content()`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['projects', 'project_organisations', 'resources']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${table}_notify`)} ON ${sql.table(table)}`.execute(db)
    await sql`CREATE TRIGGER ${sql.id(`${table}_notify`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION wegov_notify_content()`.execute(db)
  }
  await sql`DROP FUNCTION IF EXISTS wegov_notify_unlogged_content()`.execute(db)
  await sql`DROP TRIGGER IF EXISTS change_log_notify ON change_log`.execute(db)
  await sql`DROP FUNCTION IF EXISTS wegov_notify_change()`.execute(db)
  await sql`DROP INDEX IF EXISTS change_log_deleted_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS change_log_public_subject_idx`.execute(db)
  await sql`CREATE OR REPLACE FUNCTION wegov_notify_content() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('wegov_content', TG_TABLE_NAME); RETURN NULL; END $$`.execute(db)
}

import { type Kysely, sql } from 'kysely'

/** Organisations, projects and resources, with tombstones, search vectors and change notifications. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Statement-level triggers tell every API instance (LISTEN wegov_content) to drop its cached reads.
  await sql`CREATE OR REPLACE FUNCTION wegov_notify_content() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('wegov_content', TG_TABLE_NAME); RETURN NULL; END $$`.execute(db)

  const record = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_organisation_id', 'uuid', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('deleted_at', 'timestamptz')
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('original_lang', 'text', (c) => c.notNull().check(sql`original_lang IN ('ar','fr','en')`))

  await record('organisations')
    .addColumn('name', 'jsonb', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('website', 'text')
    .addColumn('logo_url', 'text')
    .addColumn('is_partner', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()

  await record('projects')
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('planned_start', 'date')
    .addColumn('planned_end', 'date')
    .addColumn('actual_start', 'date')
    .addColumn('actual_end', 'date')
    .addColumn('countries', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('budget_amount', sql`numeric(16,2)`)
    .addColumn('budget_currency', sql`char(3)`)
    .addColumn('website', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_url', 'text')
    .addColumn('search', sql`tsvector`, (c) => c.notNull().defaultTo(sql`''::tsvector`))
    .execute()

  await db.schema
    .createTable('project_organisations')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_organisations_pk', ['project_id', 'organisation_id', 'role'])
    .execute()

  await record('resources')
    .addColumn('collection', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('body', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('languages', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('url', 'text')
    .addColumn('file_url', 'text')
    .addColumn('file_type', 'text')
    .addColumn('file_size', 'bigint')
    .addColumn('countries', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('publisher_organisation_id', 'uuid', (c) => c.references('organisations.id'))
    .addColumn('published_on', 'date')
    .addColumn('licence', 'text')
    .addColumn('starts_at', 'timestamptz')
    .addColumn('ends_at', 'timestamptz')
    .addColumn('join_url', 'text')
    .addColumn('recording_url', 'text')
    .addColumn('duration_seconds', 'integer')
    .addColumn('search', sql`tsvector`, (c) => c.notNull().defaultTo(sql`''::tsvector`))
    .execute()

  for (const table of ['projects', 'resources']) {
    await sql`CREATE INDEX ${sql.id(`${table}_search_idx`)} ON ${sql.table(table)} USING gin (search)`.execute(db)
    await sql`CREATE INDEX ${sql.id(`${table}_countries_idx`)} ON ${sql.table(table)} USING gin (countries)`.execute(db)
    await sql`CREATE INDEX ${sql.id(`${table}_themes_idx`)} ON ${sql.table(table)} USING gin (themes)`.execute(db)
  }
  await sql`CREATE INDEX projects_listing_idx ON projects (created_at DESC, id DESC) WHERE deleted_at IS NULL`.execute(db)
  await sql`CREATE INDEX resources_listing_idx ON resources (published_on DESC NULLS LAST, id DESC) WHERE deleted_at IS NULL`.execute(db)
  await sql`CREATE INDEX resources_webinar_idx ON resources (starts_at) WHERE kind = 'webinar' AND deleted_at IS NULL`.execute(db)
  await sql`CREATE INDEX project_organisations_org_idx ON project_organisations (organisation_id)`.execute(db)

  for (const table of ['organisations', 'projects', 'project_organisations', 'resources']) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_notify`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION wegov_notify_content()`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['project_organisations', 'resources', 'projects', 'organisations']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
  await sql`DROP FUNCTION IF EXISTS wegov_notify_content()`.execute(db)
}

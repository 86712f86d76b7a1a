import { type Kysely, sql } from 'kysely'

/**
 * Resources attached to projects (issue 17): a report, a guide or a webinar about one or more projects of
 * the organisation that publishes it. The IATI file lists a project's attached public resources as its
 * `<document-link>`s, and `GET /v1/resources?project=` lists them for a project's page. An attachment goes
 * with either side: deleting a resource or a project row removes it (items are soft-deleted, so a
 * tombstone keeps its attachments until then, and a restore finds them again).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('resource_projects')
    .addColumn('resource_id', 'uuid', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('resource_projects_pkey', ['resource_id', 'project_id'])
    .execute()
  // The project's side: its page's list of resources, and the IATI file's document links.
  await sql`CREATE INDEX resource_projects_project_idx ON resource_projects (project_id, resource_id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('resource_projects').ifExists().execute()
}

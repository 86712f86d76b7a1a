import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * What the bulk exports (domains/open-data) read of resources: the published, live ones, a keyset page at a
 * time by id. The same public fields as GET /v1/resources/{id}, bodies left to the API (they are long HTML).
 */
export async function resourceExportPage(db: Kysely<DB>, after: string | null, limit: number) {
  let query = db
    .selectFrom('resources')
    .select([
      'id', 'slug', 'owner_organisation_id', 'publisher_organisation_id', 'collection', 'kind', 'title', 'summary', 'original_lang',
      'languages', 'url', 'file_url', 'file_type', 'file_size', 'countries', 'themes', 'published_on', 'licence', 'starts_at', 'ends_at',
      'join_url', 'recording_url', 'duration_seconds', 'created_at', 'updated_at',
      // The public projects it is attached to, by slug.
      sql<string[]>`ARRAY(
        SELECT p.slug FROM resource_projects rp JOIN projects p ON p.id = rp.project_id
        WHERE rp.resource_id = resources.id AND p.state = 'published' AND p.deleted_at IS NULL ORDER BY p.slug
      )`.as('projects'),
    ])
    .where('state', '=', 'published')
    .where('deleted_at', 'is', null)
  if (after) query = query.where('id', '>', after)
  return query.orderBy('id').limit(limit).execute()
}

import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * What the bulk exports (domains/open-data) read of projects: the published, live ones, a keyset page at a
 * time by id. The same public fields as GET /v1/projects/{id}; never drafts.
 */
export async function projectExportPage(db: Kysely<DB>, after: string | null, limit: number) {
  let query = db
    .selectFrom('projects')
    .select([
      'id', 'slug', 'owner_organisation_id', 'title', 'summary', 'description', 'original_lang', 'status',
      'planned_start', 'planned_end', 'actual_start', 'actual_end', 'countries', 'themes', 'budget_amount', 'budget_currency',
      'website', 'contact_name', 'contact_url', 'created_at', 'updated_at',
    ])
    .where('state', '=', 'published')
    .where('deleted_at', 'is', null)
  if (after) query = query.where('id', '>', after)
  return query.orderBy('id').limit(limit).execute()
}

import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { statusCondition } from './petition-lifecycle.js'

/**
 * What the bulk exports (domains/open-data) read of petitions: the public ones (open, closed, rejected; never
 * drafts, petitions collecting sponsors or under review, hidden or withdrawn ones), a keyset page at a time by
 * id. Nothing of who created or moderated them.
 */
export async function petitionExportPage(db: Kysely<DB>, after: string | null, limit: number) {
  let query = db
    .selectFrom('petitions as p')
    .select([
      'p.id', 'p.slug', 'p.owner_organisation_id', 'p.title', 'p.summary', 'p.original_lang', 'p.country', 'p.themes',
      'p.signature_goal', 'p.opens_at', 'p.closes_at', 'p.status', 'p.ended_at', 'p.responded_at', 'p.created_at', 'p.updated_at',
    ])
    .where('p.deleted_at', 'is', null)
    .where(statusCondition(undefined))
  if (after) query = query.where('p.id', '>', after)
  return query.orderBy('p.id').limit(limit).execute()
}

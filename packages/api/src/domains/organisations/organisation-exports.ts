import type { Kysely } from 'kysely'
import type { ContentLicence, DB } from '../../db/schema.js'

/**
 * What the bulk exports (domains/open-data) read of organisations: live organisations a keyset page at a
 * time (by id), and the slug and licence of the organisations that own a page of other content. Only the
 * public profile: nothing of members, invitations or applications.
 */
export async function organisationExportPage(db: Kysely<DB>, after: string | null, limit: number) {
  let query = db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name', 'description', 'original_lang', 'kind', 'country', 'website', 'logo_url', 'is_partner', 'licence', 'created_at', 'updated_at'])
    .where('deleted_at', 'is', null)
  if (after) query = query.where('id', '>', after)
  return query.orderBy('id').limit(limit).execute()
}

export interface OwnerFacts {
  slug: string
  licence: ContentLicence
}

/** The slug and licence of each organisation among these ids (deleted ones too: their content may outlive them). */
export async function ownerFacts(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, OwnerFacts>> {
  const wanted = [...new Set(ids)]
  if (wanted.length === 0) return new Map()
  const rows = await db.selectFrom('organisations').select(['id', 'slug', 'licence']).where('id', 'in', wanted).execute()
  return new Map(rows.map((row) => [row.id, { slug: row.slug, licence: row.licence }]))
}

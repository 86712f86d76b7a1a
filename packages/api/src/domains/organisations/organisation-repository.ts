import type { Kysely, Selectable } from 'kysely'
import type { DB, Lang, OrganisationTable } from '../../db/schema.js'
import { decodeCursor, encodeCursor } from '../../http/cursor.js'
import { isUuid } from '../../http/schemas.js'
import { localize } from '../../i18n/languages.js'

export type OrganisationRow = Selectable<OrganisationTable>

export interface OrganisationFilters {
  country?: string | undefined
  kind?: string | undefined
  partner?: boolean | undefined
}

/** Organisations ordered by slug; the cursor is the last slug. */
export async function listOrganisations(
  db: Kysely<DB>,
  filters: OrganisationFilters,
  page: { limit: number; cursor?: string | undefined },
) {
  let query = db.selectFrom('organisations').selectAll().where('deleted_at', 'is', null)
  if (filters.country) query = query.where('country', '=', filters.country)
  if (filters.kind) query = query.where('kind', '=', filters.kind)
  if (filters.partner !== undefined) query = query.where('is_partner', '=', filters.partner)
  if (page.cursor) {
    const [slug] = decodeCursor(page.cursor, ['string'] as const)
    query = query.where('slug', '>', slug)
  }
  const rows = await query.orderBy('slug').limit(page.limit + 1).execute()
  const items = rows.slice(0, page.limit)
  const last = items.at(-1)
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.slug]) : null }
}

export async function findOrganisation(db: Kysely<DB>, idOrSlug: string) {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where(isUuid(idOrSlug) ? 'id' : 'slug', '=', idOrSlug)
    .executeTakeFirst()
}

/** The slugs of every organisation that exists (not deleted): who may be named as a signature's source. */
export async function liveOrganisationSlugs(db: Kysely<DB>): Promise<ReadonlySet<string>> {
  const rows = await db.selectFrom('organisations').select('slug').where('deleted_at', 'is', null).execute()
  return new Set(rows.map((row) => row.slug))
}

export function presentOrganisation(row: OrganisationRow, lang: Lang) {
  return {
    id: row.id,
    slug: row.slug,
    name: localize(row.name, lang, row.original_lang)!,
    description: localize(row.description, lang, row.original_lang),
    originalLang: row.original_lang,
    kind: row.kind,
    country: row.country,
    website: row.website,
    logoUrl: row.logo_url,
    isPartner: row.is_partner,
    licence: row.licence,
    iatiIdentifier: row.iati_identifier,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

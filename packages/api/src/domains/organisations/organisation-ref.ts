import type { Lang } from '../../db/schema.js'
import { localize } from '../../i18n/languages.js'
import type { OrganisationRow } from './organisation-repository.js'

/**
 * The short reference to an organisation that projects, resources and petitions embed (OrganisationRefSchema
 * in organisation-schemas.ts). A public module of the organisations domain: it presents a row another domain
 * already has, and reads nothing.
 */
export function presentOrganisationRef(row: Pick<OrganisationRow, 'id' | 'slug' | 'name' | 'original_lang' | 'logo_url'>, lang: Lang) {
  return { id: row.id, slug: row.slug, name: localize(row.name, lang, row.original_lang)!, logoUrl: row.logo_url }
}

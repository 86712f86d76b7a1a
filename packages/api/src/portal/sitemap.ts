import { type Kysely, sql } from 'kysely'
import { escapeXml } from '../content/escape.js'
import type { DB, Lang } from '../db/schema.js'
import { statusCondition } from '../domains/petitions/petition-lifecycle.js'
import { DEFAULT_LANG, LANGS } from '../i18n/languages.js'

/** The sitemaps protocol's limit on <url> entries in one file. */
export const SITEMAP_MAX_URLS = 50_000

type PathFor = (lang: Lang, page: string, slug?: string) => string

interface SitemapEntry {
  page: string
  slug?: string
  updatedAt?: Date
}

/**
 * Every portal page a search engine should know: the sections, then each project, resource and petition,
 * most recently changed first. Deleted items (tombstones) and petitions the public cannot see are left
 * out. One entry per page and language, so the items are capped to fit the protocol's 50,000 URLs in one
 * file.
 */
export async function sitemapEntries(db: Kysely<DB>, sections: readonly string[]): Promise<SitemapEntry[]> {
  const itemLimit = Math.floor(SITEMAP_MAX_URLS / LANGS.length) - sections.length
  const items = await db
    .selectFrom('projects')
    .select([sql<string>`'project'`.as('page'), 'slug', 'updated_at'])
    .where('deleted_at', 'is', null)
    .unionAll((eb) => eb.selectFrom('resources').select([sql<string>`'resource'`.as('page'), 'slug', 'updated_at']).where('deleted_at', 'is', null))
    .unionAll((eb) =>
      eb
        .selectFrom('petitions as p')
        .select([sql<string>`'petition'`.as('page'), 'p.slug', 'p.updated_at'])
        .where('p.deleted_at', 'is', null)
        // Public ones only: never drafts, petitions under review or withdrawn ones.
        .where(statusCondition(undefined)),
    )
    .orderBy('updated_at', 'desc')
    .limit(itemLimit)
    .execute()
  return [
    ...sections.map((page) => ({ page })),
    ...items.map((item) => ({ page: item.page, slug: item.slug, updatedAt: new Date(item.updated_at) })),
  ]
}

/**
 * The sitemap XML: each page once per language, each listing its three languages as alternates (and
 * x-default, the page in the default language), which is how search engines learn the translations.
 */
export function sitemapXml(origin: string, entries: SitemapEntry[], pathFor: PathFor): string {
  const urls: string[] = []
  for (const entry of entries) {
    const href = (lang: Lang) => escapeXml(`${origin}${pathFor(lang, entry.page, entry.slug)}`)
    const alternates = [
      ...LANGS.map((lang) => `<xhtml:link rel="alternate" hreflang="${lang}" href="${href(lang)}"/>`),
      `<xhtml:link rel="alternate" hreflang="x-default" href="${href(DEFAULT_LANG)}"/>`,
    ].join('')
    const lastmod = entry.updatedAt ? `<lastmod>${entry.updatedAt.toISOString()}</lastmod>` : ''
    for (const lang of LANGS) urls.push(`<url><loc>${href(lang)}</loc>${lastmod}${alternates}</url>`)
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    `${urls.join('\n')}\n</urlset>\n`
  )
}

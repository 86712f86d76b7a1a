import type { WeGovClient } from '@wegov/sdk'
import { DEFAULT_LANG, LANGS, type Lang, escapeXml } from './languages.js'

/** The sitemaps protocol's limit on <url> entries in one file. */
export const SITEMAP_MAX_URLS = 50_000
/** The API's largest page: the sitemap pages through each list with as few calls as it can. */
const PAGE_LIMIT = 100

type PathFor = (lang: Lang, page: string, slug?: string) => string

interface SitemapEntry {
  page: string
  slug?: string
  updatedAt?: Date
}

interface Listed {
  slug: string
  updatedAt: string
}

/**
 * Every portal page a search engine should know: the sections, then each organisation, project, resource
 * and petition, most recently changed first. They come from the public lists of the API, so drafts,
 * deleted items and petitions the public cannot see are never there. One entry per page and language,
 * so the items are capped to fit the protocol's 50,000 URLs in one file.
 */
export async function sitemapEntries(client: WeGovClient, sections: readonly string[]): Promise<SitemapEntry[]> {
  const itemLimit = Math.floor(SITEMAP_MAX_URLS / LANGS.length) - sections.length
  const lists: [string, AsyncIterable<Listed>][] = [
    ['organisation', client.organisations.list({ limit: PAGE_LIMIT })],
    ['project', client.projects.list({ limit: PAGE_LIMIT })],
    ['resource', client.resources.list({ limit: PAGE_LIMIT })],
    ['petition', client.petitions.list({ limit: PAGE_LIMIT })],
  ]
  const items: SitemapEntry[] = []
  for (const [page, list] of lists) {
    let taken = 0
    for await (const item of list) {
      items.push({ page, slug: item.slug, updatedAt: new Date(item.updatedAt) })
      // No list can have more than the file holds: stop reading it there.
      if (++taken >= itemLimit) break
    }
  }
  items.sort((a, b) => b.updatedAt!.getTime() - a.updatedAt!.getTime())
  return [...sections.map((page) => ({ page })), ...items.slice(0, itemLimit)]
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

import { DEFAULT_LANG, FEED_TITLE, LANGS, type Lang, escapeHtml } from './languages.js'
import { serialiseJsonLd } from './json-ld.js'

/** Open Graph wants a territory with the language. */
const OG_LOCALE: Record<Lang, string> = { ar: 'ar_AR', fr: 'fr_FR', en: 'en_GB' }

export interface HeadInput {
  lang: Lang
  title: string
  /** The title for link previews: the item's own title, without the site name. */
  shareTitle: string
  description: string
  origin: string
  /** The page's path in each language. */
  paths: Record<Lang, string>
  /** `article` for an item, `website` for a section. */
  ogType: 'website' | 'article'
  jsonLd: Record<string, unknown> | null
  /** Error pages: no canonical, no alternates, not indexed. */
  notFound?: boolean
}

/**
 * What goes between <head> and </head> besides the fixed links of the template: the title and
 * description in the page language, canonical and hreflang alternates, Open Graph and JSON-LD.
 */
export function headMarkup(input: HeadInput): string {
  const { lang, origin } = input
  const url = (path: string) => escapeHtml(`${origin}${path}`)
  const meta = (attribute: 'name' | 'property', key: string, value: string) =>
    `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`
  const lines = [`<title>${escapeHtml(input.title)}</title>`, meta('name', 'description', input.description)]
  if (input.notFound) {
    lines.push(meta('name', 'robots', 'noindex'))
    return lines.join('\n')
  }
  const here = `${origin}${input.paths[lang]}`
  lines.push(`<link rel="canonical" href="${url(input.paths[lang])}">`)
  for (const other of LANGS) lines.push(`<link rel="alternate" hreflang="${other}" href="${url(input.paths[other])}">`)
  // The home page's x-default is / (it redirects by Accept-Language); an item's is its default-language page.
  const xDefault = input.paths[DEFAULT_LANG] === `/${DEFAULT_LANG}/` ? '/' : input.paths[DEFAULT_LANG]
  lines.push(`<link rel="alternate" hreflang="x-default" href="${url(xDefault)}">`)
  // Feed readers and browsers discover the resource feeds from any page.
  const feedTitle = escapeHtml(FEED_TITLE[lang])
  lines.push(
    `<link rel="alternate" type="application/atom+xml" title="${feedTitle}" href="${url(`/v1/resources/feed.atom?lang=${lang}`)}">`,
    `<link rel="alternate" type="application/feed+json" title="${feedTitle}" href="${url(`/v1/resources/feed.json?lang=${lang}`)}">`,
  )
  lines.push(
    meta('property', 'og:type', input.ogType),
    meta('property', 'og:site_name', 'WeGov'),
    meta('property', 'og:title', input.shareTitle),
    meta('property', 'og:description', input.description),
    meta('property', 'og:url', here),
    meta('property', 'og:locale', OG_LOCALE[lang]),
    ...LANGS.filter((other) => other !== lang).map((other) => meta('property', 'og:locale:alternate', OG_LOCALE[other])),
    meta('name', 'twitter:card', 'summary'),
  )
  if (input.jsonLd) lines.push(`<script type="application/ld+json">${serialiseJsonLd(input.jsonLd)}</script>`)
  return lines.join('\n')
}

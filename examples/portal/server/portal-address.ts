import type { Lang } from './languages.js'
import { isLang } from './languages.js'
import type { PortalRoute } from './portal-data.js'

interface PortalPaths {
  parsePortalPath(pathname: string): PortalRoute | null
  pathFor(lang: Lang, page: string, slug?: string): string
}

/**
 * Where a portal page lives for an address outside /ar, /fr and /en, if anywhere: `/FR/` is `/fr/` for
 * everyone (308, permanent), `/petitions` is the petitions page in the reader's language (302: another
 * reader goes elsewhere). The location is rebuilt from the parsed route, never copied from the request,
 * so it is always a path on this site. The query string is kept.
 */
export function portalAddressFor(url: string, lang: Lang, paths: PortalPaths): { location: string; status: 302 | 308 } | null {
  // Split by hand: the URL parser would read `//host/path` as another site's address.
  const queryAt = url.indexOf('?')
  const [pathname, search] = queryAt === -1 ? [url, ''] : [url.slice(0, queryAt), url.slice(queryAt)]
  const first = pathname.split('/')[1] ?? ''
  const lower = first.toLowerCase()
  const [candidate, status] = isLang(lower) && first !== lower ? [`/${lower}${pathname.slice(first.length + 1)}`, 308 as const] : [`/${lang}${pathname}`, 302 as const]
  const route = paths.parsePortalPath(candidate)
  if (!route) return null
  return { location: paths.pathFor(route.lang, route.page, route.slug) + search, status }
}

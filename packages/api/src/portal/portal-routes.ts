import { createHash } from 'node:crypto'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DEFAULT_VIDEO_EMBED_ORIGINS } from '../config.js'
import type { Lang } from '../db/schema.js'
import { DEFAULT_LANG, LANGS, directionOf, isLang, negotiateLanguage } from '../i18n/languages.js'
import { requestLanguage } from '../http/request-language.js'
import { itemJsonLd } from './json-ld.js'
import { headMarkup } from './page-head.js'
import { portalAddressFor } from './portal-address.js'
import { portalContentSecurityPolicy } from './portal-csp.js'
import { type PortalData, type PortalRoute, loadPortalData } from './portal-data.js'
import { PORTAL_DIR, loadPortalFiles } from './portal-files.js'
import { sitemapEntries, sitemapXml } from './sitemap.js'
import { fillSlots } from './template.js'

export interface PortalOptions {
  /** The portal's files (page.html, assets/). Defaults to examples/portal. */
  root?: string
  /** The video players pages may frame (WEGOV_VIDEO_EMBED_ORIGINS). */
  videoEmbedOrigins?: readonly string[]
}

/**
 * The reference portal at /{ar,fr,en}/…: the static template with its head (title, description,
 * canonical, hreflang, Open Graph, JSON-LD) and body filled from the database through the API's own
 * repositories and presenters. Registered last, and only on /, /assets/ and the three language
 * prefixes, so it never shadows /v1, /docs, /openapi.json, /health, /widgets, /dev or /examples.
 */
export async function portalRoutes(app: FastifyInstance, options: PortalOptions = {}): Promise<void> {
  const root = options.root ?? PORTAL_DIR
  const files = await loadPortalFiles(root)
  if (!files) {
    app.log.warn({ root }, 'portal files not found: the portal is not served')
    return
  }
  const { template, modules: portal } = files
  const contentSecurityPolicy = portalContentSecurityPolicy(options.videoEmbedOrigins ?? DEFAULT_VIDEO_EMBED_ORIGINS)

  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    cacheControl: false,
    setHeaders(res) {
      // Not content-hashed (no build step): cached briefly, revalidated by ETag after that.
      res.setHeader('cache-control', 'public, max-age=300, stale-while-revalidate=86400')
    },
  })

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const lang = negotiateLanguage(request.headers['accept-language']) ?? DEFAULT_LANG
    return reply.header('vary', 'Accept-Language').header('cache-control', 'private, no-cache').redirect(`/${lang}/`, 302)
  })

  // Canonical, hreflang, Open Graph, JSON-LD and the sitemap: the configured origin, never the Host header.
  const originOf = () => app.publicOrigin.url

  // Crawlers fetch these rarely: cached for an hour, then revalidated by ETag.
  app.get('/sitemap.xml', { schema: { hide: true } }, async (request, reply) => {
    const body = sitemapXml(originOf(), await sitemapEntries(app.db, portal.SECTIONS), portal.pathFor)
    return sendRevalidated(request, reply, body, 'application/xml; charset=utf-8')
  })
  app.get('/robots.txt', { schema: { hide: true } }, async (request, reply) => {
    const body = `User-agent: *\nAllow: /\n\nSitemap: ${originOf()}/sitemap.xml\n`
    return sendRevalidated(request, reply, body, 'text/plain; charset=utf-8')
  })

  /** Renders a page, or the 404 page when `route` or `data` is null, in the template, with its head. */
  const sendPage = (request: FastifyRequest, reply: FastifyReply, lang: Lang, route: PortalRoute | null, data: PortalData | null) => {
    const origin = originOf()
    const found = route !== null && data !== null
    const view = found ? { ...route, data } : { lang, page: 'not-found', status: 404 }
    const rendered = portal.renderPortalPage(view)
    const paths = Object.fromEntries(
      LANGS.map((other) => [other, found ? portal.pathFor(other, route.page, route.slug) + laterPageQuery(data) : `/${other}/`]),
    ) as Record<Lang, string>
    const head = headMarkup({
      lang,
      title: rendered.title,
      shareTitle: rendered.name,
      description: rendered.description,
      origin,
      paths,
      ogType: found && route.slug ? 'article' : 'website',
      jsonLd: found ? itemJsonLd(route.page, data, `${origin}${paths[lang]}`, lang) : null,
      notFound: !found,
    })
    const body = fillSlots(template, {
      html: `<html lang="${lang}" dir="${directionOf(lang)}">`,
      head,
      body: rendered.body,
    })
    // The body is the whole page, query included (a ?cursor= page lists other items): so is its ETag.
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
    reply
      .code(found ? 200 : 404)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-language', lang)
      .header('etag', etag)
      // Counts and content change at any time: always revalidate (a 304 costs a render, not a download).
      .header('cache-control', 'no-cache')
      .header('content-security-policy', contentSecurityPolicy)
    if (found && request.headers['if-none-match'] === etag) return reply.code(304).send()
    return reply.send(body)
  }

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(request.url, 'http://portal.invalid')
    const langPrefix = url.pathname.split('/')[1]
    const lang: Lang = isLang(langPrefix) ? langPrefix : DEFAULT_LANG
    const route = portal.parsePortalPath(url.pathname)
    const data = route ? await loadPortalData(app.db, route, { query: url.searchParams, origin: originOf() }) : null
    return sendPage(request, reply, lang, route, data)
  }

  // A browser that asks for a page outside /ar, /fr and /en (a link someone typed, /petitions, /FR/)
  // gets the portal rather than the API's problem+json (http/browser-not-found.ts).
  app.browserNotFound.handler = (request, reply) => {
    const lang = requestLanguage(request)
    const target = portalAddressFor(request.url, lang, portal)
    reply.header('vary', 'Accept, Accept-Language').header('cache-control', 'private, no-cache')
    if (target) return reply.redirect(target.location, target.status)
    return sendPage(request, reply, lang, null, null)
  }

  for (const lang of LANGS) {
    app.get(`/${lang}`, { schema: { hide: true } }, page)
    app.get(`/${lang}/*`, { schema: { hide: true } }, page)
  }
}

/** The page's own query in its canonical and alternate URLs: only a later page of an unfiltered list has one. */
function laterPageQuery(data: PortalData): string {
  const filtered = Object.keys(data.filters ?? {}).length > 0
  return data.cursor && !filtered ? `?cursor=${encodeURIComponent(data.cursor)}` : ''
}

function sendRevalidated(request: FastifyRequest, reply: FastifyReply, body: string, contentType: string): FastifyReply {
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
  reply.header('content-type', contentType).header('etag', etag).header('cache-control', 'public, max-age=3600, stale-while-revalidate=86400')
  return request.headers['if-none-match'] === etag ? reply.code(304).send() : reply.send(body)
}

import { createHash } from 'node:crypto'
import { join } from 'node:path'
import fastifyCompress from '@fastify/compress'
import fastifyStatic from '@fastify/static'
import { type WeGovClient, createClient } from '@wegov/sdk'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { PER_REQUEST_COMPRESSION } from './compression.js'
import { inProcessFetch } from './in-process-fetch.js'
import { itemJsonLd } from './json-ld.js'
import { DEFAULT_LANG, LANGS, type Lang, directionOf, isLang, negotiateLanguage } from './languages.js'
import { headMarkup } from './page-head.js'
import { portalAddressFor } from './portal-address.js'
import { portalContentSecurityPolicy } from './portal-csp.js'
import { type PortalData, type PortalRoute, loadPortalData } from './portal-data.js'
import { PORTAL_DIR, loadPortalFiles } from './portal-files.js'
import { sitemapEntries, sitemapXml } from './sitemap.js'
import { type StaticFilesOptions, staticFiles } from './static-files.js'
import { fillSlots } from './template.js'

/** The video players the portal frames when none are configured: the hosts the widget turns links into. */
const DEFAULT_VIDEO_EMBED_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com']

export interface PortalOptions {
  /**
   * Where the portal reads its content. 'in-process' (the default, for `npm start`): through the SDK with a
   * fetch that calls the API registered on this same Fastify instance by `app.inject()`. A URL (the API's
   * base, without /v1): through the SDK over HTTP, for a portal deployed apart from the API. Or a client.
   */
  api?: 'in-process' | string | WeGovClient
  /**
   * The portal's public origin, for canonical, hreflang, Open Graph, JSON-LD and the sitemap; never the
   * Host header. A function when it is only known once the server listens (PORT=0).
   */
  publicUrl: string | (() => string)
  /** The portal's files (page.html, assets/). Defaults to examples/portal. */
  root?: string
  /** The video players pages may frame (WEGOV_VIDEO_EMBED_ORIGINS). */
  videoEmbedOrigins?: readonly string[]
  /** /widgets/ and /examples/: the built widget bundle and the example pages (static-files.ts). */
  files?: StaticFilesOptions | false
}

type PageFrameView = { lang: Lang; page: string; head: string; main: string }

/**
 * What the API offers a page renderer, when the portal is registered on the API's own instance: its
 * browser 404 hook, and the frame its emailed pages (confirming a signature) are shown in. Declared
 * here by shape: the portal imports nothing from the API.
 */
interface ApiHooks {
  browserNotFound?: { handler: ((request: FastifyRequest, reply: FastifyReply) => unknown) | null }
  pageFrame?: { frame: { page(view: PageFrameView): string; pathFor(lang: Lang, page: string, slug?: string): string } | null }
}

/**
 * The reference portal at /{ar,fr,en}/…, a Fastify plugin built on the SDK like any partner's site: the
 * static template with its head (title, description, canonical, hreflang, Open Graph, JSON-LD) and body
 * filled from the public API. `npm start` registers it last on the API's instance (start.ts), where it
 * only claims /, /assets/, /widgets/, /examples/, /sitemap.xml, /robots.txt and the three language
 * prefixes, so it never shadows /v1, /docs, /openapi.json, /health or /console.
 */
export async function portalPlugin(app: FastifyInstance, options: PortalOptions): Promise<void> {
  const root = options.root ?? PORTAL_DIR
  const originOf = typeof options.publicUrl === 'function' ? options.publicUrl : () => String(options.publicUrl).replace(/\/+$/, '')
  if (options.files !== false) await app.register(staticFiles, options.files ?? {})
  const files = await loadPortalFiles(root)
  if (!files) {
    app.log.warn({ root }, 'portal files not found: the portal is not served')
    return
  }
  const { template, modules: portal } = files
  const client = portalClient(app, options.api ?? 'in-process', originOf)
  const contentSecurityPolicy = portalContentSecurityPolicy(options.videoEmbedOrigins ?? DEFAULT_VIDEO_EMBED_ORIGINS)

  // The portal's own scripts and stylesheet are files as written (no build step, so nothing compressed them
  // beforehand): compressed per request, in a scope of their own so that no other route is. A visit then
  // downloads about a quarter of their 110 KB; later ones revalidate by ETag.
  await app.register(async (assets) => {
    await assets.register(fastifyCompress, PER_REQUEST_COMPRESSION)
    await assets.register(fastifyStatic, {
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
  })

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const lang = negotiateLanguage(request.headers['accept-language']) ?? DEFAULT_LANG
    return reply.header('vary', 'Accept-Language').header('cache-control', 'private, no-cache').redirect(`/${lang}/`, 302)
  })

  // Crawlers fetch these rarely: cached for an hour, then revalidated by ETag.
  app.get('/sitemap.xml', { schema: { hide: true } }, async (request, reply) => {
    const body = sitemapXml(originOf(), await sitemapEntries(client, [...portal.SECTIONS, 'organisations', 'opendata']), portal.pathFor)
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
    const data = route ? await loadPortalData(client, route, { query: url.searchParams, origin: originOf() }) : null
    return sendPage(request, reply, lang, route, data)
  }

  const hooks = app as FastifyInstance & ApiHooks
  // A browser that asks for a page outside /ar, /fr and /en (a link someone typed, /petitions, /FR/)
  // gets the portal rather than the API's problem+json (the API's http/browser-not-found.ts).
  if (hooks.browserNotFound) {
    hooks.browserNotFound.handler = (request, reply) => {
      const lang = requestLanguage(request)
      const target = portalAddressFor(request.url, lang, portal)
      reply.header('vary', 'Accept, Accept-Language').header('cache-control', 'private, no-cache')
      if (target) return reply.redirect(target.location, target.status)
      return sendPage(request, reply, lang, null, null)
    }
  }
  // The API's emailed pages (confirming a signature) are shown in the portal's template and frame.
  if (hooks.pageFrame) {
    hooks.pageFrame.frame = {
      page: ({ lang, page, head, main }) =>
        fillSlots(template, { html: `<html lang="${lang}" dir="${directionOf(lang)}">`, head, body: portal.renderPortalFrame({ lang, page, main }) }),
      pathFor: portal.pathFor,
    }
  }

  for (const lang of LANGS) {
    app.get(`/${lang}`, { schema: { hide: true } }, page)
    app.get(`/${lang}/*`, { schema: { hide: true } }, page)
  }
}

/** The SDK client the pages read through (see PortalOptions.api). */
function portalClient(app: FastifyInstance, api: NonNullable<PortalOptions['api']>, originOf: () => string): WeGovClient {
  if (typeof api !== 'string') return api
  if (api !== 'in-process') return createClient({ baseUrl: api.replace(/\/+$/, '') })
  // In-process calls do not cross a network: no retry would find another answer.
  return createClient({ baseUrl: 'http://in-process.invalid', fetch: inProcessFetch(app, originOf), retries: 0 })
}

/** The reader's language outside the language prefixes: `?lang=` first, then Accept-Language, then French. */
function requestLanguage(request: FastifyRequest): Lang {
  const query = request.query as { lang?: unknown } | undefined
  if (isLang(query?.lang)) return query.lang
  return negotiateLanguage(request.headers['accept-language']) ?? DEFAULT_LANG
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

import helmet from 'helmet'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** Where the JSON API lives; everything else (portal, docs, emailed pages, examples) is HTML or files. */
const JSON_API = /^\/(v1|health)\//

/**
 * What a JSON response needs (the OWASP REST set, as api.github.com sends): no sniffing, no framing or
 * script if a browser is tricked into rendering it, HTTPS only, and readable by partner pages.
 */
export const API_HEADERS = {
  'cross-origin-resource-policy': 'cross-origin',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
} as const

/**
 * helmet's full set, for HTML and files. Widgets, their bundle and the API are loaded by partner sites:
 * resources must be readable cross-origin. Pages set their own Content-Security-Policy.
 */
const documentHeaders = helmet({
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  crossOriginEmbedderPolicy: false,
  contentSecurityPolicy: false,
})

/**
 * Security headers. HTML and files get helmet's full set; JSON API routes get API_HEADERS instead.
 *
 * Why two sets: helmet's defaults (X-DNS-Prefetch-Control, X-Download-Options, Origin-Agent-Cluster,
 * Cross-Origin-Opener-Policy, …) only mean something for documents, and cost ~300 bytes of every JSON
 * reply, which phones pay for and which say nothing to a JSON client.
 *
 * Why helmet itself rather than @fastify/helmet: the wrapper adds an async onRequest hook to every route
 * (a promise and a reply decorator per request, even where it is switched off) and builds helmet's
 * middleware anew for each request. One synchronous hook and a middleware built once do the same job.
 */
export const securityHeadersPlugin = fp(
  async function securityHeadersPlugin(app: FastifyInstance) {
    // Global, so that replies sent early and 404s carry the headers too. The URL says whether a request
    // is meant for the JSON API, matched route or not (request.routeOptions builds an object per read).
    app.addHook('onRequest', (request, reply, done) => {
      if (JSON_API.test(request.url)) {
        reply.headers(API_HEADERS)
        done()
      } else {
        // helmet ≥ 8.1 throws rather than passing an error on, so its callback only ever means "go on".
        documentHeaders(request.raw, reply.raw, () => done())
      }
    })
  },
  { name: 'wegov-security-headers' },
)

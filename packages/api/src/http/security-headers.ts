import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** Where the JSON API lives; everything else (portal, docs, emailed pages, examples) is HTML or files. */
const JSON_API = /^\/(v1|health)\//

/**
 * What a JSON response needs (the OWASP REST set, as api.github.com sends): no sniffing, no framing or
 * script if a browser is tricked into rendering it, HTTPS only, and readable by partner pages.
 */
const API_HEADERS = {
  'cross-origin-resource-policy': 'cross-origin',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
} as const

/**
 * Security headers. HTML and files get helmet's full set; JSON API routes get API_HEADERS instead.
 *
 * Why two sets: helmet's defaults (X-DNS-Prefetch-Control, X-Download-Options, Origin-Agent-Cluster,
 * Cross-Origin-Opener-Policy, …) only mean something for documents, and @fastify/helmet builds its
 * middleware anew on every request. On the hot read path that cost a third of the throughput and
 * 300 bytes of every reply, which phones pay for and which say nothing to a JSON client.
 */
export const securityHeadersPlugin = fp(
  async function securityHeadersPlugin(app: FastifyInstance) {
    // Before helmet: its own onRoute hook reads `route.helmet`, and hooks run in the order they were added.
    app.addHook('onRoute', (route) => {
      if (!JSON_API.test(route.url)) return
      route.helmet = false
      route.config = { ...route.config, jsonApi: true }
    })
    await app.register(helmet, {
      // Widgets, their bundle and the API are loaded by partner sites: resources must be readable cross-origin.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      crossOriginEmbedderPolicy: false,
      contentSecurityPolicy: false,
    })
    // Global, so that replies sent early (read-cache hits in onRequest) carry it too.
    app.addHook('onRequest', (request, reply, done) => {
      if (request.routeOptions.config.jsonApi) reply.headers(API_HEADERS)
      done()
    })
  },
  { name: 'wegov-security-headers' },
)

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on /v1 and /health routes: they get API_HEADERS rather than helmet's document headers. */
    jsonApi?: boolean
  }
}

import { readFileSync } from 'node:fs'
import { constants } from 'node:zlib'
import fastifyCompress from '@fastify/compress'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

const file = (name: string) => readFileSync(new URL(`./api-docs/${name}`, import.meta.url))

/**
 * Swagger UI's page is served as is but for this policy: its own files only (Swagger UI styles its
 * elements inline, hence style-src 'unsafe-inline'), and "try it out" calls this API only.
 */
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"

/**
 * The API reference at /docs (and its OpenAPI document at /docs/json, /docs/yaml): Swagger UI, made
 * WeGov's and accessible. BaseLayout drops Swagger UI's top bar (its logo, and an unlabelled URL box that
 * would let the page load any other document); without deep links an operation's path is text inside its
 * toggle button rather than a link nested in it. The theme (api-docs/) adds the WeGov header, landmarks,
 * the language of the surrounding text, and colours that meet WCAG AA contrast.
 */
export async function apiDocs(app: FastifyInstance): Promise<void> {
  // Swagger UI's script is 1.4 MB: compressed per request, in zlib's thread pool, for this plugin's routes
  // only (brotli at quality 5: its quality 11 would take seconds for that file). Replies only: these routes
  // take no body, and the plugin's request hook would refuse a GET for a stray Content-Encoding header.
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
    globalDecompression: false,
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { layout: 'BaseLayout', deepLinking: false, defaultModelsExpandDepth: -1, syntaxHighlight: false },
    staticCSP: DOCS_CSP,
    theme: {
      title: 'WeGov API',
      css: [{ filename: 'wegov-docs.css', content: file('wegov-docs.css').toString('utf8') }],
      js: [{ filename: 'wegov-docs.js', content: file('wegov-docs.js').toString('utf8') }],
      favicon: [{ filename: 'wegov.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: file('wegov.svg') }],
    },
  })
}

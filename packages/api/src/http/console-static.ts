import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'

const DIST = fileURLToPath(new URL('../../../console/dist/', import.meta.url))

/**
 * The console's Content-Security-Policy: its own scripts and stylesheet only (no inline script or style:
 * Lit renders into the DOM, styles come from console/assets/*.css), its own API, and never in a frame.
 * img-src https: lets an organisation's logo (any https address) show in its profile. worker-src blob: lets
 * the sponsor page run the SDK's proof-of-work search in a Web Worker made from a Blob URL (the page stays
 * responsive while it solves); without it the worker falls back to script-src 'self' and is refused.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  'worker-src blob:',
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')

/** The page's language, said before any script runs: `?lang=`, else English (the script then applies a remembered choice). */
const PAGE_TEXT = {
  ar: { dir: 'rtl', title: 'لوحة تحكم WeGov', noscript: 'تحتاج لوحة تحكم WeGov إلى تفعيل JavaScript.' },
  fr: { dir: 'ltr', title: 'Console WeGov', noscript: 'La console WeGov a besoin de JavaScript.' },
  en: { dir: 'ltr', title: 'WeGov console', noscript: 'The WeGov console needs JavaScript.' },
} as const

export interface ConsoleStaticOptions {
  /** Where the built console is (`npm run build` writes packages/console/dist). */
  root?: string
}

/**
 * Serves the console at /console/: content-hashed assets immutable under /console/assets/, and index.html
 * (no-cache) for every other /console/ path, since the console routes on the client. Same-origin only:
 * no CORS, and X-Frame-Options/frame-ancestors forbid framing (a framed console could be clickjacked
 * into revoking keys).
 */
export async function consoleStatic(app: FastifyInstance, options: ConsoleStaticOptions = {}): Promise<void> {
  const root = options.root ?? DIST
  const indexFile = join(root, 'index.html')
  if (!existsSync(indexFile)) app.log.warn({ root }, 'console not built: run `npm run build` to serve /console/')
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/console/assets/',
    decorateReply: false,
    cacheControl: false,
    index: false,
    // The build writes a .br and a .gz beside each asset (scripts/precompress.mjs); @fastify/static picks
    // by Accept-Encoding but does not say so, hence the Vary.
    preCompressed: true,
    setHeaders(res) {
      res.setHeader('vary', 'Accept-Encoding')
      res.setHeader('cache-control', 'public, max-age=31536000, immutable')
      res.setHeader('cross-origin-resource-policy', 'same-origin')
      res.setHeader('x-frame-options', 'DENY')
    },
  })

  // Read from disk on each request: a rebuild (new hashed names) is served without a restart.
  const page = async (lang: string | undefined, reply: FastifyReply) => {
    let template: string
    try {
      template = await readFile(indexFile, 'utf8')
    } catch {
      return reply.code(503).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('The console is not built: run `npm run build`.')
    }
    const chosen = lang === 'ar' || lang === 'fr' ? lang : 'en'
    const text = PAGE_TEXT[chosen]
    const html = template
      .replace('%LANG%', chosen)
      .replace('%DIR%', text.dir)
      .replace('%TITLE%', text.title)
      .replace('%NOSCRIPT%', text.noscript)
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONSOLE_CSP)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'same-origin')
      .header('cross-origin-resource-policy', 'same-origin')
      .send(html)
  }
  const langOf = (query: unknown) => {
    const lang = (query as { lang?: unknown } | undefined)?.lang
    return typeof lang === 'string' ? lang.slice(0, 2).toLowerCase() : undefined
  }
  app.get('/console', { schema: { hide: true } }, (request, reply) => page(langOf(request.query), reply))
  app.get('/console/*', { schema: { hide: true } }, (request, reply) => page(langOf(request.query), reply))
}

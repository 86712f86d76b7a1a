import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyCompress from '@fastify/compress'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { PER_REQUEST_COMPRESSION } from './compression.js'

const BUNDLE = fileURLToPath(new URL('../../../packages/widgets/bundle/', import.meta.url))
const EXAMPLES = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Chunk names carry a content hash (rollup.config.mjs), so they can be cached for a year. The path is the file
 * sent: the chunk itself, or the .br or .gz beside it (scripts/precompress.mjs).
 */
const HASHED = /\/chunks\/[^/]+-[\w-]{8,}\.js(?:\.br|\.gz)?$/

/**
 * What /examples/ serves: the pages a visitor opens and what they load. Not the rest of examples/: the
 * portal's server code, the SDK scripts, and above all a partner's `.env` with an API key beside them.
 */
const EXAMPLE_PAGES = /^\/(?:snippet|partner-site)(?:\/(?:[\w-]+\.(?:html|css|js|svg|png|jpg|webp))?)?$|^\/portal\/(?:index|page)\.html$/

export interface StaticFilesOptions {
  /** Where the built bundle is (`npm run build` writes packages/widgets/bundle). */
  root?: string
  /** Where the example pages are; `false` serves none. */
  examples?: string | false
}

/**
 * Serves the embeddable widgets at /widgets/ for any partner site: CORS open, CORP cross-origin (helmet's
 * default same-origin would stop the bundle loading elsewhere), hashed chunks immutable, and the entry
 * files short-lived so a release reaches partners within minutes. Each file goes out as the build
 * compressed it (brotli, else Zopfli's gzip, else as is, by Accept-Encoding), with `Vary: Accept-Encoding`
 * so that a shared cache keeps the forms apart (@fastify/static does not say it). Also serves the example pages at
 * /examples/ (EXAMPLE_PAGES). The portal
 * serves them, not the API: the API reads nothing from packages/widgets or examples/.
 */
export async function staticFiles(app: FastifyInstance, options: StaticFilesOptions = {}): Promise<void> {
  const root = options.root ?? BUNDLE
  if (!existsSync(root)) app.log.warn({ root }, 'widgets bundle not built: run `npm run build` to serve /widgets/')
  await app.register(fastifyStatic, {
    root,
    prefix: '/widgets/',
    decorateReply: false,
    cacheControl: false,
    index: false,
    preCompressed: true,
    setHeaders(res, path) {
      res.setHeader('vary', 'Accept-Encoding')
      res.setHeader('access-control-allow-origin', '*')
      res.setHeader('cross-origin-resource-policy', 'cross-origin')
      res.setHeader('timing-allow-origin', '*')
      res.setHeader(
        'cache-control',
        HASHED.test(path.replaceAll('\\', '/')) ? 'public, max-age=31536000, immutable' : 'public, max-age=300, stale-while-revalidate=3600',
      )
    },
  })
  const examples = options.examples ?? EXAMPLES
  if (examples !== false) {
    // The example pages only, compressed as they go out (they are files as written).
    await app.register(async (pages) => {
      await pages.register(fastifyCompress, PER_REQUEST_COMPRESSION)
      await pages.register(fastifyStatic, {
        root: examples,
        prefix: '/examples/',
        decorateReply: false,
        redirect: true,
        index: ['index.html'],
        allowedPath: (path) => EXAMPLE_PAGES.test(path),
        setHeaders(res) {
          res.setHeader('cache-control', 'no-cache')
        },
      })
    })
  }
}

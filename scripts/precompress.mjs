import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants } from 'node:zlib'
import { gzipAsync } from '@gfx/zopfli'

const brotli = promisify(brotliCompress)
/** What is worth compressing: text (images and fonts are compressed already; an HTML page is a template the server fills). */
const TEXT = /\.(?:js|css|json|svg)$/

/**
 * A rollup plugin that writes `file.br` (brotli, quality 11) and `file.gz` (gzip by Zopfli) beside every text
 * file a build writes, for @fastify/static's `preCompressed`: browsers get brotli, gzip-only clients gzip,
 * and the server compresses nothing per request. Built once, so the slowest, smallest settings are worth it:
 * Zopfli's gzip is 2-3% smaller than zlib's level 9, and any gzip client reads it.
 */
export function precompress() {
  return {
    name: 'precompress',
    async writeBundle(options, bundle) {
      const files = Object.keys(bundle).filter((name) => TEXT.test(name))
      await Promise.all(
        files.map(async (name) => {
          const path = join(options.dir, name)
          const data = await readFile(path)
          const [br, gz] = await Promise.all([
            brotli(data, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            }),
            gzipAsync(data, { numiterations: 15 }),
          ])
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)])
        }),
      )
    },
  }
}

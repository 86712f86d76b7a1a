import { readFile, rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import esbuild from 'rollup-plugin-esbuild'
import { precompress } from '../../scripts/precompress.mjs'

/**
 * The console, built into packages/console/dist/: index.html (the only file without a hash, served
 * no-cache at every /console/ path) and assets/ (script chunks and the stylesheet, content-hashed, served
 * immutable). See packages/api/src/http/console-static.ts.
 */
const root = fileURLToPath(new URL('./', import.meta.url))
const dist = `${root}dist`

/**
 * Writes index.html with the hashed entry script, its static imports preloaded, and the stylesheet: no
 * inline script or style, so the page keeps a strict Content-Security-Policy (script-src 'self').
 */
function consolePage() {
  return {
    name: 'console-page',
    buildStart() {
      this.addWatchFile(`${root}src/index.html`)
      this.addWatchFile(`${root}src/console.css`)
    },
    async generateBundle(_options, bundle) {
      const css = this.emitFile({ type: 'asset', name: 'console.css', source: await readFile(`${root}src/console.css`, 'utf8') })
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry)
      const assets = [
        `<link rel="stylesheet" href="/console/${this.getFileName(css)}" />`,
        ...entry.imports.map((file) => `<link rel="modulepreload" href="/console/${file}" />`),
        `<script type="module" src="/console/${entry.fileName}"></script>`,
      ]
      const page = (await readFile(`${root}src/index.html`, 'utf8')).replace('<!-- console-assets -->', assets.join('\n    '))
      this.emitFile({ type: 'asset', fileName: 'index.html', source: page })
    },
  }
}

export default {
  input: { console: `${root}src/main.ts` },
  output: {
    dir: dist,
    format: 'es',
    entryFileNames: 'assets/[name]-[hash].js',
    chunkFileNames: 'assets/[name]-[hash].js',
    assetFileNames: 'assets/[name]-[hash][extname]',
  },
  plugins: [
    { name: 'clean-output', buildStart: () => rm(dist, { recursive: true, force: true }) },
    // @wegov/source: the SDK's TypeScript source, as the widgets use it.
    nodeResolve({ browser: true, extensions: ['.ts', '.js'], exportConditions: ['@wegov/source'] }),
    esbuild({ target: 'es2022', tsconfig: `${root}tsconfig.json` }),
    terser({ module: true, ecma: 2022, format: { comments: false } }),
    consolePage(),
    // The .br and .gz files the API sends in their place (packages/api/src/http/console-static.ts).
    precompress(),
  ],
}

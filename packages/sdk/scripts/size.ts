import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import terserPlugin from '@rollup/plugin-terser'
import { rollup } from 'rollup'
import esbuild from 'rollup-plugin-esbuild'

// The plugin's types describe its CommonJS build; under ESM the default import is the function itself.
const terser = terserPlugin as unknown as typeof terserPlugin.default
const ENTRY = fileURLToPath(new URL('../src/index.ts', import.meta.url))

export interface SdkSize {
  /** Bytes of the minified ES module bundle of src/index.ts (types erase to nothing). */
  minBytes: number
  /** The same, gzipped at level 9: what a browser downloads. */
  gzipBytes: number
}

/**
 * Bundles the SDK as the widgets do (rollup, esbuild to ES2021, terser) and measures it. Fails when the
 * bundle would import anything (a Node built-in or a runtime dependency): the SDK must run in a browser
 * as it is.
 */
export async function measureSdkSize(): Promise<SdkSize> {
  const imports: string[] = []
  const bundle = await rollup({
    input: ENTRY,
    external: (id) => {
      const outside = !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0')
      if (outside) imports.push(id)
      return outside
    },
    plugins: [
      nodeResolve({ browser: true, extensions: ['.ts', '.js'] }),
      esbuild({ target: 'es2021' }),
      terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    ],
    onwarn: (warning) => {
      throw new Error(`rollup: ${warning.message}`)
    },
  })
  try {
    const { output } = await bundle.generate({ format: 'es' })
    if (imports.length > 0) throw new Error(`The SDK bundle must not import anything; it imports ${imports.join(', ')}`)
    const code = output[0].code
    return { minBytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length }
  } finally {
    await bundle.close()
  }
}

const isEntryPoint = import.meta.url === `file://${process.argv[1]}`
if (isEntryPoint) console.log(JSON.stringify(await measureSdkSize()))

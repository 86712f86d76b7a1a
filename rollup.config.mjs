import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import esbuild from 'rollup-plugin-esbuild'

/**
 * The embeddable widgets: wegov.js (the loader partners include) and one entry per widget, as ES modules.
 * Entries keep stable names (served with a short cache); shared code and locale messages go to
 * content-hashed chunks (served immutable). See packages/api/src/http/widgets-static.ts.
 */
// Absolute, so the config also works when imported from elsewhere (the widgets' test runner builds with it).
const widgets = fileURLToPath(new URL('./packages/widgets', import.meta.url))

/**
 * Terser leaves template literals alone, so the css`` of the widgets would ship with its indentation and
 * comments. This squeezes them; the widgets' CSS has no strings or url()s where spaces matter.
 */
function minifyCssTemplates() {
  const squeeze = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{}:;,>])\s*/g, '$1')
      .replace(/;}/g, '}')
      .trim()
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      if (!id.includes('/packages/widgets/src/') || !code.includes('css`')) return null
      // Keep the space in `and (` and before `/` of a container query: only squeeze the static parts.
      return { code: code.replace(/css`([^`]*)`/g, (_, body) => `css\`${body.split(/(\$\{[^}]*\})/).map((part) => (part.startsWith('${') ? part : squeeze(part).replace(/\)and\(/g, ') and ('))).join('')}\``), map: null }
    },
  }
}

/** Each build starts from an empty dist/, so no stale hashed chunk is served or measured. */
function cleanOutput(dir) {
  return { name: 'clean-output', buildStart: () => rm(dir, { recursive: true, force: true }) }
}

export default {
  input: {
    wegov: `${widgets}/src/wegov.ts`,
    petition: `${widgets}/src/petition/petition.ts`,
    projects: `${widgets}/src/projects/projects.ts`,
    resources: `${widgets}/src/resources/resources.ts`,
    // The SDK on its own, for pages that render WeGov content themselves (the portal served as static files).
    sdk: fileURLToPath(new URL('./packages/sdk/src/index.ts', import.meta.url)),
  },
  output: {
    dir: `${widgets}/dist`,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    minifyInternalExports: true,
  },
  // The loader must not grow: it imports the widgets only dynamically.
  preserveEntrySignatures: 'allow-extension',
  plugins: [
    cleanOutput(`${widgets}/dist`),
    minifyCssTemplates(),
    nodeResolve({ browser: true, extensions: ['.ts', '.js'] }),
    esbuild({ target: 'es2022', tsconfig: `${widgets}/tsconfig.json` }),
    terser({ module: true, ecma: 2022, compress: { passes: 3 }, format: { comments: false } }),
  ],
}

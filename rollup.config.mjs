import { nodeResolve } from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import esbuild from 'rollup-plugin-esbuild'

/**
 * The embeddable widgets: wegov.js (the loader partners include) and one entry per widget, as ES modules.
 * Entries keep stable names (served with a short cache); shared code and locale messages go to
 * content-hashed chunks (served immutable). See packages/api/src/http/widgets-static.ts.
 */
const widgets = 'packages/widgets'

export default {
  input: {
    wegov: `${widgets}/src/wegov.ts`,
    petition: `${widgets}/src/petition/petition.ts`,
    projects: `${widgets}/src/projects/projects.ts`,
    resources: `${widgets}/src/resources/resources.ts`,
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
    nodeResolve({ browser: true, extensions: ['.ts', '.js'] }),
    esbuild({ target: 'es2021', tsconfig: `${widgets}/tsconfig.json` }),
    terser({ module: true, ecma: 2021, compress: { passes: 2 }, format: { comments: false } }),
  ],
}

import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import esbuild from 'rollup-plugin-esbuild'
import { precompress } from './scripts/precompress.mjs'
import { minifyTemplates } from './packages/widgets/scripts/minify-templates.mjs'
import { shortMessageIds } from './packages/widgets/scripts/short-message-ids.mjs'
import { splitMessages } from './packages/widgets/scripts/split-messages.mjs'

/**
 * The embeddable widgets: wegov.js (the loader partners include) and one entry per widget, as ES modules.
 * Entries keep stable names (served with a short cache); shared code and locale messages go to
 * content-hashed chunks (served immutable). See examples/portal/server/static-files.ts.
 */
// Absolute, so the config also works when imported from elsewhere (the widgets' test runner builds with it).
const widgets = fileURLToPath(new URL('./packages/widgets', import.meta.url))

/** Each build starts from an empty bundle/, so no stale hashed chunk is served or measured. */
function cleanOutput(dir) {
  return { name: 'clean-output', buildStart: () => rm(dir, { recursive: true, force: true }) }
}

const plugins = () => [
  // @wegov/source: the SDK's TypeScript source, not its dist/ (which only the npm package needs).
  nodeResolve({ browser: true, extensions: ['.ts', '.js'], exportConditions: ['@wegov/source'] }),
  esbuild({ target: 'es2022', tsconfig: `${widgets}/tsconfig.json` }),
  // After esbuild: it works on the compiled JavaScript's syntax tree.
  minifyTemplates({ include: `${widgets}/src/` }),
  terser({ module: true, ecma: 2022, compress: { passes: 3 }, format: { comments: false } }),
  // The .br and .gz files the static server sends in their place (examples/portal/server/static-files.ts).
  precompress(),
]
const output = {
  dir: `${widgets}/bundle`,
  format: 'es',
  entryFileNames: '[name].js',
  // The chunk with Lit and the shared code would be named after whichever of its modules rollup picks; a part
  // of a language's messages is named after its language like the language's chunk, so it says which part.
  chunkFileNames: (chunk) => {
    const ids = chunk.moduleIds
    const part = ['signing', 'signers', 'video'].find((name) => ids.some((id) => id.includes(`/${name}-locales/`)))
    const name = ids.some((id) => id.includes('/node_modules/lit-html/')) ? 'core' : part && !chunk.name.includes(part) ? `${part}-[name]` : '[name]'
    return `chunks/${name}-[hash].js`
  },
  minifyInternalExports: true,
}

export default [
  {
    input: {
      wegov: `${widgets}/src/wegov.ts`,
      petition: `${widgets}/src/petition/petition.ts`,
      projects: `${widgets}/src/projects/projects.ts`,
      resources: `${widgets}/src/resources/resources.ts`,
    },
    output: {
      ...output,
      // A module of a few bytes shared by two widgets (the list of WeGov's countries) would otherwise be a
      // request and a gzip stream of its own; it joins a chunk those widgets load anyway.
      experimentalMinChunkSize: 1024,
    },
    // The loader must not grow: it imports the widgets only dynamically.
    preserveEntrySignatures: 'allow-extension',
    // experimentalMinChunkSize reports on every build how many chunks it merged: not news.
    onLog: (level, log, handler) => log.code !== 'OPTIMIZE_CHUNK_STATUS' && handler(level, log),
    // @lit/localize's index also sets up its own runtime (a module-level promise); the widgets use only its
    // `str` tag and types, so modules of it that nothing imports from are left out.
    treeshake: {
      moduleSideEffects: (id) => !id.includes('/node_modules/@lit/localize/'),
      // A module that only builds styles has no side effects, so the list widgets' few shared rules may join
      // the core chunk (experimentalMinChunkSize) instead of being a request and a gzip stream of their own.
      manualPureFunctions: ['css'],
    },
    plugins: [
      cleanOutput(`${widgets}/bundle`),
      // Messages only a lazily loaded part uses leave the locale chunks every widget loads first: the signing
      // form's (signing-messages.ts), the signers list's (signers-messages.ts), the video player's (video-messages.ts).
      splitMessages({
        locales: `${widgets}/src/generated/locales/`,
        parts: `${widgets}/src/petition/signing-locales/`,
        ids: /^(signing|form|error)\./,
      }),
      splitMessages({ locales: `${widgets}/src/generated/locales/`, parts: `${widgets}/src/petition/signers-locales/`, ids: /^signers\./ }),
      splitMessages({ locales: `${widgets}/src/generated/locales/`, parts: `${widgets}/src/resources/video-locales/`, ids: /^video\./ }),
      // Before terser (whose renderChunk comes later in this list), so that it can unquote the short keys.
      shortMessageIds({ localesModule: `${widgets}/src/generated/locales/fr.ts` }),
      ...plugins(),
    ],
  },
  // The whole SDK on its own, for pages that render WeGov content themselves (the portal served as static
  // files). A build of its own: sharing chunks with the widgets would put every SDK operation in the chunk
  // they load, where they need five or six.
  {
    input: { sdk: fileURLToPath(new URL('./packages/sdk/src/index.ts', import.meta.url)) },
    output,
    plugins: plugins(),
  },
]

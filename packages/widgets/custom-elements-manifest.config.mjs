import { readFileSync } from 'node:fs'

/**
 * `npm run manifest` writes custom-elements.json from the components' JSDoc. Lit's `state: true` entries
 * of `static properties` are internal state, not attributes: they are dropped here, as are private
 * members (the analyzer reads static properties without looking at `state`).
 */
export default {
  globs: ['src/**/*.component.ts', 'src/shared/wegov-element.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'wegov-drop-internal-state',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          const source = readFileSync(module.path, 'utf8')
          const state = new Set([...source.matchAll(/^\s+(\w+): \{ state: true \}/gm)].map((match) => match[1]))
          for (const declaration of module.declarations ?? []) {
            declaration.attributes = declaration.attributes?.filter((a) => !state.has(a.fieldName))
            declaration.members = declaration.members?.filter((m) => !state.has(m.name) && m.privacy !== 'private')
          }
        }
      },
    },
  ],
}

import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'

/**
 * A rollup plugin that moves some messages out of the locale chunks every widget loads before its first
 * render, into chunks loaded only when they are needed: the signing form's, when a visitor opens it.
 *
 * `locales` is lit-localize's output (one module per language, `export const templates = {…}`); `parts`
 * holds modules of the same names that only re-export it (`export { templates } from …/ar.js`), so that
 * from source (the tests' dev server, the type checker) a part is the whole language. In the bundle:
 * - a module of `locales` keeps the messages whose id does not match `ids`;
 * - a module of `parts` becomes a copy of the language's module that keeps only those that do.
 * A widget asks for a part with LocalizeController.include (src/shared/localize-controller.ts).
 */
export function splitMessages({ locales, parts, ids }) {
  return {
    name: 'split-messages',
    // The part starts as the whole generated module; `transform` then keeps its share of the messages.
    load: (id) => (id.startsWith(parts) ? readFile(join(locales, basename(id)), 'utf8') : null),
    transform(code, id) {
      if (id.startsWith(locales)) return keepMessages(this.parse(code), code, (key) => !ids.test(key))
      if (id.startsWith(parts)) return keepMessages(this.parse(code), code, (key) => ids.test(key))
      return null
    },
  }
}

/** `code` with only the properties of its exported `templates` object whose key passes `keep`. */
function keepMessages(program, code, keep) {
  const declaration = program.body
    .filter((node) => node.type === 'ExportNamedDeclaration' && node.declaration?.type === 'VariableDeclaration')
    .flatMap((node) => node.declaration.declarations)
    .find((d) => d.id.name === 'templates' && d.init?.type === 'ObjectExpression')
  if (!declaration) throw new Error('split-messages: no `export const templates = {…}` in a locale module')
  const object = declaration.init
  const kept = object.properties.filter((p) => keep(p.key.type === 'Literal' ? String(p.key.value) : p.key.name))
  const body = kept.map((p) => code.slice(p.start, p.end)).join(',\n')
  return { code: `${code.slice(0, object.start)}{\n${body}\n}${code.slice(object.end)}`, map: null }
}

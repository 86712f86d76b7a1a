import { readFileSync } from 'node:fs'

/**
 * A rollup plugin that gives every message a short id in the bundle: `{id: "resources.published"}` in a
 * widget and the same key in each locale chunk become `"a7"`. The readable ids stay in the source, the
 * XLIFF files and the tests; in the bundle they were only lookup keys, shipped twice or three times (the
 * widget's code, then the ar and the fr chunk), about 0.6 KB of a page's gzipped widgets.
 *
 * The ids are the keys of a lit-localize module (`localesModule`), which holds every message. Only a
 * string literal that is exactly one of them is renamed, in every chunk alike; a message looked up under
 * an id built at run time would miss, so the build fails on an id found nowhere in the bundle's code.
 */
export function shortMessageIds({ localesModule }) {
  const ids = [...readFileSync(localesModule, 'utf8').matchAll(/^\s*'([^']+)':/gm)].map((match) => match[1])
  if (ids.length === 0) throw new Error(`short-message-ids: no message ids in ${localesModule}`)
  const short = new Map(ids.map((id, index) => [id, shortName(index)]))
  const literal = /(["'])([a-z][\w-]*(?:\.[\w-]+)+)\1/g
  return {
    name: 'short-message-ids',
    renderChunk(code) {
      let renamed = false
      const out = code.replace(literal, (match, quote, id) => {
        const name = short.get(id)
        if (name === undefined) return match
        renamed = true
        return `${quote}${name}${quote}`
      })
      return renamed ? { code: out, map: null } : null
    },
  }
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** a, b, … Z, aa, ab, …: names that are valid identifiers, so terser writes `{a:…}` rather than `{"0":…}`. */
function shortName(index) {
  let name = ''
  for (let n = index; ; n = Math.floor(n / LETTERS.length) - 1) {
    name = LETTERS[n % LETTERS.length] + name
    if (n < LETTERS.length) return name
  }
}

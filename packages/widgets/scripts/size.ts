import { readFile, readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/**
 * Minified + gzipped bytes of each entry of the built bundle (run `npm run build` first), counting every
 * chunk the entry imports statically: what a page with that one widget downloads before it renders.
 * Locale chunks (ar, fr) are loaded on demand, one per language in use, and are reported on their own.
 * Prints JSON; the bench harness reads it.
 */
const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const ENTRIES = ['wegov.js', 'petition.js', 'projects.js', 'resources.js']

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)])))
  return nested.flat()
}

const gz = (code: string) => gzipSync(code, { level: 9 }).length
const code = new Map<string, string>()
for (const file of (await files(dist)).filter((f) => f.endsWith('.js'))) code.set(relative(dist, file), await readFile(file, 'utf8'))

/** The entry and every chunk reachable through static `import … from "./x.js"` / `import "./x.js"`. */
function staticGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry) || !code.has(entry)) return seen
  seen.add(entry)
  const source = code.get(entry)!
  const base = entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/') + 1) : ''
  for (const match of source.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g)) {
    staticGraph(new URL(match[1]!, `file:///${base}`).pathname.slice(1), seen)
  }
  return seen
}

const measure = (names: Iterable<string>) => {
  const list = [...names]
  return { files: list, minBytes: list.reduce((n, f) => n + code.get(f)!.length, 0), gzipBytes: list.reduce((n, f) => n + gz(code.get(f)!), 0) }
}

const entries = Object.fromEntries(ENTRIES.map((entry) => [entry, measure(staticGraph(entry))]))
const widgets = new Set(['petition.js', 'projects.js', 'resources.js'].flatMap((e) => [...staticGraph(e)]))
const locales = Object.fromEntries(
  [...code.keys()].filter((f) => /^chunks\/(ar|fr)-/.test(f)).map((f) => [f, measure([f]).gzipBytes]),
)
console.log(
  JSON.stringify(
    {
      entries,
      allWidgets: { ...measure([...widgets, 'wegov.js']), note: 'wegov.js and the three widgets with Lit and the SDK, each file gzipped on its own' },
      locales,
      budgets: { allWidgetsGzip: 25 * 1024, singleWidgetGzip: 15 * 1024 },
    },
    null,
    2,
  ),
)

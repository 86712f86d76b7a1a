import { readFile, readdir, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Minified and compressed bytes of each entry of the built bundle (run `npm run build` first), counting every
 * chunk the entry imports statically: what a page with that one widget downloads before it renders.
 * What an entry loads later with `import()` is reported apart, per entry (`onDemand`): the petition's
 * signing flow when the visitor opens the form, the proof-of-work solver when something signs. Locale
 * chunks (ar, fr) are loaded on demand too, one per language in use, and are reported on their own: those
 * of the first render (`locales`) and the signing form's share of the messages (`signingLocales`, loaded
 * with the form). `allWidgets.withLocales` is what a page with the three widgets in the three languages
 * loads before any interaction: wegov.js, the widgets, their shared chunks, and the ar and fr chunks.
 * The compressed sizes are those of the files the server sends (the build writes them beside each file,
 * scripts/precompress.mjs): `gzipBytes` is what a client that accepts gzip gets, `brBytes` what a browser
 * that accepts brotli (all current ones) gets. Prints JSON; the bench harness reads it.
 */
const bundle = fileURLToPath(new URL('../bundle/', import.meta.url))
const ENTRIES = ['wegov.js', 'petition.js', 'projects.js', 'resources.js']
const WIDGETS = ['petition.js', 'projects.js', 'resources.js']
const LOCALE = /^chunks\/(ar|fr)-/
const SIGNING_LOCALE = /^chunks\/signing-(ar|fr)-/

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)])))
  return nested.flat()
}

const code = new Map<string, string>()
/** The bytes of each file's compressed forms, as served. */
const compressed = new Map<string, { gzip: number; br: number }>()
for (const file of (await files(bundle)).filter((f) => f.endsWith('.js'))) {
  code.set(relative(bundle, file), await readFile(file, 'utf8'))
  const sizeOf = (suffix: string) =>
    stat(`${file}${suffix}`).then(
      (found) => found.size,
      () => {
        throw new Error(`${file}${suffix} is missing: build with \`npm run build\` (scripts/precompress.mjs writes it)`)
      },
    )
  compressed.set(relative(bundle, file), { gzip: await sizeOf('.gz'), br: await sizeOf('.br') })
}

/** The files `file` names in `import … from "./x.js"` / `import "./x.js"` (static) or `import("./x.js")` (dynamic). */
function imports(file: string, kind: 'static' | 'dynamic'): string[] {
  const pattern = kind === 'static' ? /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g : /\bimport\(\s*["']([^"']+)["']\s*\)/g
  const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : ''
  return [...code.get(file)!.matchAll(pattern)].map((match) => new URL(match[1]!, `file:///${base}`).pathname.slice(1)).filter((f) => code.has(f))
}

/** The entry and every chunk reachable through static imports. */
function staticGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry) || !code.has(entry)) return seen
  seen.add(entry)
  for (const file of imports(entry, 'static')) staticGraph(file, seen)
  return seen
}

/** Chunks the widget loads later (not locales), each with what it imports statically beyond `loaded`. */
function onDemand(entry: string): string[] {
  const loaded = staticGraph(entry)
  const later = new Set<string>()
  const visit = (file: string) => {
    for (const target of imports(file, 'dynamic')) {
      if (LOCALE.test(target) || SIGNING_LOCALE.test(target) || target === 'wegov.js' || WIDGETS.includes(target)) continue
      for (const chunk of staticGraph(target)) {
        if (loaded.has(chunk) || later.has(chunk)) continue
        later.add(chunk)
        visit(chunk)
      }
    }
  }
  for (const file of loaded) visit(file)
  return [...later]
}

const measure = (names: Iterable<string>) => {
  const list = [...names]
  const total = (bytesOf: (file: string) => number) => list.reduce((n, f) => n + bytesOf(f), 0)
  return {
    files: list,
    minBytes: total((f) => code.get(f)!.length),
    gzipBytes: total((f) => compressed.get(f)!.gzip),
    brBytes: total((f) => compressed.get(f)!.br),
  }
}

const entries = Object.fromEntries(ENTRIES.map((entry) => [entry, { ...measure(staticGraph(entry)), onDemand: measure(onDemand(entry)) }]))
const widgets = new Set(WIDGETS.flatMap((e) => [...staticGraph(e)]))
const widgetsOnDemand = new Set(WIDGETS.flatMap((e) => onDemand(e)).filter((f) => !widgets.has(f)))
const localesOf = (pattern: RegExp) => [...code.keys()].filter((f) => pattern.test(f))
const locales = Object.fromEntries(localesOf(LOCALE).map((f) => [f, measure([f]).gzipBytes]))
const signingLocales = Object.fromEntries(localesOf(SIGNING_LOCALE).map((f) => [f, measure([f]).gzipBytes]))
console.log(
  JSON.stringify(
    {
      entries,
      allWidgets: {
        ...measure([...widgets, 'wegov.js']),
        withLocales: measure([...widgets, 'wegov.js', ...localesOf(LOCALE)]),
        onDemand: measure(widgetsOnDemand),
        note: 'wegov.js and the three widgets with Lit and the SDK, each file compressed on its own',
      },
      locales,
      signingLocales,
      budgets: { allWidgetsWithLocalesGzip: 25 * 1024, singleWidgetGzip: 15 * 1024 },
    },
    null,
    2,
  ),
)

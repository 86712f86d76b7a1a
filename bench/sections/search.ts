import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import { openDatabase } from '../../packages/api/src/db/database.js'
import { migrateToLatest } from '../../packages/api/src/db/migrate.js'
import type { DB, Lang, TranslatedText } from '../../packages/api/src/db/schema.js'
import { DEMO_PROJECTS } from '../../packages/api/src/demo/demo-projects.js'
import { DEMO_RESOURCES } from '../../packages/api/src/demo/demo-resources.js'
import { searchVector } from '../../packages/api/src/search/search-vector.js'
import { benchServerEnv, freePort, percentile, startWeGovProcess } from '../lib.js'
import type { BenchContext, Row } from '../types.js'

const RECORDS = Number(process.env.BENCH_SEARCH_RECORDS ?? 100_000)
const QUERIES_PER_LANGUAGE = 200
const LANGS: Lang[] = ['ar', 'fr', 'en']

/**
 * Search latency over RECORDS generated projects and resources (half each) on real PostgreSQL, measured
 * through HTTP one query at a time. Every query string is distinct, so the read cache never answers:
 * this is the database path.
 */
export async function search(context: BenchContext): Promise<Row[]> {
  const schema = await context.createSchema()
  try {
    const database = await openDatabase({ url: context.databaseUrl, schema, poolSize: 4 })
    await migrateToLatest(database.db)
    const vocabulary = buildVocabulary()
    const generatedIn = await generate(database.db, vocabulary)
    await database.close()

    const wegov = await startWeGovProcess(
      benchServerEnv(context.databaseUrl, schema),
      await freePort(),
    )
    const rows: Row[] = []
    try {
      for (const lang of LANGS) {
        const latencies: number[] = []
        let hits = 0
        const asked = new Set<string>()
        for (let i = 0; i < QUERIES_PER_LANGUAGE; i++) {
          const words = vocabulary[lang]
          const path = i % 3 === 0 ? 'resources' : 'projects'
          // One or two words, as people type them, never the same URL twice (the cache must not answer).
          let q: string
          do q = i % 2 === 0 ? pick(words) : `${pick(words)} ${pick(words)}`
          while (asked.has(`${path} ${q}`))
          asked.add(`${path} ${q}`)
          const started = performance.now()
          const res = await fetch(`${wegov.url}/v1/${path}?lang=${lang}&limit=20&q=${encodeURIComponent(q)}`)
          const body = (await res.json()) as { items?: unknown[] }
          latencies.push(performance.now() - started)
          if (res.status !== 200) throw new Error(`search answered ${res.status}: ${JSON.stringify(body)}`)
          if ((body.items?.length ?? 0) > 0) hits++
        }
        latencies.sort((a, b) => a - b)
        const p95 = percentile(latencies, 95)
        rows.push({
          id: `search-${lang}`,
          title: `Search in ${lang} over ${RECORDS.toLocaleString('en')} records (HTTP, one at a time)`,
          value: round(p95),
          unit: 'ms p95',
          target: '< 30 ms p95',
          pass: p95 < 30,
          detail: `p50 ${round(percentile(latencies, 50))} ms, ${hits}/${QUERIES_PER_LANGUAGE} queries found results`,
        })
      }
    } finally {
      await wegov.stop()
    }
    rows.push({ id: 'search-generate', title: `Generating and indexing ${RECORDS.toLocaleString('en')} records`, value: Math.round(generatedIn / 1000), unit: 's' })
    return rows
  } finally {
    await context.dropSchema(schema)
  }
}

/** Words taken from the demo content, per language, so generated text reads like the real thing. */
function buildVocabulary(): Record<Lang, string[]> {
  const words: Record<Lang, Set<string>> = { ar: new Set(), fr: new Set(), en: new Set() }
  const texts: TranslatedText[] = [...DEMO_PROJECTS, ...DEMO_RESOURCES].flatMap((r) => [r.title, r.summary ?? {}])
  for (const text of texts) {
    for (const lang of LANGS) {
      for (const word of (text[lang] ?? '').split(/[\s,.;:()«»"'!?،؛[\]]+/u)) {
        if (word.length >= 4 && !/\d/.test(word)) words[lang].add(word.toLowerCase())
      }
    }
  }
  return { ar: [...words.ar], fr: [...words.fr], en: [...words.en] }
}

async function generate(db: Kysely<DB>, vocabulary: Record<Lang, string[]>): Promise<number> {
  const started = performance.now()
  const ownerId = randomUUID()
  await db
    .insertInto('organisations')
    .values({ id: ownerId, owner_organisation_id: ownerId, slug: 'bench-owner', name: JSON.stringify({ en: 'Bench' }), description: '{}', original_lang: 'en', kind: 'ngo', country: 'TN' })
    .execute()
  const countries = ['TN', 'LY', 'PS', 'JO']
  const batch = 500
  for (let offset = 0; offset < RECORDS; offset += batch) {
    const isProject = offset < RECORDS / 2
    const rows = Array.from({ length: Math.min(batch, RECORDS - offset) }, (_, i) => {
      const n = offset + i
      const title = sentence(vocabulary, 7)
      const summary = sentence(vocabulary, 25)
      return { n, title, summary, country: countries[n % 4]! }
    })
    if (isProject) {
      await db
        .insertInto('projects')
        .values(rows.map((r) => ({
          id: randomUUID(), owner_organisation_id: ownerId, slug: `bench-project-${r.n}`, original_lang: 'fr' as const,
          title: JSON.stringify(r.title), summary: JSON.stringify(r.summary), description: '{}', status: 'implementation',
          countries: [r.country], themes: ['local-democracy'], search: searchVector({ title: r.title, summary: r.summary }),
        })))
        .execute()
    } else {
      await db
        .insertInto('resources')
        .values(rows.map((r) => ({
          id: randomUUID(), owner_organisation_id: ownerId, slug: `bench-resource-${r.n}`, original_lang: 'fr' as const,
          collection: 'library', kind: 'report', languages: ['fr'], title: JSON.stringify(r.title), summary: JSON.stringify(r.summary), body: '{}',
          countries: [r.country], themes: ['transparency'], published_on: '2026-01-01', search: searchVector({ title: r.title, summary: r.summary }),
        })))
        .execute()
    }
  }
  // The bench server runs with autovacuum off. With it on, PostgreSQL analyses the tables after such a
  // load and merges the GIN indexes' pending lists by itself; without that, the planner has no statistics
  // and every search also scans megabytes of not-yet-merged index entries.
  for (const table of ['organisations', 'projects', 'resources']) await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(db)
  return performance.now() - started
}

function sentence(vocabulary: Record<Lang, string[]>, length: number): TranslatedText {
  const text: TranslatedText = {}
  for (const lang of LANGS) text[lang] = Array.from({ length }, () => pick(vocabulary[lang])).join(' ')
  return text
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

/**
 * npm run bench: measures WeGov against baselines taken in the same run, writes bench/results.json and
 * rewrites the generated part of docs/BENCHMARKS.md. Sections can be picked (`npm run bench -- list-reads`),
 * and so can rows of a section that supports it (`npm run bench -- sign-wrk sign-widget-wrk`): the rows
 * measured replace theirs, the section's other rows keep their previous figures.
 * `npm run bench -- --render` measures nothing and only rewrites docs/BENCHMARKS.md from bench/results.json
 * (after merging two branches' results.json section by section, say).
 */
import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import pg from 'pg'
import { authenticatedReads } from './sections/authenticated-reads.js'
import { changes } from './sections/changes.js'
import { coldStart } from './sections/cold-start.js'
import { firstRender } from './sections/first-render.js'
import { iati } from './sections/iati.js'
import { oai } from './sections/oai.js'
import { lighthouse } from './sections/lighthouse.js'
import { listReads } from './sections/list-reads.js'
import { search } from './sections/search.js'
import { SIGNING_ROWS, signing } from './sections/signing.js'
import { sizes } from './sections/sizes.js'
import { uploads } from './sections/uploads.js'
import { writes } from './sections/writes.js'
import type { BenchContext, Row } from './types.js'

const SECTIONS: Record<string, (context: BenchContext) => Promise<Row[]>> = {
  'list-reads': listReads,
  'cold-start': coldStart,
  search,
  signing,
  lighthouse,
  'first-render': firstRender,
  sizes,
  'authenticated-reads': authenticatedReads,
  uploads,
  changes,
  writes,
  iati,
  oai,
}

/** Which section each row id picked on the command line belongs to. */
const ROW_SECTIONS: Record<string, string> = Object.fromEntries(SIGNING_ROWS.map((id) => [id, 'signing']))

const renderOnly = process.argv.includes('--render')
const wanted = process.argv.slice(2).filter((arg) => arg !== '--render')
const wantedRows = new Set(wanted.filter((name) => ROW_SECTIONS[name]))
const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const context: BenchContext = {
  databaseUrl,
  durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
  rows: wantedRows,
  async createSchema() {
    const schema = `wegov_bench_${randomBytes(4).toString('hex')}`
    await adminQuery(`CREATE SCHEMA ${schema}`)
    return schema
  },
  async dropSchema(schema) {
    await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  },
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

const results: Record<string, Row[]> = {}
for (const [name, run] of Object.entries(SECTIONS)) {
  if (renderOnly) break
  if (wanted.length && !wanted.includes(name) && ![...wantedRows].some((id) => ROW_SECTIONS[id] === name)) continue
  console.error(`== ${name}`)
  try {
    results[name] = await run(context)
  } catch (error) {
    // One failed section must not lose the others' figures: it keeps its previous ones, and the run fails.
    console.error(`   ${name} failed, its previous figures are kept:`, error)
    process.exitCode = 1
    continue
  }
  for (const row of results[name]) console.error(`   ${row.title}: ${row.value} ${row.unit}${row.ratio ? ` (${row.ratio.toFixed(2)}×)` : ''}`)
}

const previous = await readFile('bench/results.json', 'utf8').then(JSON.parse, () => ({ sections: {} }))
interface Report {
  measuredAt: string
  machine: { cpus: number; cpuModel: string | undefined; memoryGiB: number; node: string }
  sections: Record<string, Row[]>
}
const report: Report = renderOnly
  ? previous
  : {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      sections: { ...previous.sections, ...withPreviousRows(previous.sections, results) },
    }
await writeFile('bench/results.json', `${JSON.stringify(report, null, 2)}\n`)
await writeFile('docs/BENCHMARKS.md', await renderMarkdown(report))
console.error('wrote bench/results.json and docs/BENCHMARKS.md')

/** A section measured for some of its rows keeps the previous figures of the others, in their order. */
function withPreviousRows(before: Record<string, Row[]>, measured: Record<string, Row[]>): Record<string, Row[]> {
  if (wantedRows.size === 0) return measured
  return Object.fromEntries(
    Object.entries(measured).map(([name, rows]) => {
      const old = before[name] ?? []
      const fresh = new Map(rows.map((row) => [row.id, row]))
      const merged = old.map((row) => fresh.get(row.id) ?? row)
      return [name, [...merged, ...rows.filter((row) => !old.some((o) => o.id === row.id))]]
    }),
  )
}

async function renderMarkdown(r: Report): Promise<string> {
  const header = await readFile('bench/BENCHMARKS.header.md', 'utf8')
  const lines = [header.trimEnd(), '', `Measured ${r.measuredAt} on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}.`, '']
  for (const [name, rows] of Object.entries(r.sections) as [string, Row[]][]) {
    lines.push(`## ${name}`, '', '| what | value | ratio to baseline | target | met | detail |', '|---|---|---|---|---|---|')
    for (const row of rows) {
      const ratio = row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}× ${row.baseline}`
      const met = row.pass === undefined ? '' : row.pass ? 'yes' : '**no**'
      lines.push(`| ${row.title} | ${row.value} ${row.unit} | ${ratio} | ${row.target ?? ''} | ${met} | ${row.detail ?? ''} |`)
    }
    lines.push('')
  }
  return `${lines.join('\n')}\n`
}

/**
 * npm run bench: measures WeGov against baselines taken in the same run, writes bench/results.json and
 * rewrites the generated part of docs/BENCHMARKS.md. Sections can be picked: `npm run bench -- list-reads`.
 */
import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import pg from 'pg'
import { coldStart } from './sections/cold-start.js'
import { firstRender } from './sections/first-render.js'
import { lighthouse } from './sections/lighthouse.js'
import { listReads } from './sections/list-reads.js'
import { search } from './sections/search.js'
import { signing } from './sections/signing.js'
import { sizes } from './sections/sizes.js'
import type { BenchContext, Row } from './types.js'

const SECTIONS: Record<string, (context: BenchContext) => Promise<Row[]>> = {
  'list-reads': listReads,
  'cold-start': coldStart,
  search,
  signing,
  lighthouse,
  'first-render': firstRender,
  sizes,
}

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const context: BenchContext = {
  databaseUrl,
  durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
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

const wanted = process.argv.slice(2)
const results: Record<string, Row[]> = {}
for (const [name, run] of Object.entries(SECTIONS)) {
  if (wanted.length && !wanted.includes(name)) continue
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
const report = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  sections: { ...previous.sections, ...results },
}
await writeFile('bench/results.json', `${JSON.stringify(report, null, 2)}\n`)
await writeFile('docs/BENCHMARKS.md', await renderMarkdown(report))
console.error('wrote bench/results.json and docs/BENCHMARKS.md')

async function renderMarkdown(r: typeof report): Promise<string> {
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

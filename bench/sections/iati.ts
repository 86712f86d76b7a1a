import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { type Kysely, sql } from 'kysely'
import { openDatabase } from '../../packages/api/src/db/database.js'
import { migrateToLatest } from '../../packages/api/src/db/migrate.js'
import type { DB } from '../../packages/api/src/db/schema.js'
import { DEMO_PROJECTS } from '../../packages/api/src/demo/demo-projects.js'
import { freePort, startWeGovProcess } from '../lib.js'
import type { BenchContext, Row } from '../types.js'

const SIZES = [1_000, 10_000, 40_000]
/** The largest file may use at most this much more memory than the 10,000-project one: it must not grow with the file. */
const FLAT = 1.5

/**
 * The IATI activity file (GET /v1/iati/activities.xml) for 1,000 then 10,000 projects with the demo's
 * texts in three languages: time to first byte, total time, and the server process's peak resident memory
 * above what it held before the request (sampled from /proc every 5 ms). The file streams a page of rows
 * at a time, so the peak must stay flat as the file grows: the 40,000-project file may not need more than
 * the 10,000-project one. What the peak holds is mostly garbage not yet collected: V8 grows its young
 * generation to its maximum (three 16 MB semi-spaces) under a steady stream of short-lived strings, and
 * that bound does not depend on the file's length. The tables are analysed after each load, as autovacuum
 * would on a live server, so that PostgreSQL walks the listing index rather than sorting every row a page.
 */
export async function iati(context: BenchContext): Promise<Row[]> {
  const schema = await context.createSchema()
  try {
    const database = await openDatabase({ url: context.databaseUrl, schema, poolSize: 4 })
    await migrateToLatest(database.db)
    const { ownerId, funderId } = await addOrganisations(database.db)
    const wegov = await startWeGovProcess(
      { DATABASE_URL: context.databaseUrl, WEGOV_DB_SCHEMA: schema, WEGOV_DEMO: '0', WEGOV_RATE_LIMIT: 'off', WEGOV_POW: 'off' },
      await freePort(),
    )
    const rows: Row[] = []
    try {
      let present = 0
      for (const size of SIZES) {
        await addProjects(database.db, ownerId, funderId, present, size - present)
        present = size
        for (const table of ['projects', 'project_organisations', 'organisations']) await sql`ANALYZE ${sql.table(table)}`.execute(database.db)
        await fetchFile(wegov.url) // warm: compiled code, pooled connections
        const run = await measure(wegov.url, wegov.child.pid!)
        const label = size.toLocaleString('en')
        rows.push(
          { id: `iati-${size}-ttfb`, title: `IATI activity file, ${label} projects: first byte`, value: round(run.ttfbMs), unit: 'ms' },
          {
            id: `iati-${size}-total`,
            title: `IATI activity file, ${label} projects: whole file`,
            value: round(run.totalMs),
            unit: 'ms',
            detail: `${(run.bytes / 1024 / 1024).toFixed(1)} MB, ${run.activities.toLocaleString('en')} activities`,
          },
          {
            id: `iati-${size}-memory`,
            title: `IATI activity file, ${label} projects: server's peak memory increase`,
            value: round(run.peakRssIncreaseMb),
            unit: 'MB',
            ...flatness(run.peakRssIncreaseMb, rows.find((row) => row.id === 'iati-10000-memory')),
          },
        )
      }
    } finally {
      await wegov.stop()
      await database.close()
    }
    return rows
  } finally {
    await context.dropSchema(schema)
  }
}

/** The 10,000-project file's peak is the baseline of the larger one's: at most FLAT times it, and under 64 MB. */
function flatness(peakMb: number, baseline: Row | undefined): Partial<Row> {
  if (!baseline) return { target: '< 64 MB', pass: peakMb < 64 }
  const ratio = peakMb / baseline.value
  return { baseline: baseline.id, ratio, target: `< 64 MB and ≤ ${FLAT}× the 10,000-project file`, pass: peakMb < 64 && ratio <= FLAT }
}

async function addOrganisations(db: Kysely<DB>) {
  const ownerId = randomUUID()
  const funderId = randomUUID()
  const organisation = (id: string, slug: string, kind: string, iati: string) => ({
    id, owner_organisation_id: id, slug, name: JSON.stringify({ fr: slug, en: slug, ar: slug }), description: '{}', original_lang: 'fr' as const,
    kind, country: 'TN', iati_identifier: iati,
  })
  await db.insertInto('organisations').values([organisation(ownerId, 'bench-owner', 'ngo', 'TN-RNE-0000001A'), organisation(funderId, 'bench-funder', 'funder', 'XM-DAC-00001')]).execute()
  return { ownerId, funderId }
}

/** Projects made from the demo's (full texts, dates, budgets), published, each with a funder and the owner. */
async function addProjects(db: Kysely<DB>, ownerId: string, funderId: string, from: number, count: number): Promise<void> {
  const batch = 500
  for (let offset = 0; offset < count; offset += batch) {
    const values = Array.from({ length: Math.min(batch, count - offset) }, (_, i) => {
      const n = from + offset + i
      const demo = DEMO_PROJECTS[n % DEMO_PROJECTS.length]!
      return {
        id: randomUUID(), owner_organisation_id: ownerId, slug: `bench-iati-${n}`, original_lang: demo.originalLang, state: 'published' as const,
        title: JSON.stringify(demo.title), summary: JSON.stringify(demo.summary ?? {}), description: JSON.stringify(demo.description ?? {}),
        status: demo.status, planned_start: demo.plannedStart ?? null, planned_end: demo.plannedEnd ?? null, actual_start: demo.actualStart ?? null,
        actual_end: demo.actualEnd ?? null, countries: demo.countries, themes: demo.themes, budget_amount: demo.budget?.amount ?? null,
        budget_currency: demo.budget?.currency ?? null, website: demo.website ?? null, contact_name: demo.contact?.name ?? null, contact_url: demo.contact?.url ?? null,
      }
    })
    await db.insertInto('projects').values(values).execute()
    await db
      .insertInto('project_organisations')
      .values(values.flatMap((p) => [{ project_id: p.id, organisation_id: funderId, role: 'funding' }, { project_id: p.id, organisation_id: ownerId, role: 'implementing' }]))
      .execute()
  }
}

async function fetchFile(url: string): Promise<void> {
  const res = await fetch(`${url}/v1/iati/activities.xml`)
  await res.arrayBuffer()
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

async function measure(url: string, pid: number) {
  const before = await rssMb(pid)
  let peak = before
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await rssMb(pid))
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  })()
  const started = performance.now()
  const res = await fetch(`${url}/v1/iati/activities.xml`)
  let ttfbMs = 0
  let bytes = 0
  let activities = 0
  const decoder = new TextDecoder()
  const reader = res.body!.getReader()
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk = read.value
    if (bytes === 0) ttfbMs = performance.now() - started
    bytes += chunk.byteLength
    activities += decoder.decode(chunk, { stream: true }).split('<iati-activity ').length - 1
  }
  const totalMs = performance.now() - started
  sampling = false
  await sampler
  if (res.status !== 200) throw new Error(`the IATI file answered ${res.status}`)
  return { ttfbMs, totalMs, bytes, activities, peakRssIncreaseMb: peak - before }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

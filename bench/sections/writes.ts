import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { Pool } from 'undici'
import { API_KEY_PREFIX } from '../../packages/api/src/domains/accounts/authenticator.js'
import { hashToken, newSecretToken } from '../../packages/api/src/domains/accounts/secret-tokens.js'
import { freePort, percentile, startWeGovProcess } from '../lib.js'
import type { BenchContext, Row } from '../types.js'
import { serverCpu } from './authenticated-reads.js'
import { rawInsertLoop } from './signing.js'

const WRITERS = 50
/** The issue's target for both rows. */
const P99_TARGET_MS = 50

interface WriteRun {
  writes: number
  seconds: number
  latenciesMs: number[]
  /** The server process's CPU time per write: what the write costs WeGov whatever else shares the cores. */
  cpuMsPerWrite: number
  /** Replies other than the expected 201 or 200, by status: a row with any does not pass. */
  unexpected: Record<number, number>
}

/**
 * The publishing path a partner's sync script takes, on real PostgreSQL, 50 writers at a time through one
 * API key with content:write (as `examples/node-sdk` syncs):
 * - POST /v1/organisations/{id}/projects with an Idempotency-Key each and a trilingual body;
 * - PATCH /v1/projects/{id} (merge patch, If-Match), each writer its own project, taking the new ETag
 *   from every reply, so a 412 would mean a lost ETag, not contention.
 * Each is run by one writer alone first, briefly (the latency of a write queued behind no other, in the
 * detail), then by 50. Both are sent by undici Pools with exactly 50 requests in flight, timed one by one with hrtime (autocannon
 * cannot carry an ETag from one reply to the next request of the same connection). Rate limits are off:
 * with them on, one key may write 120 times a minute. The ratio is to the raw-insert baseline the signing
 * section uses, taken before and after: writes are bound by PostgreSQL's commits, which a hello-world
 * does not make, so the raw INSERT loop says how much of the database's pace WeGov keeps.
 */
export async function writes(context: BenchContext): Promise<Row[]> {
  const schema = await context.createSchema()
  const seconds = context.durationSeconds
  try {
    const rawBefore = await rawInsertLoop(context.databaseUrl, schema, seconds)
    const wegov = await startWeGovProcess(
      { DATABASE_URL: context.databaseUrl, WEGOV_DB_SCHEMA: schema, WEGOV_RATE_LIMIT: 'off', WEGOV_POW: 'off' },
      await freePort(),
    )
    // One writer alone first, briefly: the latency of a write that waits behind no other.
    const aloneSeconds = Math.max(1, Math.round(seconds / 3))
    let createAlone: WriteRun
    let creates: WriteRun
    let updateAlone: WriteRun
    let updates: WriteRun
    try {
      const { organisationId, keySecret } = await writeKey(context.databaseUrl, schema)
      const http = new Pool(wegov.url, { connections: WRITERS, pipelining: 1 })
      try {
        const headers = { authorization: `Bearer ${keySecret}`, 'accept-language': 'fr' }
        const createUrl = `/v1/organisations/${organisationId}/projects`
        // Warm-up: the first requests compile schemas and fill the key's cache; they are not timed.
        for (let n = 0; n < WRITERS; n++) {
          const warm = await createProject(http, createUrl, headers, `warm-${n}`)
          if (warm.status !== 201) throw new Error(`the key cannot create projects: ${warm.status}`)
        }
        const cpu = serverCpu(wegov.child.pid!)
        const create = async (writer: number, n: number) => {
          const { status } = await createProject(http, createUrl, headers, `${writer}-${n}`)
          return status === 201 ? null : status
        }
        createAlone = await runWriters(cpu, 1, aloneSeconds, (_, n) => create(WRITERS, n))
        creates = await runWriters(cpu, WRITERS, seconds, create)
        // Each writer's own project, created before the run, and the ETag of its latest version.
        const projects = await Promise.all(
          Array.from({ length: WRITERS }, async (_, writer) => {
            const created = await createProject(http, createUrl, headers, `edited-${writer}`)
            if (created.status !== 201) throw new Error(`creating the project to edit: ${created.status}`)
            return { id: created.id, etag: created.etag }
          }),
        )
        const update = async (writer: number, n: number) => {
          const project = projects[writer]!
          const reply = await http.request({
            method: 'PATCH',
            path: `/v1/projects/${project.id}`,
            headers: { ...headers, 'content-type': 'application/merge-patch+json', 'if-match': project.etag },
            body: JSON.stringify(projectPatch(writer, n)),
          })
          await reply.body.dump()
          if (reply.statusCode !== 200) return reply.statusCode
          project.etag = String(reply.headers.etag)
          return null
        }
        updateAlone = await runWriters(cpu, 1, aloneSeconds, update)
        updates = await runWriters(cpu, WRITERS, seconds, update)
      } finally {
        await http.close()
      }
    } finally {
      await wegov.stop()
    }
    const rawAfter = await rawInsertLoop(context.databaseUrl, schema, seconds)
    const raw = (rawBefore + rawAfter) / 2
    return [
      {
        id: 'raw-insert-writes',
        title: 'Raw pg INSERT loop, 20 connections (baseline, before and after the runs)',
        value: Math.round(raw),
        unit: 'inserts/s',
        detail: `before ${Math.round(rawBefore)}, after ${Math.round(rawAfter)}`,
      },
      writeRow('project-create', `POST /v1/organisations/{id}/projects, ${WRITERS} concurrent writers, API key, Idempotency-Key, trilingual body`, creates, createAlone, raw),
      writeRow('project-update', `PATCH /v1/projects/{id} (merge patch, If-Match), ${WRITERS} concurrent writers, each its own project`, updates, updateAlone, raw),
    ]
  } finally {
    await context.dropSchema(schema)
  }
}

function writeRow(id: string, title: string, run: WriteRun, alone: WriteRun, raw: number): Row {
  const ms = (latencies: number[], p: number) => Math.round(percentile([...latencies].sort((a, b) => a - b), p) * 10) / 10
  const p50 = ms(run.latenciesMs, 50)
  const p99 = ms(run.latenciesMs, 99)
  const rate = Math.round(run.writes / run.seconds)
  const failures = Object.entries({ ...alone.unexpected, ...run.unexpected })
  return {
    id,
    title,
    value: rate,
    unit: 'writes/s',
    ratio: rate / raw,
    baseline: 'raw-insert-writes',
    target: `p99 < ${P99_TARGET_MS} ms`,
    pass: p99 < P99_TARGET_MS && failures.length === 0 && run.writes > 0,
    detail:
      `p50 ${p50} ms, p99 ${p99} ms; ${run.writes} writes in ${run.seconds.toFixed(1)} s; server CPU ${run.cpuMsPerWrite.toFixed(1)} ms per write; ` +
      `one writer alone: p50 ${ms(alone.latenciesMs, 50)} ms, p99 ${ms(alone.latenciesMs, 99)} ms (${Math.round(alone.writes / alone.seconds)} writes/s); ` +
      (failures.length ? `unexpected replies: ${failures.map(([status, count]) => `${count}× ${status}`).join(', ')}` : 'every reply as expected'),
  }
}

/**
 * `writers` loops, each sending its next request as soon as the last one is answered, until the duration
 * is over. `write` returns null when the reply was the expected one, else its status.
 */
async function runWriters(cpu: () => number, writers: number, seconds: number, write: (writer: number, n: number) => Promise<number | null>): Promise<WriteRun> {
  const run: WriteRun = { writes: 0, seconds: 0, cpuMsPerWrite: NaN, latenciesMs: [], unexpected: {} }
  const cpuBefore = cpu()
  const started = process.hrtime.bigint()
  const stopAt = started + BigInt(Math.round(seconds * 1e9))
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let n = 0; process.hrtime.bigint() < stopAt; n++) {
        const sent = process.hrtime.bigint()
        const unexpected = await write(writer, n)
        run.latenciesMs.push(Number(process.hrtime.bigint() - sent) / 1e6)
        if (unexpected === null) run.writes++
        else run.unexpected[unexpected] = (run.unexpected[unexpected] ?? 0) + 1
      }
    }),
  )
  run.seconds = Number(process.hrtime.bigint() - started) / 1e9
  run.cpuMsPerWrite = ((cpu() - cpuBefore) * 1000) / Math.max(1, run.latenciesMs.length)
  return run
}

async function createProject(http: Pool, path: string, headers: Record<string, string>, label: string) {
  const reply = await http.request({
    method: 'POST',
    path,
    headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `bench-${randomUUID()}` },
    body: JSON.stringify(projectBody(label)),
  })
  const body = (await reply.body.json()) as { id: string }
  return { status: reply.statusCode, id: body.id, etag: String(reply.headers.etag) }
}

/** A project as a partner's sync sends it: three languages, dates, budget, places and themes; its own title, so its own slug. */
function projectBody(label: string) {
  return {
    originalLang: 'ar',
    state: 'published',
    title: { ar: `مشروع دعم التعاونيات الفلاحية ${label}`, fr: `Appui aux coopératives agricoles ${label}`, en: `Support to farming cooperatives ${label}` },
    summary: {
      ar: 'مرافقة التعاونيات الفلاحية في الوسط الغربي لتحسين التسويق والحصول على التمويل.',
      fr: 'Accompagner les coopératives agricoles du Centre-Ouest pour mieux vendre et accéder au financement.',
      en: 'Helping farming cooperatives in the Centre-West market their produce and reach finance.',
    },
    description: {
      ar: '<p>يشمل المشروع <strong>تكوين</strong> أعضاء التعاونيات وتجهيز وحدات التخزين.</p>',
      fr: '<p>Le projet comprend la <strong>formation</strong> des membres des coopératives et l’équipement d’unités de stockage.</p>',
      en: '<p>The project covers <strong>training</strong> for cooperative members and equipment for storage units.</p>',
    },
    status: 'implementation',
    plannedStart: '2026-01-01',
    plannedEnd: '2028-12-31',
    countries: ['TN'],
    budget: { amount: 450000, currency: 'EUR' },
    website: 'https://example.org/cooperatives',
  }
}

/** A correction as an editor makes it: one language's summary and a date. */
function projectPatch(writer: number, n: number) {
  return {
    summary: { fr: `Accompagner les coopératives agricoles du Centre-Ouest (révision ${writer}.${n}).` },
    plannedEnd: `2029-0${(n % 9) + 1}-15`,
  }
}

/** An API key with content:write for the schema's first organisation, written as the key routes write it. */
async function writeKey(databaseUrl: string, schema: string) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(`SET search_path TO ${schema}`)
    const { rows } = await client.query<{ id: string }>('SELECT id FROM organisations WHERE deleted_at IS NULL ORDER BY slug LIMIT 1')
    if (!rows[0]) throw new Error('the bench needs the demo organisations')
    const keySecret = `${API_KEY_PREFIX}${newSecretToken()}`
    await client.query(`INSERT INTO api_keys (id, organisation_id, name, prefix, secret_hash, scopes) VALUES ($1, $2, 'bench writes', $3, $4, '{content:write}')`, [
      randomUUID(),
      rows[0].id,
      keySecret.slice(0, 12),
      hashToken(keySecret),
    ])
    return { organisationId: rows[0].id, keySecret }
  } finally {
    await client.end()
  }
}

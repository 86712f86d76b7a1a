import pg from 'pg'
import { freePort, type LoadResult, loadWithWrk, startChild, startWeGovProcess } from '../lib.js'
import type { BenchContext, Row } from '../types.js'

const WRITES_PER_SECOND = 20
const FEED_CHANGES = 100_000
const ROUNDS = 3

/**
 * The change log's two consumers under load, on real PostgreSQL, with changes the bench makes itself:
 * - list reads under wrk while 20 writes a second (each a change-log event, as the write API records
 *   them) touch resources: invalidation by tag must keep the projects list cached (≥ 0.4× bare Fastify);
 * - a reader catching up 100,000 changes of 100,000 projects as fast as it can, 1,000 a page.
 */
export async function changes(context: BenchContext): Promise<Row[]> {
  const schema = await context.createSchema()
  const hello = await startChild('bench/hello-server.mjs')
  const wegov = await startWeGovProcess(
    { DATABASE_URL: context.databaseUrl, WEGOV_DB_SCHEMA: schema, WEGOV_RATE_LIMIT: 'off', WEGOV_POW: 'off' },
    await freePort(),
  )
  const pool = new pg.Pool({ connectionString: context.databaseUrl, options: `-c search_path=${schema},public`, max: 4 })
  try {
    return [...(await readsWhileWriting(context, pool, hello.url, wegov.url)), await feedCatchUp(pool, wegov.url)]
  } finally {
    await pool.end()
    await hello.stop()
    await wegov.stop()
    await context.dropSchema(schema)
  }
}

async function readsWhileWriting(context: BenchContext, pool: pg.Pool, helloUrl: string, wegovUrl: string): Promise<Row[]> {
  const options = { connections: 50, durationSeconds: Math.max(3, Math.round(context.durationSeconds / 2)), headers: { 'accept-encoding': 'gzip, deflate, br' } }
  const url = `${wegovUrl}/v1/projects?lang=ar&limit=20`
  const { rows: resources } = await pool.query<{ id: string; owner: string }>(
    `SELECT id, owner_organisation_id AS owner FROM resources WHERE deleted_at IS NULL ORDER BY id LIMIT 20`,
  )
  if (resources.length === 0) throw new Error('the bench needs the demo resources')
  let writes = 0
  let failed = 0
  const writer = setInterval(() => {
    const resource = resources[writes % resources.length]!
    writes++
    writeResource(pool, resource).catch(() => failed++)
  }, 1000 / WRITES_PER_SECOND)
  const baselines: LoadResult[] = []
  const reads: LoadResult[] = []
  try {
    const first = await loadWithWrk(helloUrl, options)
    if (!first) return []
    baselines.push(first)
    for (let round = 0; round < ROUNDS; round++) {
      reads.push((await loadWithWrk(url, options))!)
      baselines.push((await loadWithWrk(helloUrl, options))!)
    }
  } finally {
    clearInterval(writer)
  }
  const ratios = reads.map((run, i) => run.requestsPerSecond / ((baselines[i]!.requestsPerSecond + baselines[i + 1]!.requestsPerSecond) / 2))
  const ratio = median(ratios)
  const clean = reads.every((run) => run.non2xx === 0 && run.errors === 0) && failed === 0
  return [
    {
      id: 'hello-baseline-writes',
      title: 'Bare Fastify hello-world under wrk (baseline for the reads under writes)',
      value: median(baselines.map((run) => run.requestsPerSecond)),
      unit: 'req/s',
    },
    {
      id: 'list-projects-under-writes-wrk',
      title: `GET /v1/projects?lang=ar under wrk while ${WRITES_PER_SECOND} writes/s change resources`,
      value: median(reads.map((run) => run.requestsPerSecond)),
      unit: 'req/s',
      ratio,
      baseline: 'hello-baseline-writes',
      target: '≥ 0.40× hello',
      pass: ratio >= 0.4 && clean,
      detail: `median ratio of ${ratios.length} rounds (${ratios.map((r) => r.toFixed(2)).join(', ')}); ${writes} writes, ${failed} failed; p99 ${median(reads.map((run) => run.latencyP99Ms))} ms`,
    },
  ]
}

/** A resource's new version and its change-log event, in one transaction, as the write API makes them. */
async function writeResource(pool: pg.Pool, resource: { id: string; owner: string }) {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const { rows } = await client.query<{ version: number }>(
      `UPDATE resources SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
      [resource.id],
    )
    await client.query(
      `INSERT INTO change_log (action, subject_type, subject_id, organisation_id, version, public) VALUES ('resource.updated', 'resource', $1, $2, $3, true)`,
      [resource.id, resource.owner, rows[0]!.version],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}

async function feedCatchUp(pool: pg.Pool, wegovUrl: string): Promise<Row> {
  const { rows: before } = await pool.query<{ last: string | null }>(`SELECT max(seq)::text AS last FROM change_log`)
  // 100,000 published projects with Arabic and French texts, and one public event each.
  await pool.query(
    `INSERT INTO projects (id, owner_organisation_id, slug, original_lang, title, summary, status, countries, themes)
     SELECT gen_random_uuid(), (SELECT id FROM organisations WHERE deleted_at IS NULL ORDER BY slug LIMIT 1), 'bench-feed-' || i, 'ar',
       jsonb_build_object('ar', 'مشروع رقم ' || i, 'fr', 'Projet numéro ' || i),
       jsonb_build_object('ar', 'ملخص المشروع ' || i, 'fr', 'Résumé du projet ' || i), 'implementation', '{TN}', '{}'
     FROM generate_series(1, ${FEED_CHANGES}) AS i`,
  )
  await pool.query(
    `INSERT INTO change_log (action, subject_type, subject_id, organisation_id, version, public)
     SELECT 'project.published', 'project', id::text, owner_organisation_id, 1, true FROM projects WHERE slug LIKE 'bench-feed-%' ORDER BY slug`,
  )
  // Start right after the events the bench did not make: the reader catches up exactly these.
  const firstCursor = Buffer.from(JSON.stringify([Number(before[0]?.last ?? 0), Date.now()])).toString('base64url')
  const started = performance.now()
  let received = 0
  let pages = 0
  for (let cursor: string | null = firstCursor; cursor; pages++) {
    const response = await fetch(`${wegovUrl}/v1/changes?limit=1000&since=${cursor}`)
    if (response.status !== 200) throw new Error(`GET /v1/changes: ${response.status}`)
    const page = (await response.json()) as { items: { type: string }[]; nextCursor: string | null }
    received += page.items.filter((change) => change.type === 'project').length
    cursor = page.nextCursor
  }
  const seconds = (performance.now() - started) / 1000
  return {
    id: 'change-feed-catch-up',
    title: `Change feed: a reader catching up ${FEED_CHANGES.toLocaleString('en')} changes (1,000 a page, full items in every language)`,
    value: Math.round(received / seconds),
    unit: 'changes/s',
    pass: received >= FEED_CHANGES,
    detail: `${received} changes in ${pages} pages, ${seconds.toFixed(1)} s`,
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : Math.round(((sorted[middle - 1]! + sorted[middle]!) / 2) * 100) / 100
}

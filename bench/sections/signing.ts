import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { freePort, type LoadResult, loadWithWrk, startWeGovProcess } from '../lib.js'
import { serverCpu } from './authenticated-reads.js'
import { plainRequest, type SignRequest, widgetRequests, writeRequestsFile } from '../signing-bodies.js'
import type { BenchContext, Row } from '../types.js'

const SIGNERS = 100
/**
 * The proof-of-work difficulty of the widget rows' server (WEGOV_POW_MAX_NUMBER, default 100,000): low, so
 * that solving tens of thousands of challenges before the run takes seconds. It changes only the client's
 * work; the server verifies a solution with one SHA-256 and one HMAC whatever the difficulty.
 */
const BENCH_POW_MAX_NUMBER = 100
const TARGET = '≥ 1500/s, p99 < 100 ms, ≥ 0.5× raw'
/** The rows this section can measure alone (`npm run bench -- sign-wrk`); the raw-insert baseline comes with any. */
export const SIGNING_ROWS = ['raw-insert', 'sign', 'sign-widget', 'sign-wrk', 'sign-widget-wrk', 'count-reads-during-signing', 'count-reads-during-signing-wrk'] as const

interface SignRun extends LoadResult {
  tool: 'autocannon' | 'wrk'
  /** Prepared requests used, and how many were prepared (past that the run would replay them). */
  used: number
  prepared: number | null
  /** The server process's CPU time per request sent: what a signature costs WeGov, whatever shares the cores. */
  cpuMicrosPerRequest: number
}

/**
 * Signing throughput at 100 concurrent signers, next to a raw single-row pg INSERT loop measured in the
 * same run (before and after). Two ways of signing, each under autocannon and under wrk:
 * - plain: unique emails, proof of work and rate limits off, no Idempotency-Key;
 * - as the widget signs: proof of work on (challenges solved before the run), an Idempotency-Key, the
 *   consents and the partner source.
 * Then plain signing again while 50 connections read the petition's count. Rate limits stay off: the
 * whole load comes from one IP.
 */
export async function signing(context: BenchContext): Promise<Row[]> {
  const schema = await context.createSchema()
  const seconds = context.durationSeconds
  const want = (id: (typeof SIGNING_ROWS)[number]) => context.rows.size === 0 || context.rows.has(id)
  const database = { DATABASE_URL: context.databaseUrl, WEGOV_DB_SCHEMA: schema, WEGOV_RATE_LIMIT: 'off' }
  try {
    // The baseline brackets the WeGov runs (before and after, averaged): PostgreSQL's own pace drifts
    // over a run (checkpoints, WAL recycling), and one side-by-side sample would charge that drift to WeGov.
    const rawBefore = await rawInsertLoop(context.databaseUrl, schema, seconds)

    const plain = await withWeGov({ ...database, WEGOV_POW: 'off' }, async (url, cpu) => {
      const target = await signingTarget(url)
      const viaAutocannon = want('sign') ? await autocannonSign(cpu, target.signUrl, seconds, (n) => plainRequest('a', n)) : null
      // Enough for wrk at three times autocannon's pace (wrk leaves the server more of the CPU).
      const wrkCount = Math.ceil(Math.max(5000, (viaAutocannon?.requestsPerSecond ?? 2500) * 3) * seconds)
      // The widget's wrk row is sized on this one, and needs it to know whether wrk is installed.
      const viaWrk = want('sign-wrk') || want('sign-widget-wrk') ? await wrkSign(cpu, target.signUrl, seconds, Array.from({ length: wrkCount }, (_, n) => plainRequest('w', n))) : null
      const [duringReads, reads] = want('count-reads-during-signing')
        ? await Promise.all([
            autocannonSign(cpu, target.signUrl, seconds, (n) => plainRequest('b', n)),
            autocannon({ url: `${url}/v1/petitions/${target.petitionId}/count`, connections: 50, duration: seconds }),
          ])
        : [null, null]
      // The same under wrk: two autocannons in the bench's one Node process run out of CPU before the server.
      const [duringReadsWrk, readsWrk] = want('count-reads-during-signing-wrk')
        ? await Promise.all([
            wrkSign(cpu, target.signUrl, seconds, Array.from({ length: wrkCount }, (_, n) => plainRequest('c', n))),
            loadWithWrk(`${url}/v1/petitions/${target.petitionId}/count`, { connections: 50, durationSeconds: seconds }),
          ])
        : [null, null]
      return { viaAutocannon, viaWrk, duringReads, reads, duringReadsWrk, readsWrk }
    })

    const widget = await withWeGov({ ...database, WEGOV_POW_MAX_NUMBER: String(BENCH_POW_MAX_NUMBER) }, async (url, cpu) => {
      const target = await signingTarget(url)
      // Sized on the plain runs' pace (one prepared request per request sent), with room to spare.
      const enough = (run: SignRun | null) => Math.ceil((run?.requestsPerSecond ?? 5000) * 1.5 * seconds) + 2000
      let viaAutocannon: SignRun | null = null
      if (want('sign-widget')) {
        const forAutocannon = await widgetRequests(url, 'a', enough(plain.viaAutocannon), target.partner)
        viaAutocannon = await autocannonSign(cpu, target.signUrl, seconds, (n) => forAutocannon[n % forAutocannon.length]!, forAutocannon.length)
      }
      const viaWrk = plain.viaWrk && want('sign-widget-wrk') ? await wrkSign(cpu, target.signUrl, seconds, await widgetRequests(url, 'w', enough(plain.viaWrk), target.partner)) : null
      return { viaAutocannon, viaWrk }
    })

    const rawAfter = await rawInsertLoop(context.databaseUrl, schema, seconds)
    const rawRate = (rawBefore + rawAfter) / 2
    const plainTitle = `POST /v1/petitions/{id}/signatures, ${SIGNERS} concurrent signers, unique emails, proof of work off`
    const widgetTitle =
      `POST /v1/petitions/{id}/signatures as the widget signs: ${SIGNERS} concurrent signers, proof of work on ` +
      `(solved before the run, WEGOV_POW_MAX_NUMBER=${BENCH_POW_MAX_NUMBER}), an Idempotency-Key, consents and partner source`
    const rows: Row[] = [
      {
        id: 'raw-insert',
        title: 'Raw pg single-row INSERT loop, 20 connections (baseline)',
        value: Math.round(rawRate),
        unit: 'rows/s',
        detail: `mean of ${Math.round(rawBefore)} before and ${Math.round(rawAfter)} after the WeGov runs`,
      },
    ]
    if (plain.viaAutocannon) rows.push(signRow('sign', `${plainTitle}, under autocannon`, plain.viaAutocannon, rawRate))
    if (widget.viaAutocannon) rows.push(signRow('sign-widget', `${widgetTitle}, under autocannon`, widget.viaAutocannon, rawRate))
    if (plain.viaWrk && want('sign-wrk')) rows.push(signRow('sign-wrk', `${plainTitle}, under wrk`, plain.viaWrk, rawRate))
    if (widget.viaWrk) rows.push(signRow('sign-widget-wrk', `${widgetTitle}, under wrk`, widget.viaWrk, rawRate))
    if (plain.reads && plain.duringReads) rows.push({
      id: 'count-reads-during-signing',
      title: `GET /v1/petitions/{id}/count, 50 connections, while ${SIGNERS} signers sign`,
      value: Math.round(plain.reads.requests.average),
      unit: 'req/s',
      target: '> 10000 req/s',
      pass: plain.reads.requests.average > 10_000 && plain.reads.non2xx === 0,
      detail: `p99 ${plain.reads.latency.p99} ms; signing meanwhile ${plain.duringReads.requestsPerSecond}/s, p99 ${plain.duringReads.latencyP99Ms} ms`,
    })
    if (plain.readsWrk && plain.duringReadsWrk) rows.push({
      id: 'count-reads-during-signing-wrk',
      title: `GET /v1/petitions/{id}/count, 50 connections, while ${SIGNERS} signers sign, both under wrk`,
      value: plain.readsWrk.requestsPerSecond,
      unit: 'req/s',
      target: '> 10000 req/s',
      pass: plain.readsWrk.requestsPerSecond > 10_000 && plain.readsWrk.non2xx === 0 && plain.readsWrk.errors === 0,
      detail: `p99 ${plain.readsWrk.latencyP99Ms} ms; signing meanwhile ${plain.duringReadsWrk.requestsPerSecond}/s, p99 ${plain.duringReadsWrk.latencyP99Ms} ms, ${plain.duringReadsWrk.used} of ${plain.duringReadsWrk.prepared} prepared requests used`,
    })
    return rows
  } finally {
    await context.dropSchema(schema)
  }
}

function signRow(id: string, title: string, run: SignRun, rawRate: number): Row {
  const ratio = run.requestsPerSecond / rawRate
  const prepared = run.prepared === null ? '' : `, ${run.used} of ${run.prepared} prepared requests used`
  // Past the prepared requests the tools start over, and a repeated request with its key is answered
  // from the stored key (202, nothing written): such a run measured something else.
  const enough = run.prepared === null || run.used <= run.prepared
  return {
    id,
    title,
    value: run.requestsPerSecond,
    unit: 'accepted/s',
    ratio,
    baseline: 'raw-insert',
    target: TARGET,
    pass: run.requestsPerSecond >= 1500 && run.latencyP99Ms < 100 && ratio >= 0.5 && run.non2xx === 0 && run.errors === 0 && enough,
    detail: `p50 ${run.latencyP50Ms} ms, p99 ${run.latencyP99Ms} ms, server CPU ${Math.round(run.cpuMicrosPerRequest)} µs per request, non-2xx ${run.non2xx}, errors ${run.errors}${prepared}${enough ? '' : ' (too few: not valid)'}`,
  }
}

/** The server's CPU seconds so far (serverCpu), which each run reads before and after. */
type CpuClock = () => number

async function withWeGov<T>(env: NodeJS.ProcessEnv, use: (url: string, cpu: CpuClock) => Promise<T>): Promise<T> {
  const wegov = await startWeGovProcess(env, await freePort())
  try {
    return await use(wegov.url, serverCpu(wegov.child.pid!))
  } finally {
    await wegov.stop()
  }
}

/** An open petition of the demo data, and an organisation to sign "from" as a partner site. */
async function signingTarget(url: string) {
  const list = (await (await fetch(`${url}/v1/petitions?status=open`)).json()) as { items: { id: string }[] }
  const organisations = (await (await fetch(`${url}/v1/organisations`)).json()) as { items: { slug: string }[] }
  const petitionId = list.items[0]!.id
  return { petitionId, signUrl: `${url}/v1/petitions/${petitionId}/signatures`, partner: organisations.items[0]!.slug }
}

export async function rawInsertLoop(databaseUrl: string, schema: string, durationSeconds: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 })
  try {
    await pool.query(`CREATE TABLE IF NOT EXISTS ${schema}.raw_insert (id uuid PRIMARY KEY, petition_id uuid, email_hash text, payload text)`)
    let inserted = 0
    const stopAt = Date.now() + durationSeconds * 1000
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (Date.now() < stopAt) {
          await pool.query(`INSERT INTO ${schema}.raw_insert VALUES (gen_random_uuid(), gen_random_uuid(), md5(random()::text), 'x')`)
          inserted++
        }
      }),
    )
    return inserted / durationSeconds
  } finally {
    await pool.end()
  }
}

/** autocannon, each request taking the next prepared one (`prepared`: how many there are, if limited). */
async function autocannonSign(cpu: CpuClock, url: string, durationSeconds: number, next: (n: number) => SignRequest, prepared?: number): Promise<SignRun> {
  let n = 0
  const cpuBefore = cpu()
  const result = await autocannon({
    url,
    connections: SIGNERS,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { key, body } = next(n++)
          request.headers = { 'content-type': 'application/json', 'accept-language': 'fr', ...(key ? { 'idempotency-key': key } : {}) }
          request.body = body
          return request
        },
      },
    ],
  })
  return {
    tool: 'autocannon',
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    used: n,
    prepared: prepared ?? null,
    cpuMicrosPerRequest: ((cpu() - cpuBefore) * 1e6) / Math.max(1, n),
  }
}

/** wrk with bench/sign-bodies.lua: each request takes the next line of a file of prepared requests. Null without wrk. */
async function wrkSign(cpu: CpuClock, url: string, durationSeconds: number, requests: readonly SignRequest[]): Promise<SignRun | null> {
  const file = join(tmpdir(), `wegov-bench-sign-${process.pid}-${Date.now()}.txt`)
  await writeRequestsFile(file, requests)
  try {
    const cpuBefore = cpu()
    const result = await loadWithWrk(url, { connections: SIGNERS, durationSeconds, script: 'bench/sign-bodies.lua', scriptArgs: [file] })
    if (!result) return null
    const used = Number(/bodies used (\d+) of/.exec(result.stdout)?.[1] ?? NaN)
    const { stdout: _stdout, ...load } = result
    return { ...load, tool: 'wrk', used, prepared: requests.length, cpuMicrosPerRequest: ((cpu() - cpuBefore) * 1e6) / Math.max(1, used) }
  } finally {
    await rm(file, { force: true })
  }
}

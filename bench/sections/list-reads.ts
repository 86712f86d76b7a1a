import { request } from 'node:http'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, load, type LoadResult, loadWithWrk, startChild, startWeGovProcess } from '../lib.js'
import type { BenchContext, Row } from '../types.js'

/** Rounds of hello, WeGov, hello, WeGov, …, hello: each WeGov run is compared with the two hello runs around it. */
const ROUNDS = 5

type Loader = (url: string, options: LoadOptions) => Promise<LoadResult | null>
interface LoadOptions {
  connections: number
  durationSeconds: number
  headers: Record<string, string>
}

/**
 * GET /v1/projects?lang=ar (20 items) next to a bare Fastify hello-world, both under the same load: with
 * autocannon (the tool), then with wrk (a load generator that does not run out of CPU first).
 *
 * The two servers run side by side and take turns, and the ratio is the median over rounds: on a shared
 * two-core machine the speed drifts by ±30% within minutes, and one hello run then one WeGov run measured
 * the drift as much as the server.
 */
export async function listReads(context: BenchContext): Promise<Row[]> {
  // Both send what every browser sends; WeGov then answers its 40 KB Arabic page gzipped.
  const headers = { 'accept-encoding': 'gzip, deflate, br' }
  const options = { connections: 50, durationSeconds: Math.max(3, Math.round(context.durationSeconds / 3)), headers }
  const schema = await context.createSchema()
  const hello = await startChild('bench/hello-server.mjs')
  const wegov = await startWeGovProcess(
    { DATABASE_URL: context.databaseUrl, WEGOV_DB_SCHEMA: schema, WEGOV_RATE_LIMIT: 'off', WEGOV_POW: 'off' },
    await freePort(),
  )
  try {
    const url = `${wegov.url}/v1/projects?lang=ar&limit=20`
    const page = (await (await fetch(url)).json()) as { items: unknown[] }
    const title = `GET /v1/projects?lang=ar (${page.items.length} items)`
    const autocannon = await alternate(load, hello.url, url, options)
    const wrk = await alternate(loadWithWrk, hello.url, url, options)
    const sameBytes = await sameBytesBaseline(url, options)
    return [
      ...comparisonRows('', 'autocannon', title, autocannon!),
      {
        id: 'same-bytes-baseline',
        title: `Bare Fastify sending the same ${sameBytes.bytes} bytes, under autocannon (second baseline)`,
        value: sameBytes.result.requestsPerSecond,
        unit: 'req/s',
        detail: `p99 ${sameBytes.result.latencyP99Ms} ms; ${sameBytes.encoding}`,
      },
      {
        id: 'list-projects-ar-vs-same-bytes',
        title: `${title} against the same-bytes baseline (what WeGov adds per request)`,
        value: median(autocannon!.reads.map((run) => run.requestsPerSecond)),
        unit: 'req/s',
        ratio: median(autocannon!.reads.map((run) => run.requestsPerSecond)) / sameBytes.result.requestsPerSecond,
        baseline: 'same-bytes-baseline',
      },
      ...(wrk ? comparisonRows('-wrk', 'wrk', title, wrk) : []),
    ]
  } finally {
    await hello.stop()
    await wegov.stop()
    await context.dropSchema(schema)
  }
}

interface Alternation {
  baselines: LoadResult[]
  reads: LoadResult[]
  /** One per round: reads[i] over the mean of the baseline runs just before and just after it. */
  ratios: number[]
}

/** null when the loader is not installed (wrk). */
async function alternate(loader: Loader, baselineUrl: string, url: string, options: LoadOptions): Promise<Alternation | null> {
  const first = await loader(baselineUrl, options)
  if (!first) return null
  const baselines = [first]
  const reads: LoadResult[] = []
  for (let round = 0; round < ROUNDS; round++) {
    reads.push((await loader(url, options))!)
    baselines.push((await loader(baselineUrl, options))!)
  }
  const ratios = reads.map((run, i) => run.requestsPerSecond / ((baselines[i]!.requestsPerSecond + baselines[i + 1]!.requestsPerSecond) / 2))
  return { baselines, reads, ratios }
}

function comparisonRows(suffix: string, tool: string, title: string, { baselines, reads, ratios }: Alternation): Row[] {
  const ratio = median(ratios)
  const clean = reads.every((run) => run.non2xx === 0 && run.errors === 0)
  const list = (runs: LoadResult[]) => runs.map((run) => run.requestsPerSecond).join(', ')
  return [
    {
      id: `hello-baseline${suffix}`,
      title: `Bare Fastify hello-world under ${tool} (baseline)`,
      value: median(baselines.map((run) => run.requestsPerSecond)),
      unit: 'req/s',
      detail: `median of ${baselines.length} runs taking turns with WeGov: ${list(baselines)}`,
    },
    {
      id: `list-projects-ar${suffix}`,
      title: `${title} under ${tool}`,
      value: median(reads.map((run) => run.requestsPerSecond)),
      unit: 'req/s',
      ratio,
      baseline: `hello-baseline${suffix}`,
      target: '≥ 0.50× hello',
      pass: ratio >= 0.5 && clean,
      detail: `median ratio of ${ratios.length} rounds (${ratios.map((r) => r.toFixed(2)).join(', ')}); runs ${list(reads)}; p99 ${median(reads.map((run) => run.latencyP99Ms))} ms; ${clean ? 'no' : 'some'} non-2xx or socket errors`,
    },
  ]
}

/** Bare Fastify answering with WeGov's exact bytes: what moving them costs, apart from WeGov itself. */
async function sameBytesBaseline(url: string, options: LoadOptions) {
  const sent = await rawGet(url, options.headers)
  const bodyFile = join(tmpdir(), `wegov-bench-page-${process.pid}`)
  await writeFile(bodyFile, sent.body)
  const encoding = sent.headers['content-encoding'] ?? 'identity'
  const server = await startChild('bench/same-bytes-server.mjs', {
    BENCH_BODY_FILE: bodyFile,
    BENCH_BODY_HEADERS: JSON.stringify({ 'content-type': sent.headers['content-type'], 'content-encoding': encoding }),
  })
  try {
    return { bytes: sent.body.length, encoding, result: await load(server.url, options) }
  } finally {
    await server.stop()
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : Math.round(((sorted[middle - 1]! + sorted[middle]!) / 2) * 100) / 100
}

/** The reply exactly as sent (fetch would unzip it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ body: Buffer; headers: Record<string, string | undefined> }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ body: Buffer.concat(chunks), headers: response.headers as Record<string, string | undefined> }))
      response.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
}

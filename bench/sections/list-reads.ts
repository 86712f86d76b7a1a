import { request } from 'node:http'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, load, startChild, startWeGovProcess } from '../lib.js'
import type { BenchContext, Row } from '../types.js'

/** GET /v1/projects?lang=ar (20 items) next to a bare Fastify hello-world, both under the same load. */
export async function listReads(context: BenchContext): Promise<Row[]> {
  // Both send what every browser sends; WeGov then answers its 40 KB Arabic page gzipped.
  const headers = { 'accept-encoding': 'gzip, deflate, br' }
  const hello = await startChild('bench/hello-server.mjs')
  const baseline = await load(hello.url, { connections: 50, durationSeconds: context.durationSeconds, headers })
  await hello.stop()

  const schema = await context.createSchema()
  const wegov = await startWeGovProcess(
    { DATABASE_URL: context.databaseUrl, WEGOV_DB_SCHEMA: schema, WEGOV_RATE_LIMIT: 'off', WEGOV_POW: 'off' },
    await freePort(),
  )
  try {
    const url = `${wegov.url}/v1/projects?lang=ar&limit=20`
    const page = (await (await fetch(url)).json()) as { items: unknown[] }
    const reads = await load(url, { connections: 50, durationSeconds: context.durationSeconds, headers })
    const sent = await rawGet(url, headers)
    const bodyFile = join(tmpdir(), `wegov-bench-page-${process.pid}`)
    await writeFile(bodyFile, sent.body)
    const sameBytes = await startChild('bench/same-bytes-server.mjs', {
      BENCH_BODY_FILE: bodyFile,
      BENCH_BODY_HEADERS: JSON.stringify({ 'content-type': sent.headers['content-type'], 'content-encoding': sent.headers['content-encoding'] ?? 'identity' }),
    })
    const bytesBaseline = await load(sameBytes.url, { connections: 50, durationSeconds: context.durationSeconds, headers })
    await sameBytes.stop()
    return [
      {
        id: 'hello-baseline',
        title: 'Bare Fastify hello-world (baseline)',
        value: baseline.requestsPerSecond,
        unit: 'req/s',
        detail: `p99 ${baseline.latencyP99Ms} ms`,
      },
      {
        id: 'list-projects-ar',
        title: `GET /v1/projects?lang=ar (${page.items.length} items)`,
        value: reads.requestsPerSecond,
        unit: 'req/s',
        ratio: reads.requestsPerSecond / baseline.requestsPerSecond,
        baseline: 'hello-baseline',
        target: '≥ 0.50× hello',
        pass: reads.requestsPerSecond / baseline.requestsPerSecond >= 0.5 && reads.non2xx === 0,
        detail: `p50 ${reads.latencyP50Ms} ms, p99 ${reads.latencyP99Ms} ms, non-2xx ${reads.non2xx}; ${sent.body.length} bytes ${sent.headers['content-encoding'] ?? 'plain'}`,
      },
      {
        id: 'same-bytes-baseline',
        title: `Bare Fastify sending the same ${sent.body.length} bytes (second baseline)`,
        value: bytesBaseline.requestsPerSecond,
        unit: 'req/s',
        detail: `p99 ${bytesBaseline.latencyP99Ms} ms`,
      },
      {
        id: 'list-projects-ar-vs-same-bytes',
        title: 'GET /v1/projects?lang=ar against the same-bytes baseline (what WeGov adds per request)',
        value: reads.requestsPerSecond,
        unit: 'req/s',
        ratio: reads.requestsPerSecond / bytesBaseline.requestsPerSecond,
        baseline: 'same-bytes-baseline',
      },
    ]
  } finally {
    await wegov.stop()
    await context.dropSchema(schema)
  }
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

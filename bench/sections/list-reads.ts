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
        detail: `p50 ${reads.latencyP50Ms} ms, p99 ${reads.latencyP99Ms} ms, non-2xx ${reads.non2xx}`,
      },
    ]
  } finally {
    await wegov.stop()
    await context.dropSchema(schema)
  }
}

import autocannon from 'autocannon'
import pg from 'pg'
import { freePort, startWeGovProcess } from '../lib.js'
import type { BenchContext, Row } from '../types.js'

/**
 * Signing throughput at 100 concurrent signers with unique emails (proof-of-work and rate limits off),
 * next to a raw single-row pg INSERT loop measured in the same run; then signing again while 50
 * connections read the petition's count.
 */
export async function signing(context: BenchContext): Promise<Row[]> {
  const schema = await context.createSchema()
  try {
    // The baseline brackets the WeGov runs (before and after, averaged): PostgreSQL's own pace drifts
    // over a run (checkpoints, WAL recycling), and one side-by-side sample would charge that drift to WeGov.
    const rawBefore = await rawInsertLoop(context.databaseUrl, schema, context.durationSeconds)
    const wegov = await startWeGovProcess(
      { DATABASE_URL: context.databaseUrl, WEGOV_DB_SCHEMA: schema, WEGOV_RATE_LIMIT: 'off', WEGOV_POW: 'off' },
      await freePort(),
    )
    try {
      const list = (await (await fetch(`${wegov.url}/v1/petitions?status=open`)).json()) as { items: { id: string }[] }
      const petitionId = list.items[0]!.id
      const sign = await signLoad(wegov.url, petitionId, context.durationSeconds, 'a')
      const [signDuringReads, reads] = await Promise.all([
        signLoad(wegov.url, petitionId, context.durationSeconds, 'b'),
        autocannon({ url: `${wegov.url}/v1/petitions/${petitionId}/count`, connections: 50, duration: context.durationSeconds }),
      ])
      const signRate = sign.requests.average
      const rawAfter = await rawInsertLoop(context.databaseUrl, schema, context.durationSeconds)
      const rawRate = (rawBefore + rawAfter) / 2
      return [
        {
          id: 'raw-insert',
          title: 'Raw pg single-row INSERT loop, 20 connections (baseline)',
          value: Math.round(rawRate),
          unit: 'rows/s',
          detail: `mean of ${Math.round(rawBefore)} before and ${Math.round(rawAfter)} after the WeGov runs`,
        },
        {
          id: 'sign',
          title: 'POST /v1/petitions/{id}/signatures, 100 concurrent signers, unique emails',
          value: Math.round(signRate),
          unit: 'accepted/s',
          ratio: signRate / rawRate,
          baseline: 'raw-insert',
          target: '≥ 1500/s, p99 < 100 ms, ≥ 0.5× raw',
          pass: signRate >= 1500 && sign.latency.p99 < 100 && signRate / rawRate >= 0.5 && sign.non2xx === 0,
          detail: `p50 ${sign.latency.p50} ms, p99 ${sign.latency.p99} ms, non-2xx ${sign.non2xx}, errors ${sign.errors}`,
        },
        {
          id: 'count-reads-during-signing',
          title: 'GET /v1/petitions/{id}/count, 50 connections, while 100 signers sign',
          value: Math.round(reads.requests.average),
          unit: 'req/s',
          target: '> 10000 req/s',
          pass: reads.requests.average > 10_000 && reads.non2xx === 0,
          detail: `p99 ${reads.latency.p99} ms; signing meanwhile ${Math.round(signDuringReads.requests.average)}/s, p99 ${signDuringReads.latency.p99} ms`,
        },
      ]
    } finally {
      await wegov.stop()
    }
  } finally {
    await context.dropSchema(schema)
  }
}

async function rawInsertLoop(databaseUrl: string, schema: string, durationSeconds: number): Promise<number> {
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

function signLoad(url: string, petitionId: string, durationSeconds: number, run: string) {
  let n = 0
  return autocannon({
    url: `${url}/v1/petitions/${petitionId}/signatures`,
    connections: 100,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          n++
          request.body = JSON.stringify({
            firstName: 'Bench',
            lastName: 'Signer',
            email: `bench-${run}-${n}@example.org`,
            country: 'TN',
            consents: { processing: true },
            locale: 'fr',
            display: 'anonymous',
          })
          return request
        },
      },
    ],
  })
}

import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { API_KEY_PREFIX } from '../../packages/api/src/domains/accounts/authenticator.js'
import { hashToken, newSecretToken } from '../../packages/api/src/domains/accounts/secret-tokens.js'
import { freePort, type LoadResult, loadWithWrk, load, startWeGovProcess } from '../lib.js'
import type { BenchContext, Row } from '../types.js'

/**
 * Rounds of anonymous, cookie, key: each authenticated run is compared with the anonymous runs around it.
 * Many short rounds rather than a few long ones: on a shared machine the rate drifts within seconds, and
 * the median of many neighbouring ratios is what survives the drift.
 */
const ROUNDS = 9
/** The target: authentication may cost at most this fraction of an anonymous cached read. */
const MAX_OVERHEAD = 0.15

type Caller = 'anonymous' | 'session' | 'key'

/**
 * The same cached public list read (GET /v1/projects?lang=fr), anonymous, with a session cookie and with an
 * API key, taking turns in one run: what resolving a credential (authenticator.ts, cached per instance)
 * adds to the cheapest request WeGov serves. The credentials are written straight into the bench's schema,
 * as the sign-in and key routes would write them.
 */
export async function authenticatedReads(context: BenchContext): Promise<Row[]> {
  const schema = await context.createSchema()
  const wegov = await startWeGovProcess(
    { DATABASE_URL: context.databaseUrl, WEGOV_DB_SCHEMA: schema, WEGOV_RATE_LIMIT: 'off', WEGOV_POW: 'off' },
    await freePort(),
  )
  try {
    const credentials = await writeCredentials(context.databaseUrl, schema)
    const base = { 'accept-encoding': 'gzip, deflate, br' }
    const headers: Record<Caller, Record<string, string>> = {
      anonymous: base,
      // The process's public URL is http://localhost:PORT, loopback: the cookie has the __Host- name.
      session: { ...base, cookie: `__Host-wegov_session=${credentials.sessionToken}` },
      key: { ...base, authorization: `Bearer ${credentials.keySecret}` },
    }
    for (const caller of ['session', 'key'] as const) {
      const whoami = (await (await fetch(`${wegov.url}/v1/auth/whoami`, { headers: headers[caller] })).json()) as { kind: string }
      if (whoami.kind !== (caller === 'session' ? 'person' : 'key')) throw new Error(`the ${caller} credential is not accepted: ${JSON.stringify(whoami)}`)
    }
    const url = `${wegov.url}/v1/projects?lang=fr`
    const options = { connections: 50, durationSeconds: Math.max(2, Math.round(context.durationSeconds / 5)) }
    const rows: Row[] = []
    const cpu = serverCpu(wegov.child.pid!)
    for (const [tool, loader] of [['wrk', loadWithWrk], ['autocannon', load]] as const) {
      const runs = await takeTurns(async (caller) => {
        const before = cpu()
        const result = await loader(url, { ...options, headers: headers[caller] })
        if (!result) return null
        const requests = result.requestsPerSecond * options.durationSeconds
        return { ...result, cpuMicrosPerRequest: requests > 0 ? ((cpu() - before) * 1e6) / requests : NaN }
      })
      if (runs) rows.push(...comparisonRows(tool, runs))
    }
    return rows
  } finally {
    await wegov.stop()
    await context.dropSchema(schema)
  }
}

/** A person with a live session and an organisation's API key, in the bench's schema. */
async function writeCredentials(databaseUrl: string, schema: string) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(`SET search_path TO ${schema}`)
    const personId = randomUUID()
    await client.query(`INSERT INTO people (id, email, name) VALUES ($1, 'bench@wegov.localhost', 'Bench')`, [personId])
    const sessionToken = newSecretToken()
    await client.query(`INSERT INTO sessions (id, token_hash, person_id, method, expires_at) VALUES ($1, $2, $3, 'code', now() + interval '1 day')`, [
      randomUUID(),
      hashToken(sessionToken),
      personId,
    ])
    const { rows } = await client.query<{ id: string }>('SELECT id FROM organisations ORDER BY slug LIMIT 1')
    const keySecret = `${API_KEY_PREFIX}${newSecretToken()}`
    await client.query(`INSERT INTO api_keys (id, organisation_id, name, prefix, secret_hash, scopes) VALUES ($1, $2, 'bench', $3, $4, '{drafts:read}')`, [
      randomUUID(),
      rows[0]!.id,
      keySecret.slice(0, 12),
      hashToken(keySecret),
    ])
    return { sessionToken, keySecret }
  } finally {
    await client.end()
  }
}

type Measured = LoadResult & { cpuMicrosPerRequest: number }
type Runs = Record<Caller, Measured[]>

/**
 * The server process's CPU seconds so far (user + system, from /proc). CPU time per request hardly moves
 * when other processes share the cores, where requests per second swing by a factor of ten: it is what the
 * overhead target is judged on.
 */
export function serverCpu(pid: number): () => number {
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  return () => {
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14th and 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond
  }
}

/** anonymous, session, key, anonymous, … anonymous; null when the loader is not installed (wrk). */
async function takeTurns(run: (caller: Caller) => Promise<Measured | null>): Promise<Runs | null> {
  const first = await run('anonymous')
  if (!first) return null
  const runs: Runs = { anonymous: [first], session: [], key: [] }
  for (let round = 0; round < ROUNDS; round++) {
    runs.session.push((await run('session'))!)
    runs.key.push((await run('key'))!)
    runs.anonymous.push((await run('anonymous'))!)
  }
  return runs
}

function comparisonRows(tool: string, runs: Runs): Row[] {
  const rate = (list: Measured[]) => list.map((result) => result.requestsPerSecond)
  const cpu = (list: Measured[]) => list.map((result) => Math.round(result.cpuMicrosPerRequest))
  const anonymous: Row = {
    id: `anonymous-read-${tool}`,
    title: `GET /v1/projects?lang=fr (cached), anonymous, under ${tool} (baseline): server CPU per request`,
    value: median(cpu(runs.anonymous)),
    unit: 'µs',
    detail: `median of ${runs.anonymous.length} runs taking turns with the authenticated ones: ${cpu(runs.anonymous).join(', ')} µs; ${rate(runs.anonymous).join(', ')} req/s`,
  }
  const authenticated = (caller: 'session' | 'key', what: string): Row => {
    // Each run over the mean of the anonymous runs just before and after it.
    const ratios = runs[caller].map((result, i) => result.cpuMicrosPerRequest / ((runs.anonymous[i]!.cpuMicrosPerRequest + runs.anonymous[i + 1]!.cpuMicrosPerRequest) / 2))
    const ratio = median(ratios)
    const clean = runs[caller].every((result) => result.non2xx === 0 && result.errors === 0)
    const rateRatios = runs[caller].map((result, i) => result.requestsPerSecond / ((runs.anonymous[i]!.requestsPerSecond + runs.anonymous[i + 1]!.requestsPerSecond) / 2))
    return {
      id: `${caller}-read-${tool}`,
      title: `The same read with ${what}, under ${tool}: server CPU per request`,
      value: median(cpu(runs[caller])),
      unit: 'µs',
      ratio,
      baseline: anonymous.id,
      target: `overhead < ${MAX_OVERHEAD * 100}% (≤ ${1 + MAX_OVERHEAD}×)`,
      pass: ratio <= 1 + MAX_OVERHEAD && clean,
      detail:
        `overhead ${((ratio - 1) * 100).toFixed(1)}%; median CPU ratio of ${ratios.length} rounds (${ratios.map((r) => r.toFixed(2)).join(', ')}); ` +
        `req/s ${rate(runs[caller]).join(', ')} (median ratio ${median(rateRatios).toFixed(2)}); p99 ${median(runs[caller].map((result) => result.latencyP99Ms))} ms; ${clean ? 'no' : 'some'} non-2xx or socket errors`,
    }
  }
  return [anonymous, authenticated('session', 'a session cookie'), authenticated('key', 'an API key (Authorization: Bearer)')]
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : Math.round(((sorted[middle - 1]! + sorted[middle]!) / 2) * 100) / 100
}

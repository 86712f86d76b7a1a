import { sql } from 'kysely'
import pg from 'pg'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { addProject, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { type Answer, capturedLogger, eventually, get, wrongAnswer } from './helpers/outage.js'
import { startTcpProxy } from './helpers/tcp-proxy.js'
import { openSchemaDatabase, openTestDatabase, testConfig } from './helpers/test-app.js'

const url = process.env.DATABASE_URL

// Terminating backends is what an operator's pg_terminate_backend, a pooler or a failover does to a live
// instance. Only real PostgreSQL has connections to lose: on PGlite the database is in the process.
t.test('terminated PostgreSQL connections are logged and replaced; the process keeps serving', { skip: !url && 'needs DATABASE_URL' }, async (t) => {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  await addProject(database.db)
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(database.db)
  const poolName = `wegov:${rows[0]!.schema}`
  const listenName = `wegov-listen:${rows[0]!.schema}`

  const { lines, logger } = capturedLogger()
  const app = await buildApp({ config: testConfig(), database, logger })
  t.teardown(() => app.close())
  const base = await app.listen({ port: 0, host: '127.0.0.1' })

  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  t.teardown(() => admin.end())
  const backends = async (name: string) =>
    (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [name])).rows.map((row) => row.pid)
  const terminate = (pids: number[]) => admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids])
  const lostConnections = () => lines.filter((line) => line.msg === 'database connection lost').length

  // Several idle pooled connections, and the LISTEN one (the read cache subscribes when the app is ready).
  await Promise.all(Array.from({ length: 8 }, () => get(base, '/health/ready')))
  const idle = await backends(poolName)
  const [listening] = await eventually('the LISTEN connection is open', async () => ((await backends(listenName)).length ? backends(listenName) : undefined))
  t.ok(idle.length > 0, `the pool holds ${idle.length} connection(s), named ${poolName}`)

  await terminate([...idle, listening!])
  // Each terminated connection emits 'error' in this process: unheard, the first one would end it here.
  await eventually('every terminated connection was reported', async () => (lostConnections() >= idle.length + 1 ? true : undefined))
  t.pass(`the ${idle.length + 1} terminated connections were logged as warnings, and the process lives on`)

  for (const path of ['/health/ready', '/v1/projects', '/health/ready']) t.equal((await get(base, path)).status, 200, `${path} is served on a new connection`)
  t.notOk((await backends(poolName)).some((pid) => idle.includes(pid)), 'the pool opened new connections')
  const [relistening] = await eventually('the LISTEN connection is back', async () => {
    const pids = await backends(listenName)
    return pids.length > 0 ? pids : undefined
  })
  t.not(relistening, listening, 'the LISTEN connection reconnected by itself')

  // Connections killed under load, checked-out ones included (in the middle of a query): every request
  // gets an answer, the right one, and the process survives.
  const answers: [string, Answer][] = []
  let loading = true
  const client = async (index: number) => {
    for (let n = 0; loading; n++) {
      const path = n % 2 ? '/health/ready' : `/v1/projects?limit=${((index * 7 + n) % 100) + 1}`
      answers.push([path, await get(base, path)])
    }
  }
  const load = Promise.all(Array.from({ length: 6 }, (_, index) => client(index)))
  for (let round = 0; round < 20; round++) {
    await terminate([...(await backends(poolName)), ...(await backends(listenName))])
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  loading = false
  await load
  const unavailable = answers.filter(([, answer]) => answer.status !== 200).length
  t.comment(`under load with backends terminated 20 times: ${answers.length} requests, ${unavailable} answered 503`)
  t.same(
    answers.map(([path, answer]) => wrongAnswer(path, answer)).filter(Boolean),
    [],
    'every request was answered: 200, or 503 WEGOV_UNAVAILABLE with Retry-After (none reset, none hung)',
  )
  t.equal((await get(base, '/v1/projects?limit=3')).status, 200, 'and the API serves afterwards')
})

// PostgreSQL that does not answer at all (hung, or behind a proxy with nothing behind it): a request
// waits at most the connect timeout, then gets 503, and the API serves again once it answers.
t.test('PostgreSQL unreachable without a refusal: 503 after the connect timeout, never a hang', { skip: !url && 'needs DATABASE_URL' }, async (t) => {
  const target = new URL(url!)
  const proxy = await startTcpProxy(t, { host: target.hostname, port: Number(target.port || 5432) })
  const proxied = new URL(url!)
  proxied.port = String(proxy.port)
  const database = await openSchemaDatabase(t, url!, proxied.href, { connectTimeoutMs: 500 })
  const { lines, logger } = capturedLogger()
  const app = await buildApp({ config: testConfig(), database, logger })
  t.teardown(() => app.close())
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  t.equal((await get(base, '/v1/projects')).status, 200)

  proxy.becomeBlackHole()
  for (const path of ['/v1/projects?limit=2', '/v1/organisations', '/health/ready']) {
    const answer = await get(base, path)
    t.equal(answer.status, 503, `${path}: 503`)
    t.notOk(wrongAnswer(path, answer), `${path}: ${path.startsWith('/health/') ? '' : 'problem+json WEGOV_UNAVAILABLE, '}with Retry-After`)
  }
  t.ok(lines.some((line) => line.msg === 'database connection lost'), 'the cut connections were logged')
  // Under load during an outage the log says so once per interval, not once per request.
  const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => get(base, `/v1/projects?limit=${i + 3}`)))
  t.same(new Set(burst.map((answer) => answer.status)), new Set([503]), 'a burst during the outage: every request 503')
  const warnings = lines.filter((line) => line.msg === 'database unavailable')
  t.ok(warnings.length >= 1 && warnings.length < burst.length, `${warnings.length} "database unavailable" lines for ${burst.length + 3} failed requests`)

  proxy.forwardAgain()
  await eventually('the API serves again', async () => ((await get(base, '/v1/projects?limit=2')).status === 200 ? true : undefined))
  t.pass('served again once PostgreSQL answers')
})

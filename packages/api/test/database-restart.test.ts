import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { openDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { addProject, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { type Answer, capturedLogger, eventually, get, wrongAnswer } from './helpers/outage.js'
import { ownPostgresUnavailable, startOwnPostgres } from './helpers/own-postgres.js'
import { PETITION_TEST_CONFIG, addPetition, signBody } from './helpers/petition-fixtures.js'
import { testConfig } from './helpers/test-app.js'

// With news consent the address itself is kept, so the test can find each acknowledged signature.
const NEWS_CONSENT = { consents: { processing: true, newsFromOrganiser: true, newsFromPartner: false } }

// A restart of PostgreSQL (an upgrade, a failover, a crash) must cost requests a 503 for as long as it
// lasts, and nothing else: no crash, no hang, no restart of WeGov. It needs a cluster this test may stop.
t.test('PostgreSQL stopped and started again under load: 503 while away, served again without a restart', { skip: ownPostgresUnavailable() ?? false }, async (t) => {
  const postgres = await startOwnPostgres(t)
  const database = await openDatabase({ url: postgres.url })
  t.teardown(() => database.close())
  await migrateToLatest(database.db)
  await createFixtureOrganisations(database.db)
  await addProject(database.db)
  const petition = await addPetition(database.db)

  const { lines, logger } = capturedLogger('info')
  const app = await buildApp({ config: testConfig({ ...PETITION_TEST_CONFIG, jobIntervalSeconds: 1 }), database, logger })
  t.teardown(() => app.close())
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const signingPath = `/v1/petitions/${petition.slug}/signatures`
  const signing = (email: string, key: string) =>
    get(base, signingPath, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(signBody(email, NEWS_CONSENT)) })

  // The load: reads (cached or not), readiness probes and signatures, from 4 clients, until told to stop.
  const started = performance.now()
  const answers: { at: number; path: string; answer: Answer }[] = []
  const failures: string[] = []
  const acknowledged: string[] = []
  let loading = true
  const client = async (index: number) => {
    for (let n = 0; loading; n++) {
      try {
        if (n % 3 === 2) {
          const email = `${randomUUID()}@example.org`
          const key = randomUUID()
          const answer = await signing(email, key)
          if (answer.status === 202) acknowledged.push(email)
          answers.push({ at: performance.now(), path: signingPath, answer })
        } else {
          const path = n % 3 ? '/health/ready' : `/v1/projects?limit=${((index * 13 + n) % 100) + 1}`
          const answer = await get(base, path)
          answers.push({ at: performance.now(), path, answer })
        }
      } catch (error) {
        failures.push(`${(error as Error).name}: ${(error as Error).message}`)
      }
    }
  }
  const load = Promise.all(Array.from({ length: 4 }, (_, index) => client(index)))
  await new Promise((resolve) => setTimeout(resolve, 1000))

  const stopping = performance.now()
  await postgres.stop()
  const stopped = performance.now()
  t.comment(`PostgreSQL stopped (pg_ctl -m fast) in ${Math.round(stopped - stopping)} ms`)

  const read = await get(base, '/v1/projects?limit=100')
  t.equal(read.status, 503, 'a read while PostgreSQL is away: 503')
  t.match(read.contentType, /^application\/problem\+json/)
  t.equal(read.code, 'WEGOV_UNAVAILABLE')
  t.ok(Number(read.retryAfter) > 0, `with Retry-After: ${read.retryAfter}`)
  const ready = await get(base, '/health/ready')
  t.equal(ready.status, 503, '/health/ready: 503')
  t.ok(Number(ready.retryAfter) > 0, '/health/ready says when to retry')
  const lostEmail = 'during-the-outage@example.org'
  const lostKey = randomUUID()
  const signed = await signing(lostEmail, lostKey)
  t.equal(signed.status, 503, 'a signature while PostgreSQL is away: 503, not acknowledged')
  t.equal(signed.code, 'WEGOV_UNAVAILABLE')

  await new Promise((resolve) => setTimeout(resolve, 1500))
  const starting = performance.now()
  await postgres.start()
  const accepting = performance.now()
  await eventually('the API serves again', async () => ((await get(base, '/v1/projects?limit=100')).status === 200 ? true : undefined), { attempts: 3000, everyMs: 20 })
  const servedAgain = performance.now()
  await new Promise((resolve) => setTimeout(resolve, 1000))
  loading = false
  await load

  t.same(failures, [], 'no request was reset or hung')
  t.same(answers.map(({ path, answer }) => wrongAnswer(path, answer)).filter(Boolean), [], 'every request got 200, or 503 with Retry-After (problem+json WEGOV_UNAVAILABLE for the API)')

  // The figures (diagnostics, not assertions: the machine is shared).
  const unavailable = answers.filter(({ answer }) => answer.status === 503)
  const firstServedAfterStart = answers.find(({ at, answer }) => at > accepting && answer.status === 200)
  const ms = (value: number | undefined) => (value === undefined ? 'n/a' : `${Math.round(value)} ms`)
  t.comment(`load: ${answers.length} requests, ${unavailable.length} answered 503, ${acknowledged.length} signatures acknowledged`)
  t.comment(`503s answered from ${ms(unavailable[0] && unavailable[0].at - started)} to ${ms(unavailable.at(-1) && unavailable.at(-1)!.at - started)} (PostgreSQL stopping at ${ms(stopping - started)}, accepting again at ${ms(accepting - started)})`)
  t.comment(`API answered 503 for ${ms(unavailable.length ? unavailable.at(-1)!.at - unavailable[0]!.at : undefined)}; PostgreSQL was away ${ms(accepting - stopping)} (pg_ctl stop → pg_ctl start -w returned; start took ${ms(accepting - starting)})`)
  t.comment(`served again ${ms(servedAgain - accepting)} after PostgreSQL accepted connections (first 200 under load: ${ms(firstServedAfterStart && firstServedAfterStart.at - accepting)})`)

  const stored = new Set((await database.db.selectFrom('signatures').select('email').where('petition_id', '=', petition.id).execute()).map((row) => row.email))
  t.ok(acknowledged.length > 0, `${acknowledged.length} signatures acknowledged under load`)
  t.same(acknowledged.filter((email) => !stored.has(email)), [], 'every acknowledged signature is stored: none was lost in the outage')
  const retried = await signing(lostEmail, lostKey)
  t.equal(retried.status, 202, 'the signature refused during the outage, retried with its Idempotency-Key, is taken')

  await eventually('the maintenance jobs resumed', async () => (lines.some((line) => line.msg.startsWith('maintenance jobs resumed')) ? true : undefined), { attempts: 600 })
  t.ok(lines.some((line) => line.msg.startsWith('maintenance jobs postponed')), 'the jobs were postponed while PostgreSQL was away (logged)')
  t.pass('the maintenance jobs resumed by themselves')
  t.ok(lines.some((line) => line.msg === 'database connection lost'), 'the lost connections were logged')

  const admin = new pg.Client({ connectionString: postgres.url })
  await admin.connect()
  t.teardown(() => admin.end())
  await eventually('the LISTEN connection is back', async () => {
    const { rows } = await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name = 'wegov-listen'")
    return rows.length > 0 ? true : undefined
  })
  t.pass('the LISTEN connection reconnected by itself')
})

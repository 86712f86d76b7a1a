import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import t, { type Test } from 'tap'
import { Agent, request } from 'undici'

const SERVER = fileURLToPath(new URL('../src/server.ts', import.meta.url))
const CONNECTIONS = 4

/** The real server.ts in a child process, on PGlite in memory or in a schema of its own on PostgreSQL. */
async function startServer(t: Test): Promise<{ child: ChildProcess; url: string; output: string[] }> {
  const databaseUrl = process.env.DATABASE_URL
  const schema = `wegov_test_${randomBytes(6).toString('hex')}`
  if (databaseUrl) {
    t.teardown(async () => {
      const admin = new pg.Client({ connectionString: databaseUrl })
      await admin.connect()
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin.end()
    })
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl ?? 'memory://',
    ...(databaseUrl ? { WEGOV_DB_SCHEMA: schema } : {}),
    WEGOV_DEMO: '0',
    LOG_LEVEL: 'info',
    WEGOV_SHUTDOWN_GRACE_MS: '5000',
  }
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  const output: string[] = []
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')))
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      output.push(chunk.toString('utf8'))
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(buffered)
      if (listening) resolve(listening[1]!)
    })
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output.join('')}`)))
  })
  return { child, url, output }
}

t.test('SIGTERM under keep-alive load: every request gets a whole response, none a reset', async (t) => {
  const { child, url } = await startServer(t)
  // Generous client timeouts: a request left hanging fails the test instead of stalling it.
  const agent = new Agent({ connections: CONNECTIONS, pipelining: 1, headersTimeout: 30_000, bodyTimeout: 30_000 })
  t.teardown(() => agent.close())

  const answered: number[] = []
  const unavailable: Array<{ headers: Record<string, unknown>; body: { code?: string } }> = []
  const failures: string[] = []
  let signalled = false
  const exited = once(child, 'exit')

  /** Fires requests back to back on the shared keep-alive connections until it is itself answered 503. */
  async function client(): Promise<void> {
    for (;;) {
      try {
        const response = await request(`${url}/health/live`, { dispatcher: agent })
        const body = await response.body.text()
        answered.push(response.statusCode)
        if (response.statusCode === 503) {
          unavailable.push({ headers: response.headers, body: JSON.parse(body) })
          return
        }
      } catch (error) {
        const { code, message } = error as { code?: string; message?: string }
        failures.push(`${code}: ${message}${signalled ? ' (after SIGTERM)' : ''}`)
        return
      }
    }
  }
  const clients = Array.from({ length: CONNECTIONS }, () => client())
  // Every connection is open and busy before the signal.
  while (answered.length < 200 && failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
  signalled = true
  child.kill('SIGTERM')
  await Promise.all(clients)
  const [exitCode] = await exited

  t.same(failures, [], 'no connection reset, no socket error')
  t.equal(unavailable.length, CONNECTIONS, 'each connection was told, with a complete 503, that the server is going away')
  t.ok(answered.every((status) => status === 200 || status === 503), 'only 200 and 503')
  for (const { headers, body } of unavailable) {
    t.match(headers['content-type'], /^application\/problem\+json/)
    t.equal(headers.connection, 'close')
    t.ok(headers['retry-after'], 'Retry-After')
    t.equal(body.code, 'WEGOV_UNAVAILABLE')
  }
  t.equal(exitCode, 0, 'the server exits cleanly')
})

import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { deliverPendingMail } from '../src/mail/mail-plugin.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, mailbox, sign, signBody, writtenRows } from './helpers/petition-fixtures.js'
import { buildTestApp, openTestDatabase, testConfig } from './helpers/test-app.js'

/**
 * Absolute URLs come from WEGOV_PUBLIC_URL only: a Host or X-Forwarded-Host header the client writes
 * never ends up in an email link, a feed, the sitemap or a page's canonical link, and a Host WeGov does
 * not serve is refused with 421.
 */

const PUBLIC_URL = 'https://wegov.example.org'
const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)

/** A request over a real socket, with whatever Host header the test chooses. */
function rawRequest(app: FastifyInstance, path: string, headers: Record<string, string>, body?: unknown) {
  const { port } = app.server.address() as AddressInfo
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    request(
      { host: '127.0.0.1', port, path, method: payload ? 'POST' : 'GET', headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers } },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }))
      },
    )
      .on('error', reject)
      .end(payload)
  })
}

async function listening(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return (app.server.address() as AddressInfo).port
}

t.test('a signature sent with a foreign Host is refused with 421, and nothing is mailed', async (t) => {
  const app = await buildTestApp(t, { database, config: { ...PETITION_TEST_CONFIG, publicUrl: PUBLIC_URL } })
  const petition = await addPetition(app.db)
  for (const lang of ['en', 'fr', 'ar']) {
    const refused = await sign(app, petition.slug, signBody('victim@example.org'), { host: 'evil.example', 'accept-language': lang })
    t.equal(refused.statusCode, 421)
    t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(refused.json(), { code: 'WEGOV_MISDIRECTED_REQUEST', status: 421, lang })
    t.equal(refused.headers['cache-control'], 'no-store')
  }
  t.same(await writtenRows(app.db, petition.id), { signatures: 0, outbox: 0, counts: 0 }, 'no signature, no email')
  t.same(await mailbox(app, 'victim@example.org'), [])
})

t.test('email links use the configured public URL, whatever Host and X-Forwarded-Host say', async (t) => {
  const app = await buildTestApp(t, {
    database,
    config: { ...PETITION_TEST_CONFIG, publicUrl: `${PUBLIC_URL}/`, allowedHosts: ['localhost:80', 'wegov.internal'], trustProxy: 1 },
  })
  const petition = await addPetition(app.db)
  const headers = { host: 'wegov.internal:8080', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' }
  t.equal((await sign(app, petition.slug, signBody('salma@example.org'), headers)).statusCode, 202)
  const [mail] = await mailbox(app, 'salma@example.org')
  for (const link of [mail!.links.confirm, mail!.links.withdraw]) t.match(link, /^https:\/\/wegov\.example\.org\/signatures\/(confirm|withdraw)\?token=/)
  t.notMatch(mail!.html + mail!.text, /evil\.example|wegov\.internal/)
})

t.test('feeds, sitemap, robots.txt and pages never take their origin from the Host header', async (t) => {
  const app = await buildTestApp(t, { database, config: { publicUrl: PUBLIC_URL, allowedHosts: ['localhost:80', 'wegov.internal'], trustProxy: 1 } })
  const headers = { host: 'wegov.internal', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' }
  const reads = {
    feed: '/v1/resources/feed.json?lang=en',
    atom: '/v1/resources/feed.atom?lang=en',
    sitemap: '/sitemap.xml',
    robots: '/robots.txt',
    page: '/en/',
  }
  for (const [name, url] of Object.entries(reads)) {
    const res = await app.inject({ method: 'GET', url, headers })
    t.equal(res.statusCode, 200, name)
    t.match(res.body, PUBLIC_URL, `${name} names the public URL`)
    t.notMatch(res.body, /evil\.example|wegov\.internal|localhost/, `${name} names no request host`)
    const foreign = await app.inject({ method: 'GET', url, headers: { host: 'evil.example' } })
    t.equal(foreign.statusCode, 421, `${name}: a foreign Host gets no cached copy either`)
  }
  t.equal(JSON.parse((await app.inject({ method: 'GET', url: reads.feed, headers })).body).home_page_url, PUBLIC_URL)
  t.match((await app.inject({ method: 'GET', url: reads.page, headers })).body, `<link rel="canonical" href="${PUBLIC_URL}/en/">`)
})

t.test('outside production, the loopback names are answered on the port listened on, and links name it', async (t) => {
  // The development default: no WEGOV_PUBLIC_URL, PORT=0.
  const config = { ...testConfig(PETITION_TEST_CONFIG), publicUrl: loadConfig({ PORT: '0' }).publicUrl, allowedHosts: [] }
  t.equal(config.publicUrl, 'http://localhost:0')
  const app = await buildApp({ config, database, logger: false })
  t.teardown(() => app.close())
  const port = await listening(app)
  t.equal(app.publicOrigin.url, `http://localhost:${port}`)
  for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
    t.equal((await rawRequest(app, '/v1/vocabularies', { host })).status, 200, host)
  }
  for (const host of [`evil.example:${port}`, `localhost:${port + 1}`, 'localhost', `127.0.0.2:${port}`, 'not a host']) {
    const res = await rawRequest(app, '/v1/vocabularies', { host })
    t.equal(res.status, 421, host)
    t.equal(JSON.parse(res.body).code, 'WEGOV_MISDIRECTED_REQUEST')
  }
  const petition = await addPetition(app.db)
  const signed = await rawRequest(app, `/v1/petitions/${petition.slug}/signatures`, { host: `127.0.0.1:${port}` }, signBody('yasmine@example.org'))
  t.equal(signed.status, 202)
  await deliverPendingMail(app)
  const [mail] = JSON.parse((await rawRequest(app, '/dev/mailbox?to=yasmine%40example.org', { host: `localhost:${port}` })).body).items
  t.match(mail.links.confirm, new RegExp(`^http://localhost:${port}/signatures/confirm\\?token=`))
})

t.test('in production only the public URL and WEGOV_ALLOWED_HOSTS are answered (health probes aside)', async (t) => {
  const config = testConfig({ production: true, publicUrl: PUBLIC_URL, allowedHosts: ['wegov.internal:3000'] })
  const app = await buildApp({ config, database, logger: false })
  t.teardown(() => app.close())
  const port = await listening(app)
  t.equal((await rawRequest(app, '/v1/vocabularies', { host: 'wegov.example.org' })).status, 200)
  t.equal((await rawRequest(app, '/v1/vocabularies', { host: 'wegov.example.org:443' })).status, 200)
  t.equal((await rawRequest(app, '/v1/vocabularies', { host: 'wegov.internal:3000' })).status, 200)
  t.equal((await rawRequest(app, '/v1/vocabularies', { host: 'wegov.internal:3001' })).status, 421)
  t.equal((await rawRequest(app, '/v1/vocabularies', { host: `127.0.0.1:${port}` })).status, 421, 'no loopback default in production')
  t.equal((await rawRequest(app, '/health/ready', { host: `10.0.0.7:${port}` })).status, 200, 'an orchestrator probes by address')
})

t.test('configuration: production needs WEGOV_PUBLIC_URL, and only an http(s) URL is taken', async (t) => {
  t.throws(() => loadConfig({ NODE_ENV: 'production' }), /WEGOV_PUBLIC_URL is required in production/)
  t.equal(loadConfig({ NODE_ENV: 'production', WEGOV_PUBLIC_URL: 'https://wegov.example.org/' }).publicUrl, 'https://wegov.example.org')
  t.equal(loadConfig({ WEGOV_PUBLIC_URL: 'https://example.org/wegov/' }).publicUrl, 'https://example.org/wegov')
  t.equal(loadConfig({ PORT: '8080' }).publicUrl, 'http://localhost:8080')
  for (const bad of ['wegov.example.org', 'ftp://wegov.example.org', 'https://wegov.example.org/?a=1']) {
    t.throws(() => loadConfig({ WEGOV_PUBLIC_URL: bad }), /WEGOV_PUBLIC_URL/, bad)
  }
  t.same(loadConfig({ WEGOV_ALLOWED_HOSTS: ' WeGov.Internal , api.example.org:8443 ' }).allowedHosts, ['wegov.internal', 'api.example.org:8443'])
})

t.test('the server refuses to start in production without WEGOV_PUBLIC_URL', async (t) => {
  const server = fileURLToPath(new URL('../src/server.ts', import.meta.url))
  const { WEGOV_PUBLIC_URL: _unset, ...env } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', server], {
    env: { ...env, NODE_ENV: 'production', DATABASE_URL: 'memory://', PORT: '0', HOST: '127.0.0.1', WEGOV_PARTNER_PORT: 'off' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const [code] = await once(child, 'exit')
  clearTimeout(timer)
  t.not(code, 0, 'it exits with an error')
  t.match(stderr, /WEGOV_PUBLIC_URL is required in production/)
})

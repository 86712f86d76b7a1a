import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import t from 'tap'
import { deleteContent } from '../src/content/content-store.js'
import { addProject, addResource, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { buildApp } from '../src/app.js'
import { DIALECT, buildTestApp, openTestDatabase, testConfig } from './helpers/test-app.js'
import { eventuallyTrue } from './helpers/eventually-true.js'

const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })

t.test('HTTP caching and CORS on public reads', async (t) => {
  const app = await buildTestApp(t)
  await createFixtureOrganisations(app.db)
  const project = await addProject(app.db, { title: { fr: 'Projet mis en cache', en: 'Cached project' } })
  const resource = await addResource(app.db, { title: { fr: 'Ressource mise en cache' } })

  const urls = [
    '/v1/projects',
    `/v1/projects/${project.slug}`,
    '/v1/resources?kind=article',
    `/v1/resources/${resource.id}`,
    '/v1/resources/feed.json',
    '/v1/resources/feed.atom',
    '/v1/resources/webinars.ics',
    '/v1/deletions',
    '/v1/vocabularies?lang=ar',
  ]

  t.test('ETag, If-None-Match and Cache-Control on every read', async (t) => {
    for (const url of urls) {
      const first = await get(app, url)
      t.equal(first.statusCode, 200, url)
      const etag = first.headers.etag
      t.match(etag, /^"[\w-]+"$/, `${url} has an ETag`)
      t.match(first.headers['cache-control'], /^public, max-age=\d+/, `${url} is cacheable`)
      t.match(first.headers.vary, /Accept-Language/)
      const again = await get(app, url)
      t.equal(again.headers.etag, etag, `${url}: same content, same ETag`)
      const notModified = await get(app, url, { 'if-none-match': String(etag) })
      t.equal(notModified.statusCode, 304, `${url} answers 304 to a matching If-None-Match`)
      t.equal(notModified.body, '')
      t.equal(notModified.headers.etag, etag)
      const stale = await get(app, url, { 'if-none-match': '"something-else"' })
      t.equal(stale.statusCode, 200)
    }
  })

  t.test('large reads are sent gzipped to clients that accept it, and say so', async (t) => {
    let gzipped = 0
    for (const url of urls) {
      const plain = await get(app, url)
      const zipped = await get(app, url, { 'accept-encoding': 'gzip, deflate' })
      t.equal(zipped.statusCode, 200, url)
      t.match(zipped.headers.vary, /Accept-Encoding/, `${url} varies on Accept-Encoding`)
      if (plain.rawPayload.length >= 1024) {
        t.not(zipped.headers.etag, plain.headers.etag, `${url}: the gzipped representation has its own ETag`)
        const notModified = await get(app, url, { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers.etag) })
        t.equal(notModified.statusCode, 304, `${url}: 304 for the gzipped representation`)
        t.equal(zipped.headers['content-encoding'], 'gzip', `${url} is gzipped`)
        gzipped++
        t.ok(zipped.rawPayload.length < plain.rawPayload.length, `${url} is smaller gzipped`)
        t.equal(gunzipSync(zipped.rawPayload).toString('utf8'), plain.body, `${url} unzips to the same body`)
      } else {
        t.equal(zipped.headers['content-encoding'], undefined, `${url} is too small to gzip`)
      }
      t.equal(plain.headers['content-encoding'], undefined, `${url} is plain without Accept-Encoding`)
    }
    t.ok(gzipped > 0, 'at least one read was large enough to gzip')
  })

  t.test('a popular large read is sent in brotli once compressed, to clients that accept it', async (t) => {
    // Not read by the tests above, so its first compressed reply really is its first.
    const url = '/v1/vocabularies?lang=fr'
    const plain = await get(app, url)
    t.ok(plain.rawPayload.length >= 1024, 'large enough to compress')
    const first = await get(app, url, { 'accept-encoding': 'gzip, deflate, br' })
    t.equal(first.headers['content-encoding'], 'gzip', 'gzip until brotli is ready: it is made off the request path')
    let brotli = first
    t.ok(
      await eventuallyTrue(async () => {
        brotli = await get(app, url, { 'accept-encoding': 'gzip, deflate, br' })
        return brotli.headers['content-encoding'] === 'br'
      }),
      'read again, it comes in brotli',
    )
    t.equal(brotliDecompressSync(brotli.rawPayload).toString('utf8'), plain.body, 'it decompresses to the same body')
    t.ok(brotli.rawPayload.length < first.rawPayload.length, `smaller than gzip (${brotli.rawPayload.length} < ${first.rawPayload.length} bytes)`)
    t.match(brotli.headers.etag, /-br"$/, 'its own ETag')
    t.not(brotli.headers.etag, first.headers.etag)
    const notModified = await get(app, url, { 'accept-encoding': 'br', 'if-none-match': String(brotli.headers.etag) })
    t.equal(notModified.statusCode, 304, '304 for the brotli representation')

    const encodingFor = async (acceptEncoding: string) => (await get(app, url, { 'accept-encoding': acceptEncoding })).headers['content-encoding']
    t.equal(await encodingFor('gzip, br;q=0'), 'gzip', 'br;q=0 refuses brotli')
    t.equal(await encodingFor('br;q=0, gzip;q=0'), undefined, 'both refused: plain')
    t.equal(await encodingFor('*'), 'br', '* accepts any coding')
    t.equal(await encodingFor('br;q=0, *'), 'gzip', '* does not undo an explicit refusal')
    t.equal(await encodingFor('identity'), undefined)
  })

  t.test('each language has its own representation', async (t) => {
    const fr = await get(app, `/v1/projects/${project.slug}?lang=fr`)
    const en = await get(app, `/v1/projects/${project.slug}`, { 'accept-language': 'en' })
    t.equal(fr.json().title.text, 'Projet mis en cache')
    t.equal(en.json().title.text, 'Cached project')
    t.not(fr.headers.etag, en.headers.etag)
    t.equal(en.headers['content-language'], 'en')
  })

  t.test('CORS: any site may read', async (t) => {
    const res = await get(app, '/v1/resources', { origin: 'https://partner.example.tn' })
    t.equal(res.statusCode, 200)
    t.equal(res.headers['access-control-allow-origin'], '*')
    t.match(res.headers['access-control-expose-headers'], /ETag/)
    t.equal(res.headers['cross-origin-resource-policy'], 'cross-origin')
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/projects',
      headers: { origin: 'https://partner.example.tn', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    })
    t.equal(preflight.statusCode, 204)
    t.equal(preflight.headers['access-control-allow-origin'], '*')
    const withKey = await app.inject({
      method: 'OPTIONS',
      url: '/v1/petitions',
      headers: { origin: 'https://partner.example.tn', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, idempotency-key, content-type' },
    })
    t.match(withKey.headers['access-control-allow-headers'], /Authorization/, 'an SDK client with an apiKey may call from a browser')
    t.match(withKey.headers['access-control-allow-headers'], /Idempotency-Key/)
  })

  t.test('a hit (answered before the handler) carries every header the first reply had', async (t) => {
    const url = '/v1/projects?lang=ar&limit=5'
    const headers = { origin: 'https://partner.example.ps', 'accept-encoding': 'gzip' }
    const first = await get(app, url, headers)
    const hit = await get(app, url, headers)
    const comparable = (h: Record<string, unknown>) => {
      const { date: _date, 'x-request-id': _id, ...rest } = h
      return rest
    }
    t.same(comparable(hit.headers), comparable(first.headers))
    t.equal(hit.body, first.body)
    t.match(hit.headers['x-request-id'], /^[\w-]+$/, 'a hit still gets its own request id')
    t.not(hit.headers['x-request-id'], first.headers['x-request-id'])
  })

  t.test('JSON gets the API security headers; pages keep the full document set', async (t) => {
    const json = await get(app, '/v1/projects')
    t.equal(json.headers['x-content-type-options'], 'nosniff')
    t.equal(json.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'", 'a JSON reply can never run or be framed')
    t.match(json.headers['strict-transport-security'], /max-age=\d+/)
    t.equal(json.headers['cross-origin-resource-policy'], 'cross-origin')
    t.equal(json.headers['x-dns-prefetch-control'], undefined, 'no document-only headers on JSON')
    const problem = await get(app, '/v1/projects?limit=500')
    t.equal(problem.statusCode, 400)
    t.equal(problem.headers['x-content-type-options'], 'nosniff', 'errors too')
    const unknown = await get(app, '/v1/no-such-thing')
    t.equal(unknown.statusCode, 404)
    t.equal(unknown.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'", 'a 404 under /v1 is JSON too')
    t.equal(unknown.headers['x-dns-prefetch-control'], undefined)
    t.match(unknown.headers['x-request-id'], /^[\w-]+$/, 'errors carry the request id')
    const page = await get(app, '/docs/')
    t.equal(page.statusCode, 200)
    t.equal(page.headers['x-frame-options'], 'SAMEORIGIN', 'HTML keeps helmet’s headers')
    t.equal(page.headers['x-content-type-options'], 'nosniff')
  })

  t.test('a write to the database invalidates cached reads', async (t) => {
    const before = await get(app, '/v1/projects?country=LY')
    t.same(before.json().items, [], 'cached: no Libyan project yet')
    const etag = String(before.headers.etag)
    const added = await addProject(app.db, { slug: 'libyan-project', countries: ['LY'] })
    const appeared = await eventuallyTrue(async () => {
      const res = await get(app, '/v1/projects?country=LY', { 'if-none-match': etag })
      return res.statusCode === 200 && res.json().items.some((p: { slug: string }) => p.slug === added.slug)
    })
    t.ok(appeared, 'the new project appears in the cached list')

    t.equal((await get(app, `/v1/projects/${added.slug}`)).statusCode, 200)
    await deleteContent(app.db, 'project', added.id)
    t.ok(await eventuallyTrue(async () => (await get(app, `/v1/projects/${added.slug}`)).statusCode === 410), 'a deletion turns the cached detail into 410')
  })
})

t.test('a hit is logged like any other reply, under its own request id', async (t) => {
  const lines: { msg: string; reqId: string; res?: { statusCode: number } }[] = []
  const stream = { write: (line: string) => lines.push(JSON.parse(line)) }
  const app = await buildApp({ config: testConfig(), database: await openTestDatabase(t), logger: { level: 'info', stream } })
  t.teardown(() => app.close())
  const url = '/v1/projects?lang=fr'
  const replies = [await get(app, url), await get(app, url), await get(app, url, { 'x-request-id': 'from-the-proxy.42' })]
  t.equal(replies[2]!.headers['x-request-id'], 'from-the-proxy.42', 'a proxy’s id is kept on a hit')
  t.equal(replies[1]!.headers.etag, replies[0]!.headers.etag)
  for (const reply of replies) {
    const completed = lines.find((line) => line.msg === 'request completed' && line.reqId === reply.headers['x-request-id'])
    t.equal(completed?.res?.statusCode, 200, `request ${reply.headers['x-request-id']} is logged as completed`)
  }
})

t.test('caches stay correct when the LISTEN connection is cut: cleared at once, and notified again after it comes back', { skip: DIALECT === 'pglite' && 'PGlite notifies in-process: there is no connection to lose' }, async (t) => {
  const app = await buildTestApp(t)
  await createFixtureOrganisations(app.db)
  const listed = async () => ((await get(app, '/v1/projects?country=JO')).json().items as { slug: string }[]).map((p) => p.slug)
  t.same(await listed(), [], 'cached: no Jordanian project yet')

  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(app.db)
  const cut = await sql<{ cut: boolean }>`
    select pg_terminate_backend(pid) as cut from pg_stat_activity where application_name = ${`wegov-listen:${rows[0]!.schema}`}`.execute(app.db)
  t.same(cut.rows, [{ cut: true }], 'this app’s one LISTEN connection was cut')

  // Written while nobody listens: only the "missed" signal can make it appear.
  await addProject(app.db, { slug: 'written-while-deaf', countries: ['JO'] })
  t.ok(await eventuallyTrue(async () => (await listed()).includes('written-while-deaf')), 'what was written while disconnected appears')
  const relistening = await eventuallyTrue(async () => {
    const active = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = ${`wegov-listen:${rows[0]!.schema}`}`.execute(app.db)
    return active.rows[0]!.n === 1
  })
  t.ok(relistening, 'the listener reconnected')
  await listed()
  await addProject(app.db, { slug: 'written-after-reconnect', countries: ['JO'] })
  t.ok(await eventuallyTrue(async () => (await listed()).includes('written-after-reconnect')), 'notifications flow again after the reconnection')
})

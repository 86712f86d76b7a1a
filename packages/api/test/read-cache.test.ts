import Fastify, { type FastifyInstance } from 'fastify'
import t from 'tap'
import { ReadCache } from '../src/http/read-cache.js'

/**
 * The read cache on a bare Fastify app: hits replay the headers the other onRequest hooks gave the reply
 * they were built for, unless those hooks said (with Vary) that their headers depend on the request.
 */
function appWith(hook: (origin: string | undefined) => Record<string, string>): { app: FastifyInstance; hookRuns: () => number } {
  const cache = new ReadCache({ ttlSeconds: 60 })
  const app = Fastify({ logger: false })
  let runs = 0
  app.addHook('onRequest', (request, reply, done) => {
    if (!cache.serveHit(request, reply)) done()
  })
  app.addHook('onRequest', (request, reply, done) => {
    runs++
    reply.headers(hook(request.headers.origin))
    done()
  })
  app.get('/v1/items', (request, reply) => cache.reply(request, reply, async () => ({ items: ['un', 'deux'] })))
  return { app, hookRuns: () => runs }
}

const get = (app: FastifyInstance, origin: string) => app.inject({ method: 'GET', url: '/v1/items?lang=fr', headers: { origin } })

t.test('headers that do not depend on the request are replayed on a hit, without running the hook again', async (t) => {
  const { app, hookRuns } = appWith(() => ({ 'access-control-allow-origin': '*', 'x-content-type-options': 'nosniff' }))
  t.teardown(() => app.close())
  const first = await get(app, 'https://a.example')
  const hit = await get(app, 'https://b.example')
  t.equal(hit.headers['access-control-allow-origin'], '*')
  t.equal(hit.headers['x-content-type-options'], 'nosniff')
  t.equal(hit.headers.etag, first.headers.etag)
  t.equal(hit.body, first.body)
  t.equal(hookRuns(), 1, 'the hit was answered before the hook')
})

t.test('headers a hook says depend on the request (Vary) are made anew for every hit', async (t) => {
  const { app, hookRuns } = appWith((origin) => ({ 'access-control-allow-origin': origin ?? '*', vary: 'Origin' }))
  t.teardown(() => app.close())
  const first = await get(app, 'https://a.example')
  const hit = await get(app, 'https://b.example')
  t.equal(first.headers['access-control-allow-origin'], 'https://a.example')
  t.equal(hit.headers['access-control-allow-origin'], 'https://b.example', 'not the first reader’s origin')
  t.equal(hit.headers.vary, 'Origin, Accept-Language, Accept-Encoding', 'the hook’s Vary is kept, with the cache’s own')
  t.equal(hit.headers.etag, first.headers.etag, 'still served from the cache')
  t.equal(hookRuns(), 2)
})

t.test('tags: forget drops the entries with any of the tags, keeps the others, and never stores a build it overtook', async (t) => {
  const cache = new ReadCache({ ttlSeconds: 60 })
  const app = Fastify({ logger: false })
  t.teardown(() => app.close())
  let gate: Promise<void> = Promise.resolve()
  const builds: Record<string, number> = {}
  app.get('/v1/things/:id', (request, reply) => {
    const { id } = request.params as { id: string }
    return cache.reply(request, reply, async () => {
      builds[id] = (builds[id] ?? 0) + 1
      await gate
      return { id, version: builds[id] }
    }, { tags: (body) => [`thing:${(body as { id: string }).id}`] })
  })
  app.get('/v1/things', (request, reply) => cache.reply(request, reply, async () => ({ items: [] }), { tags: ['things'] }))
  const get = (url: string) => app.inject({ method: 'GET', url: `${url}?lang=fr` })

  await get('/v1/things/a')
  await get('/v1/things/b')
  await get('/v1/things')
  t.equal(cache.size, 3)
  cache.forget('thing:a', 'things')
  t.notOk(cache.has('fr', '/v1/things/a?lang=fr'), 'the item is forgotten')
  t.notOk(cache.has('fr', '/v1/things?lang=fr'), 'so is the list')
  t.ok(cache.has('fr', '/v1/things/b?lang=fr'), 'another item is kept')
  t.equal((await get('/v1/things/b')).json().version, 1, 'and answered from the cache')

  let release: () => void = () => {}
  gate = new Promise((resolve) => (release = resolve))
  const slowA = get('/v1/things/a')
  const slowB = get('/v1/things/b2')
  await new Promise((resolve) => setTimeout(resolve, 10))
  cache.forget('thing:a')
  release()
  await Promise.all([slowA, slowB])
  t.notOk(cache.has('fr', '/v1/things/a?lang=fr'), 'a build that started before its tag was forgotten is not stored')
  t.ok(cache.has('fr', '/v1/things/b2?lang=fr'), 'a build of another tag is')
})

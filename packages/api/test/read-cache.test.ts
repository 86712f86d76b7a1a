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

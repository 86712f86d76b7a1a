import Fastify from 'fastify'
import t from 'tap'
import { portalPlugin } from '../../../examples/portal/server/portal-plugin.js'
import { loadDemoContent } from '../src/demo/load-demo.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/**
 * The portal deployed apart from the API: its own Fastify, reading an API-only WeGov over HTTP through the
 * SDK, as a partner's site would. Same pages, same links, its own public URL in canonical links.
 */
t.test('the portal on a server of its own reads the API over HTTP', async (t) => {
  const database = await openTestDatabase(t)
  await loadDemoContent(database.db)
  const api = await buildTestApp(t, { database, portal: false, config: { allowedHosts: ['localhost:80', '127.0.0.1'] } })
  const apiUrl = await api.listen({ port: 0, host: '127.0.0.1' })

  const portal = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } })
  t.teardown(() => portal.close())
  await portal.register(portalPlugin, { api: apiUrl, publicUrl: 'https://portal.example.org', files: false })
  await portal.ready()

  const organisations = (await api.inject({ method: 'GET', url: '/v1/organisations?limit=100' })).json() as { items: { slug: string }[] }
  const directory = await portal.inject({ method: 'GET', url: '/en/organisations' })
  t.equal(directory.statusCode, 200)
  for (const { slug } of organisations.items) t.match(directory.body, `href="/en/organisations/${slug}"`, `${slug} listed`)
  t.match(directory.body, '<link rel="canonical" href="https://portal.example.org/en/organisations">', 'its own public URL')

  const projects = (await api.inject({ method: 'GET', url: '/v1/projects?limit=1&lang=fr' })).json() as { items: { slug: string; title: { text: string } }[] }
  const project = projects.items[0]!
  const page = await portal.inject({ method: 'GET', url: `/fr/projects/${project.slug}` })
  t.equal(page.statusCode, 200)
  t.match(page.body, '"@type":"Project"', 'with its JSON-LD')

  t.equal((await portal.inject({ method: 'GET', url: '/fr/projects/no-such-project' })).statusCode, 404, 'an unknown item is the 404 page')
  const sitemap = await portal.inject({ method: 'GET', url: '/sitemap.xml' })
  t.match(sitemap.body, `<loc>https://portal.example.org/ar/projects/${project.slug}</loc>`, 'the sitemap, read over HTTP')
})

import t from 'tap'
import { addProject, createFixtureOrganisations } from '../../api/test/helpers/content-fixtures.js'
import { createClient } from '../src/index.js'
import { startApi, startScriptedServer, sendJson } from './helpers/servers.js'

t.test('lists follow nextCursor across pages of the real API', async (t) => {
  const { app, baseUrl } = await startApi(t)
  await createFixtureOrganisations(app.db)
  const slugs: string[] = []
  for (let i = 1; i <= 7; i++) slugs.push((await addProject(app.db, { slug: `tn-project-${i}`, countries: ['TN'] })).slug)
  await addProject(app.db, { slug: 'jo-project', countries: ['JO'] })
  const wegov = createClient({ baseUrl })
  const tunisian = () => wegov.projects.list({ country: 'TN', limit: 3 })

  t.test('awaiting gives the first page only', async (t) => {
    const first = await tunisian()
    t.equal(first.items.length, 3)
    t.type(first.nextCursor, 'string')
  })

  t.test('for await gives every item once, in the API order, over three pages', async (t) => {
    const seen: string[] = []
    for await (const project of tunisian()) seen.push(project.slug)
    t.same([...seen].sort(), [...slugs].sort())
    t.same(seen.slice(0, 3), (await tunisian()).items.map((p) => p.slug))
  })

  t.test('pages() yields each page with its cursor, the last one without', async (t) => {
    const sizes: number[] = []
    const cursors: (string | null)[] = []
    for await (const page of tunisian().pages()) {
      sizes.push(page.items.length)
      cursors.push(page.nextCursor)
    }
    t.same(sizes, [3, 3, 1])
    t.equal(cursors.at(-1), null)
    t.equal(new Set(cursors).size, 3)
  })

  t.test('collect(n) stops at n, and collect() takes everything', async (t) => {
    t.equal((await tunisian().collect(5)).length, 5)
    t.equal((await tunisian().collect(0)).length, 0)
    t.equal((await tunisian().collect()).length, 7)
    t.equal((await wegov.projects.list().collect(100)).length, 8)
  })

  t.test('a call awaited and then iterated reuses its first page', async (t) => {
    const call = tunisian()
    const first = await call
    const all = await call.collect()
    t.same(all.slice(0, 3), first.items)
    t.equal(all.length, 7)
  })
})

t.test('requests are sent only when a list is awaited or iterated, and stop on a repeated cursor', async (t) => {
  const server = await startScriptedServer(t, (request, response) => {
    // A broken server that hands out the same cursor again must not make the iterator loop forever.
    sendJson(response, 200, { items: [{ slug: request.url }], nextCursor: 'same' })
  })
  const wegov = createClient({ baseUrl: server.url })
  const call = wegov.projects.list({ country: 'TN' })
  t.equal(server.received.length, 0)
  const items = await call.collect()
  t.same(
    server.received.map((request) => request.url),
    ['/v1/projects?country=TN', '/v1/projects?country=TN&cursor=same'],
  )
  t.equal(items.length, 2)
})

import t from 'tap'
import { createClient, createTransport, getPetitionCount, projectsPage } from '../src/index.js'
import { sendJson, startScriptedServer } from './helpers/servers.js'

t.test('what goes on the wire', async (t) => {
  const server = await startScriptedServer(t, (_request, response) => sendJson(response, 200, { items: [], nextCursor: null }))

  t.test('reads carry the language as ?lang= and no custom header, so browsers send no preflight', async (t) => {
    const wegov = createClient({ baseUrl: `${server.url}/`, lang: 'ar' })
    await wegov.projects.list({ country: 'TN', theme: 'youth' })
    await wegov.projects.get('a/b', { lang: 'en' })
    await createClient({ baseUrl: server.url }).vocabularies.get()
    const [list, get, bare] = server.received.splice(0)
    t.equal(list!.url, '/v1/projects?lang=ar&country=TN&theme=youth')
    t.equal(get!.url, '/v1/projects/a%2Fb?lang=en', 'an id or slug stays one path segment')
    t.equal(bare!.url, '/v1/vocabularies', 'no language: the API negotiates Accept-Language')
    t.same(Object.keys(list!.headers).filter((h) => ['authorization', 'content-type', 'idempotency-key'].includes(h)), [])
  })

  t.test('an apiKey is sent as a bearer token', async (t) => {
    await createClient({ baseUrl: server.url, apiKey: 'partner-key' }).organisations.list()
    t.equal(server.received.splice(0)[0]!.headers.authorization, 'Bearer partner-key')
  })

  t.test('a fetch given to the client is the one used', async (t) => {
    const seen: string[] = []
    const wegov = createClient({
      baseUrl: server.url,
      fetch: (input, init) => {
        seen.push(String(input))
        return fetch(input, init)
      },
    })
    await wegov.petitions.count('clean-water')
    t.same(seen, [`${server.url}/v1/petitions/clean-water/count`])
  })

  t.test('a fresh read asks to revalidate past the HTTP cache; other reads leave the cache alone', async (t) => {
    const modes: (RequestCache | undefined)[] = []
    const transport = createTransport({
      baseUrl: server.url,
      fetch: (input, init) => {
        modes.push(init?.cache)
        return fetch(input, init)
      },
    })
    await getPetitionCount(transport, 'clean-water', { fresh: true })
    await getPetitionCount(transport, 'clean-water')
    t.same(modes, ['no-cache', undefined])
    const [fresh] = server.received.splice(0)
    t.equal(fresh!.url, '/v1/petitions/clean-water/count', 'nothing added to the URL')
  })

  t.test('each call also stands alone, as a function of a transport, and sends the same request', async (t) => {
    server.received.splice(0)
    const transport = createTransport({ baseUrl: server.url, lang: 'fr' })
    await projectsPage(transport, { country: 'TN', cursor: 'abc' })
    await getPetitionCount(transport, 'a/b', { lang: 'ar' })
    await createClient({ baseUrl: server.url, lang: 'fr' }).projects.list({ country: 'TN' })
    const [page, count, fromClient] = server.received.splice(0)
    t.equal(page!.url, '/v1/projects?lang=fr&country=TN&cursor=abc')
    t.equal(count!.url, '/v1/petitions/a%2Fb/count?lang=ar')
    t.equal(fromClient!.url, '/v1/projects?lang=fr&country=TN')
  })
})

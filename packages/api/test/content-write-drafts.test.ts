import t from 'tap'
import { MERGE_PATCH, buildWritersApp, projectBody, resourceBody } from './helpers/content-writers.js'

/**
 * A draft never appears in a public response: every public GET (API lists, items, searches, feeds, the
 * sitemap, every portal page in three languages) is crawled for its unique title; once published, it appears.
 */

const TOKEN = 'zqxwvdraft'

t.test('drafts stay private until published', async (t) => {
  const { ngo, writers } = await buildWritersApp(t, { publicUrl: 'http://localhost' })
  const anonymous = (url: string) => writers.anonymous.request('GET', url)
  // A published neighbour of each type, so that lists and the sitemap have items to show.
  await writers.editor.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody({ state: 'published', title: { ar: 'مشروع منشور', fr: 'Projet publié' } }) })
  await writers.editor.request('POST', `/v1/organisations/${ngo}/resources`, { payload: resourceBody({ state: 'published', title: { fr: 'Guide publié' } }) })
  const project = await writers.editor.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody({ title: { ar: `مسودة ${TOKEN}`, fr: `Brouillon ${TOKEN}` } }) })
  const resource = await writers.editor.request('POST', `/v1/organisations/${ngo}/resources`, { payload: resourceBody({ title: { fr: `Guide ${TOKEN}` } }) })
  const draftProject = project.json()
  const draftResource = resource.json()

  /** Every public address: the API's, the sitemap's (every portal page in every language), and the drafts' own. */
  const publicUrls = async () => {
    const sitemap = (await anonymous('/sitemap.xml')).body
    const pages = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>|href="([^"]+)"/g)].map((m) => new URL((m[1] ?? m[2])!.replaceAll('&amp;', '&')).pathname)
    const itemPages = pages.flatMap((path) => [
      path.replace(/projet-publie|mshrwa-mnshwr/, draftProject.slug),
      path.replace('guide-publie', draftResource.slug),
    ])
    const api = ['/v1/projects', `/v1/projects?q=${TOKEN}`, '/v1/resources', `/v1/resources?q=${TOKEN}`, '/v1/resources?collection=library',
      '/v1/resources/feed.json', '/v1/resources/feed.atom', '/v1/deletions', '/v1/organisations', `/v1/projects?organisation=jamiyat-al-hawkama`]
    for (const lang of ['ar', 'fr', 'en']) api.push(`/v1/projects/${draftProject.slug}?lang=${lang}`, `/v1/projects/${draftProject.id}?lang=${lang}`, `/v1/resources/${draftResource.slug}?lang=${lang}`, `/v1/resources/${draftResource.id}?lang=${lang}`)
    return [...new Set([...api, ...pages, ...itemPages, '/', '/ar/', '/fr/', '/en/'])]
  }

  const urls = await publicUrls()
  t.ok(urls.length > 40, `${urls.length} addresses crawled`)
  // A 404 names the address asked for (`instance`): that echo is the asker's own text, not the draft.
  const shows = (url: string, body: string) => body.replaceAll(url, '').includes(TOKEN)
  for (const url of urls) {
    const res = await anonymous(url)
    if (shows(url, res.body)) t.fail(`${url} shows the draft`)
    if (!url.includes('?q=') && (url.includes(TOKEN) || url.includes(draftProject.id) || url.includes(draftResource.id))) t.equal(res.statusCode, 404, `${url} is 404`)
  }
  t.pass('no public address shows a draft')

  t.equal((await writers.citizen.request('GET', `/v1/projects/${draftProject.id}`)).statusCode, 404, 'a stranger signed in gets 404')
  t.equal((await writers.otherKey.request('GET', `/v1/resources/${draftResource.slug}`)).statusCode, 404, 'another organisation’s key gets 404')
  t.equal((await anonymous('/v1/projects?state=draft&organisation=jamiyat-al-hawkama')).statusCode, 401)
  t.equal((await writers.citizen.request('GET', '/v1/projects?state=draft&organisation=jamiyat-al-hawkama')).statusCode, 403)
  const own = await writers.editor.request('GET', `/v1/projects/${draftProject.id}`)
  t.equal(own.statusCode, 200, 'its editor reads it through the same endpoint')
  t.equal(own.json().state, 'draft')
  t.equal(own.headers['cache-control'], 'private, no-store')
  const list = await writers.key.request('GET', '/v1/resources?state=draft&organisation=jamiyat-al-hawkama')
  t.same(list.json().items.map((r: { id: string }) => r.id), [draftResource.id])
  t.equal(list.headers['cache-control'], 'private, no-store')
  t.equal((await anonymous(`/v1/projects/${draftProject.id}`)).statusCode, 404, 'and anonymous still 404 after an editor read it (not cached)')

  await writers.editor.request('PATCH', `/v1/projects/${draftProject.id}`, { payload: { state: 'published' }, headers: { ...MERGE_PATCH, 'if-match': project.headers.etag as string } })
  await writers.editor.request('PATCH', `/v1/resources/${draftResource.id}`, { payload: { state: 'published' }, headers: { ...MERGE_PATCH, 'if-match': resource.headers.etag as string } })
  const seen = new Set<string>()
  for (const url of await publicUrls()) if (shows(url, (await anonymous(url)).body)) seen.add(url)
  for (const url of ['/v1/projects', `/v1/projects?q=${TOKEN}`, '/v1/resources/feed.json', `/v1/projects/${draftProject.slug}?lang=fr`, `/v1/resources/${draftResource.id}?lang=fr`]) {
    t.ok(seen.has(url), `published: ${url} shows it`)
  }
  t.ok([...seen].some((url) => url.startsWith('/fr/') && url.includes(draftProject.slug)), 'its portal page shows it')
  t.ok((await anonymous('/sitemap.xml')).body.includes(draftProject.slug), 'the sitemap lists it')
})

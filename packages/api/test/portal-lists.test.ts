import t from 'tap'
import { loadDemoContent } from '../src/demo/load-demo.js'
import { addProject, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/**
 * The Projects, Learning and Library pages without JavaScript: the first page of each list is in the
 * HTML the server sends, with a plain GET form for the filters and real links to the next pages, so a
 * crawler following links reaches every item the API lists.
 */

const ORIGIN = 'https://wegov.example.org'

function nextLink(html: string): string | undefined {
  return html.match(/<a rel="next" href="([^"]+)">/)?.[1]?.replace(/&amp;/g, '&')
}

function itemLinks(html: string, collection: 'projects' | 'resources', lang = 'fr'): string[] {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
  // A card title carries its text's lang and dir when they differ from the page's.
  return [...main.matchAll(new RegExp(`<h2 class="card__title"[^>]*><a href="/${lang}/${collection}/([a-z0-9-]+)">`, 'g'))].map((m) => m[1]!)
}

t.test('the list pages on the demo content', async (t) => {
  const database = await openTestDatabase(t)
  await loadDemoContent(database.db)
  // More than a page of projects in one country, so that a filtered list has a next page too.
  await createFixtureOrganisations(database.db)
  for (let i = 0; i < 12; i++) await addProject(database.db, { countries: ['MA'], title: { fr: `Projet marocain ${i}` } })
  const app = await buildTestApp(t, { database, config: { publicUrl: ORIGIN } })
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })
  const api = async (url: string) => ((await get(url)).json() as { items: { slug: string }[] }).items.map((item) => item.slug)

  /** Follows the rel=next links from a list page; every page is a 200 with its own items. */
  async function follow(start: string, collection: 'projects' | 'resources'): Promise<{ slugs: string[]; pages: string[] }> {
    const slugs: string[] = []
    const pages: string[] = []
    for (let url: string | undefined = start; url; ) {
      const res = await get(url)
      t.equal(res.statusCode, 200, url)
      pages.push(res.body)
      slugs.push(...itemLinks(res.body, collection))
      url = nextLink(res.body)
      if (pages.length > 50) throw new Error('the next links go round in circles')
    }
    return { slugs, pages }
  }

  const lists = [
    ['projects', 'projects', '/v1/projects?limit=100'],
    ['learning', 'resources', '/v1/resources?collection=learning&limit=100'],
    ['library', 'resources', '/v1/resources?collection=library&limit=100'],
  ] as const

  t.test('following the next links reaches every item of each list, each once, in the API order', async (t) => {
    for (const [page, collection, all] of lists) {
      const expected = await api(all)
      t.ok(expected.length > 10, `${page}: the demo has more than one page`)
      const { slugs, pages } = await follow(`/fr/${page}`, collection)
      t.same(slugs, expected, `${page}: every item, in order`)
      t.ok(pages.length > 1, `${page}: more than one page`)
      t.match(pages[0], new RegExp(`<wegov-${collection} [^>]*limit="10"`), `${page}: the first page is in the widget that takes over with JavaScript`)
      for (const later of pages.slice(1)) t.notMatch(later, `<wegov-${collection}`, `${page}: a later page is plain HTML`)
      t.notOk(nextLink(pages.at(-1)!), `${page}: the last page links nowhere further`)
    }
  })

  t.test('a later page is a page of its own: its own ETag, canonical and alternates', async (t) => {
    const first = await get('/en/projects')
    const href = nextLink(first.body)!
    const cursor = new URL(href, ORIGIN).searchParams.get('cursor')!
    const second = await get(href)
    t.not(second.headers.etag, first.headers.etag)
    t.not(itemLinks(second.body, 'projects', 'en')[0], itemLinks(first.body, 'projects', 'en')[0])
    const revalidated = await get(href, { 'if-none-match': String(first.headers.etag) })
    t.equal(revalidated.statusCode, 200, "the first page's ETag does not validate the second")
    t.equal((await get(href, { 'if-none-match': String(second.headers.etag) })).statusCode, 304)
    const canonical = `${ORIGIN}/en/projects?cursor=${encodeURIComponent(cursor)}`.replace(/&/g, '&amp;')
    t.match(second.body, `<link rel="canonical" href="${canonical}">`)
    t.match(second.body, `<link rel="alternate" hreflang="ar" href="${ORIGIN}/ar/projects?cursor=${encodeURIComponent(cursor)}">`)
    t.match(first.body, `<link rel="canonical" href="${ORIGIN}/en/projects">`)
  })

  t.test('a mangled cursor shows the first page', async (t) => {
    for (const cursor of ['not-a-cursor', 'WyJ4Il0', '%E2%80%AE']) {
      const res = await get(`/fr/library?cursor=${cursor}`)
      t.equal(res.statusCode, 200, cursor)
      t.same(itemLinks(res.body, 'resources'), await api('/v1/resources?collection=library&limit=10'), cursor)
      t.match(res.body, '<wegov-resources collection="library"')
    }
  })

  t.test('the filters are a plain GET form: the page lists what the API lists with them', async (t) => {
    const res = await get('/ar/projects?country=TN&status=implementation')
    t.equal(res.statusCode, 200)
    t.match(res.body, /<form class="filters" method="get" action="\/ar\/projects" role="search" aria-label="[^"]+">/)
    t.match(res.body, '<option value="TN" selected>')
    t.match(res.body, '<option value="implementation" selected>')
    t.match(res.body, /<wegov-projects no-heading limit="10" country="TN" status="implementation" detail-url="\/ar\/projects\/\{slug\}">/)
    const expected = await api('/v1/projects?country=TN&status=implementation&limit=100')
    t.ok(expected.length > 0)
    t.same(itemLinks(res.body, 'projects', 'ar'), expected.slice(0, 10))

    const searched = await get('/en/library?q=budget&kind=report')
    t.same(itemLinks(searched.body, 'resources', 'en'), await api('/v1/resources?collection=library&q=budget&kind=report&limit=10'))
    t.match(searched.body, '<input id="list-q" name="q" type="search" maxlength="200" value="budget">')

    const none = await get('/fr/projects?q=zzzzqqqqxxxx')
    t.match(none.body, '<p class="empty">Aucun projet ne correspond à ces filtres.</p>')
  })

  t.test('a filtered list pages with its filters; its canonical is the list itself', async (t) => {
    const expected = await api('/v1/projects?country=MA&limit=100')
    t.equal(expected.length, 12)
    const { slugs, pages } = await follow('/fr/projects?country=MA', 'projects')
    const [first = '', second = ''] = pages
    t.same(slugs, expected)
    t.equal(pages.length, 2)
    t.match(second, `<link rel="canonical" href="${ORIGIN}/fr/projects">`)
    t.match(second, '<option value="MA" selected>Maroc</option>')
    t.match(nextLink(first)!, /^\/fr\/projects\?country=MA&cursor=/)
  })

  t.test('values no form offers are left out, not an error', async (t) => {
    const plain = await get('/fr/projects')
    for (const query of ['theme=nope', 'status=%3Cscript%3E', 'country=Tunisia', `q=${'x'.repeat(201)}`, 'kind=report', 'limit=1000']) {
      const res = await get(`/fr/projects?${query}`)
      t.equal(res.statusCode, 200, query)
      t.same(itemLinks(res.body, 'projects'), itemLinks(plain.body, 'projects'), query)
      t.notMatch(res.body, '<script>', query)
    }
  })

  t.test('the sitemap names every item the lists link to, and the lists every item in the sitemap', async (t) => {
    const sitemap = (await get('/sitemap.xml')).body
    const inSitemap = (collection: string) =>
      [...sitemap.matchAll(new RegExp(`<loc>${ORIGIN}/fr/${collection}/([a-z0-9-]+)</loc>`, 'g'))].map((m) => m[1]!).sort()
    const projects = (await follow('/fr/projects', 'projects')).slugs
    const resources = [...(await follow('/fr/learning', 'resources')).slugs, ...(await follow('/fr/library', 'resources')).slugs]
    t.same([...projects].sort(), inSitemap('projects'))
    t.same([...resources].sort(), inSitemap('resources'))
  })
})

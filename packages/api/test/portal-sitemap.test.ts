import t from 'tap'
import { deleteContent } from '../src/content/content-store.js'
import { loadDemoContent } from '../src/demo/load-demo.js'
import { eventuallyTrue } from './helpers/eventually-true.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/** What a search engine learns of the portal: every page, in three languages, and no deleted item. */

const ORIGIN = 'https://wegov.example.org'

interface SitemapUrl {
  loc: string
  lastmod: string | undefined
  alternates: Record<string, string>
}

function parseSitemap(xml: string): SitemapUrl[] {
  return [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map(([, inner]) => ({
    loc: /<loc>([^<]+)<\/loc>/.exec(inner!)![1]!,
    lastmod: /<lastmod>([^<]+)<\/lastmod>/.exec(inner!)?.[1],
    alternates: Object.fromEntries([...inner!.matchAll(/<xhtml:link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"\/>/g)].map((m) => [m[1]!, m[2]!])),
  }))
}

t.test('the sitemap and robots.txt', async (t) => {
  const database = await openTestDatabase(t)
  await loadDemoContent(database.db)
  const app = await buildTestApp(t, { database, config: { publicUrl: ORIGIN } })
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })
  const slugs = async (path: string) => {
    const items: string[] = []
    for (let url: string | null = `/v1/${path}?limit=100`; url; ) {
      const page = (await get(url)).json() as { items: { slug: string }[]; nextCursor: string | null }
      items.push(...page.items.map((item) => item.slug))
      url = page.nextCursor ? `/v1/${path}?limit=100&cursor=${encodeURIComponent(page.nextCursor)}` : null
    }
    return items
  }

  t.test('lists every section and item, once per language, each with its three languages and x-default', async (t) => {
    const res = await get('/sitemap.xml')
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^application\/xml/)
    t.match(res.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9"/)
    const urls = parseSitemap(res.body)
    const locs = new Set(urls.map((url) => url.loc))
    t.equal(locs.size, urls.length, 'no URL twice')

    const expected = [
      ...['', 'projects', 'learning', 'petitions', 'library', 'about', 'organisations', 'open-data'].map((section) => (section ? `/${section}` : '/')),
      ...(await slugs('organisations')).map((slug) => `/organisations/${slug}`),
      ...(await slugs('projects')).map((slug) => `/projects/${slug}`),
      ...(await slugs('resources')).map((slug) => `/resources/${slug}`),
      ...(await slugs('petitions')).map((slug) => `/petitions/${slug}`),
    ]
    t.ok(expected.length > 50, `the demo content has many pages (${expected.length})`)
    for (const lang of ['ar', 'fr', 'en']) {
      const missing = expected.filter((path) => !locs.has(`${ORIGIN}/${lang}${path === '/' ? '/' : path}`))
      t.same(missing, [], `every page in ${lang}`)
    }
    t.same([...locs].filter((loc) => !expected.some((path) => loc === `${ORIGIN}${loc.slice(ORIGIN.length, ORIGIN.length + 3)}${path === '/' ? '/' : path}`)), [], 'nothing else')

    for (const url of urls) {
      const path = url.loc.slice(ORIGIN.length + 3)
      t.same(
        url.alternates,
        { ar: `${ORIGIN}/ar${path}`, fr: `${ORIGIN}/fr${path}`, en: `${ORIGIN}/en${path}`, 'x-default': `${ORIGIN}/fr${path}` },
        `${url.loc} names its translations`,
      )
    }
    const project = urls.find((url) => url.loc.includes('/projects/'))!
    t.ok(project.lastmod && !Number.isNaN(Date.parse(project.lastmod)), 'items carry their last change')
    t.equal(urls.find((url) => url.loc === `${ORIGIN}/fr/projects`)!.lastmod, undefined, 'sections do not claim one')

    const listed = (await get(project.loc.slice(ORIGIN.length))).statusCode
    t.equal(listed, 200, 'a listed page exists')
  })

  t.test('a deleted project leaves the sitemap, and the ETag changes', async (t) => {
    const before = await get('/sitemap.xml')
    t.equal((await get('/sitemap.xml', { 'if-none-match': String(before.headers.etag) })).statusCode, 304, 'revalidation')
    const [slug] = await slugs('projects')
    const project = (await get(`/v1/projects/${slug}`)).json() as { id: string }
    await deleteContent(app.db, 'project', project.id)
    let after = before
    const changed = await eventuallyTrue(async () => {
      after = await get('/sitemap.xml', { 'if-none-match': String(before.headers.etag) })
      return after.statusCode !== 304
    })
    t.ok(changed, 'the deletion reached the cached lists')
    t.equal(after.statusCode, 200)
    t.notOk(after.body.includes(`/projects/${slug}<`), 'the tombstone is not listed')
    t.ok(before.body.includes(`/projects/${slug}<`))
  })

  t.test('robots.txt points to the sitemap and blocks nothing the widgets need', async (t) => {
    const res = await get('/robots.txt')
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^text\/plain/)
    t.match(res.body, `Sitemap: ${ORIGIN}/sitemap.xml`)
    t.notMatch(res.body, /Disallow: \/(v1|widgets)/, 'crawlers rendering a page may call the API and load the widgets')
  })
})

import { DOMParser } from '@xmldom/xmldom'
import t from 'tap'
import { ORGANISATIONS, addResource, createFixtureOrganisations, daysFromNow } from './helpers/content-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

const ATOM_NS = 'http://www.w3.org/2005/Atom'

/** Parses XML strictly: any well-formedness error fails the test. */
function parseXml(text: string) {
  const problems: string[] = []
  const record = (message: string) => problems.push(message)
  const document = new DOMParser({ errorHandler: { warning: record, error: record, fatalError: record } }).parseFromString(text, 'application/xml')
  return { document, problems }
}

t.test('resource feeds', async (t) => {
  const database = await openTestDatabase(t)
  // The links' origin is the configured public URL, which these requests also name as their Host.
  const app = await buildTestApp(t, { database, config: { publicUrl: 'http://api.example.org' } })
  await createFixtureOrganisations(app.db)

  const article = await addResource(app.db, {
    slug: 'budgets-and-expenses',
    title: { fr: 'Budgets & <dépenses> "publiques"', ar: 'الميزانيات والنفقات' },
    summary: { fr: 'Lire un budget communal.' },
    body: { fr: '<p>Un <em>guide</em> & un outil.</p><script>alert(1)</script>' },
    publisherSlug: ORGANISATIONS.funder,
    themes: ['transparency', 'local-democracy'],
    publishedOn: '2024-05-02',
    file: { url: 'https://files.example.org/budget.pdf', type: 'application/pdf', size: 2048 },
  })
  const arabic = await addResource(app.db, {
    slug: 'arabic-webinar',
    kind: 'webinar',
    title: { ar: 'ندوة حول الشفافية' },
    originalLang: 'ar',
    languages: ['ar'],
    publishedOn: null,
    webinar: { startsAt: daysFromNow(5), endsAt: daysFromNow(5.1), joinUrl: null, recordingUrl: null },
  })
  const plain = await addResource(app.db, { slug: 'plain-note', title: { en: 'A plain note' }, originalLang: 'en', publishedOn: '2023-01-01' })

  t.test('JSON Feed 1.1', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/v1/resources/feed.json?lang=fr', headers: { host: 'api.example.org' } })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^application\/feed\+json/)
    t.ok(res.headers.etag)
    t.match(res.headers['cache-control'], /max-age=\d+/)
    const feed = res.json()
    t.match(feed, {
      version: 'https://jsonfeed.org/version/1.1',
      title: /WeGov/,
      home_page_url: 'http://api.example.org',
      feed_url: 'http://api.example.org/v1/resources/feed.json?lang=fr',
      language: 'fr',
      authors: [{ name: 'WeGov' }],
    })
    t.notOk('next_url' in feed, 'no next_url on the last page')
    t.same(feed.items.map((item: { id: string }) => item.id), [arabic.id, article.id, plain.id].map((id) => `urn:uuid:${id}`))
    const [webinar, withBody, withoutBody] = feed.items
    t.same(withBody, {
      id: `urn:uuid:${article.id}`,
      url: 'https://files.example.org/budget.pdf',
      title: 'Budgets & <dépenses> "publiques"',
      content_html: '<p>Un <em>guide</em> &amp; un outil.</p>',
      summary: 'Lire un budget communal.',
      date_published: '2024-05-02T00:00:00Z',
      date_modified: withBody.date_modified,
      tags: ["Transparence et accès à l'information", 'Démocratie locale', 'Article'],
      language: 'fr',
      authors: [{ name: 'Fondation Jasmin' }],
      attachments: [{ url: 'https://files.example.org/budget.pdf', mime_type: 'application/pdf', size_in_bytes: 2048 }],
    })
    t.equal(withoutBody.content_text, 'A plain note', 'content_text when there is no body')
    t.equal(withoutBody.url, `http://api.example.org/v1/resources/${plain.slug}`)
    t.equal(webinar.language, 'ar', 'an item says the language it is really in')
    t.match(webinar.date_published, /^\d{4}-\d{2}-\d{2}T/)
  })

  t.test('feeds take the list filters and page with next_url', async (t) => {
    const webinars = (await app.inject({ method: 'GET', url: '/v1/resources/feed.json?kind=webinar' })).json()
    t.same(webinars.items.map((item: { title: string }) => item.title), ['ندوة حول الشفافية'])
    const seen: string[] = []
    let next: string | undefined = 'http://api.example.org/v1/resources/feed.json?limit=1&lang=en'
    for (let i = 0; next && i < 10; i++) {
      const url: URL = new URL(next)
      const page: { items: { id: string }[]; next_url?: string } = (await app.inject({ method: 'GET', url: url.pathname + url.search })).json()
      seen.push(...page.items.map((item: { id: string }) => item.id))
      if (page.next_url) t.match(page.next_url, /^http:\/\/api\.example\.org\/v1\/resources\/feed\.json\?limit=1&lang=en&cursor=/)
      next = page.next_url
    }
    t.same(seen, [arabic.id, article.id, plain.id].map((id) => `urn:uuid:${id}`), 'next_url walks every item once')
    const bad = await app.inject({ method: 'GET', url: '/v1/resources/feed.json?theme=astrology' })
    t.equal(bad.statusCode, 400)
    t.match(bad.headers['content-type'], /^application\/problem\+json/)
    t.equal(bad.json().code, 'WEGOV_UNKNOWN_FILTER_VALUE')
  })

  t.test('Atom 1.0', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/v1/resources/feed.atom?lang=en&limit=2', headers: { host: 'api.example.org' } })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^application\/atom\+xml/)
    const { document, problems } = parseXml(res.body)
    t.same(problems, [], 'well-formed XML')
    const feed = document.documentElement!
    t.equal(feed.namespaceURI, ATOM_NS)
    t.equal(feed.getAttribute('xml:lang'), 'en')
    const links = Array.from(feed.getElementsByTagNameNS(ATOM_NS, 'link')).filter((link) => link.parentNode === feed)
    const next = links.find((link) => link.getAttribute('rel') === 'next')
    t.match(next?.getAttribute('href'), /^http:\/\/api\.example\.org\/v1\/resources\/feed\.atom\?lang=en&limit=2&cursor=/)
    const entries = Array.from(feed.getElementsByTagNameNS(ATOM_NS, 'entry'))
    t.equal(entries.length, 2)
    t.equal(entries[0]!.getAttribute('xml:lang'), 'ar')
    const entry = entries[1]!
    t.equal(entry.getAttribute('xml:lang'), 'fr')
    t.equal(entry.getElementsByTagNameNS(ATOM_NS, 'title')[0]!.textContent, 'Budgets & <dépenses> "publiques"', 'escaped, then read back intact')
    t.equal(entry.getElementsByTagNameNS(ATOM_NS, 'content')[0]!.textContent, '<p>Un <em>guide</em> &amp; un outil.</p>')
    t.equal(entry.getElementsByTagNameNS(ATOM_NS, 'id')[0]!.textContent, `urn:uuid:${article.id}`)
    t.same(
      Array.from(entry.getElementsByTagNameNS(ATOM_NS, 'category')).map((c) => c.getAttribute('term')),
      ['transparency', 'local-democracy', 'article'],
    )
    t.notMatch(res.body, /<script/)
    const revalidated = await app.inject({
      method: 'GET',
      url: '/v1/resources/feed.atom?lang=en&limit=2',
      headers: { host: 'api.example.org', 'if-none-match': String(res.headers.etag) },
    })
    t.equal(revalidated.statusCode, 304)
  })

  t.test('links use the configured public URL', async (t) => {
    const configured = await buildTestApp(t, { database, config: { publicUrl: 'https://wegov.example.org/' } })
    const feed = (await configured.inject({ method: 'GET', url: '/v1/resources/feed.json?limit=1' })).json()
    t.equal(feed.home_page_url, 'https://wegov.example.org')
    t.match(feed.next_url, /^https:\/\/wegov\.example\.org\/v1\/resources\/feed\.json\?limit=1&cursor=/)
  })

  t.test('the feed paths are not taken for resource slugs', async (t) => {
    for (const path of ['/v1/resources/feed.json', '/v1/resources/feed.atom']) {
      const res = await app.inject({ method: 'GET', url: path })
      t.equal(res.statusCode, 200, path)
    }
    t.equal((await app.inject({ method: 'GET', url: '/v1/resources/feed.rss' })).json().code, 'WEGOV_INVALID_ID')
  })
})

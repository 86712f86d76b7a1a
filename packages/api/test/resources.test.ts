import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { deleteContent } from '../src/content/content-store.js'
import { ORGANISATIONS, addResource, createFixtureOrganisations, daysFromNow } from './helpers/content-fixtures.js'
import { buildTestApp } from './helpers/test-app.js'

async function getJson(app: FastifyInstance, url: string) {
  const res = await app.inject({ method: 'GET', url })
  return { status: res.statusCode, body: res.json(), headers: res.headers }
}

async function slugsOf(app: FastifyInstance, url: string): Promise<string[]> {
  const { status, body } = await getJson(app, url)
  if (status !== 200) throw new Error(`${url} answered ${status}: ${JSON.stringify(body)}`)
  return body.items.map((item: { slug: string }) => item.slug)
}

/** Follows nextCursor to the end and returns every slug in order. */
async function walk(app: FastifyInstance, url: string, limit: number): Promise<string[]> {
  const slugs: string[] = []
  let cursor: string | null = null
  for (let pageNumber = 0; pageNumber < 50; pageNumber++) {
    const pageUrl: string = `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`
    const { status, body } = await getJson(app, pageUrl)
    if (status !== 200 || body.items.length > limit) throw new Error(`${pageUrl} answered ${status}`)
    slugs.push(...body.items.map((item: { slug: string }) => item.slug))
    cursor = body.nextCursor
    if (!cursor) return slugs
  }
  throw new Error('pagination did not end')
}

t.test('resources', async (t) => {
  const app = await buildTestApp(t)
  await createFixtureOrganisations(app.db)

  const guide = await addResource(app.db, {
    slug: 'access-to-information-guide',
    collection: 'library',
    kind: 'guide',
    title: { fr: "Guide de l'accès à l'information", ar: 'دليل النفاذ إلى المعلومة' },
    summary: { fr: 'Comment demander un document administratif.' },
    body: {
      fr: '<p onclick="steal()">Écrivez à la <a href="https://commune.example.tn/acces" target="_blank">commune</a>.</p>' +
        '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">piège</a><h2>Délais</h2>',
    },
    originalLang: 'fr',
    languages: ['fr', 'ar'],
    countries: ['TN'],
    themes: ['transparency'],
    publisherSlug: ORGANISATIONS.funder,
    publishedOn: '2024-03-01',
    licence: 'CC-BY-4.0',
    file: { url: 'https://files.example.org/guide.pdf', type: 'application/pdf', size: 123456 },
  })
  const report = await addResource(app.db, {
    slug: 'integrity-report',
    ownerSlug: ORGANISATIONS.network,
    collection: 'library',
    kind: 'report',
    title: { en: 'Integrity in procurement' },
    originalLang: 'en',
    languages: ['en'],
    countries: ['PS'],
    themes: ['anti-corruption'],
    publishedOn: '2024-03-01',
  })
  const video = await addResource(app.db, {
    slug: 'youth-video',
    kind: 'video',
    title: { en: 'Young people in local councils' },
    originalLang: 'en',
    languages: ['en'],
    countries: ['JO'],
    themes: ['youth'],
    publishedOn: '2023-06-01',
    durationSeconds: 600,
    url: 'https://video.example.org/watch/1',
  })
  const webinar = (slug: string, startsInDays: number, publishedOn: string | null) =>
    addResource(app.db, {
      slug,
      kind: 'webinar',
      title: { ar: `ندوة ${slug}` },
      originalLang: 'ar',
      languages: ['ar'],
      publishedOn,
      webinar: {
        startsAt: daysFromNow(startsInDays),
        endsAt: daysFromNow(startsInDays + 0.05),
        joinUrl: 'https://meet.example.org/room',
        recordingUrl: null,
      },
    })
  const later = await webinar('webinar-later', 10, '2020-01-01')
  const soon = await webinar('webinar-soon', 2, null)
  const past = await webinar('webinar-past', -30, null)
  const removed = await addResource(app.db, { slug: 'removed-resource' })
  await deleteContent(app.db, 'resource', removed.id)

  // The guide and the report share a publication date: the higher id comes first.
  const sameDay = [guide, report].sort((a, b) => (a.id < b.id ? 1 : -1)).map((r) => r.slug)
  const expectedOrder = [soon.slug, later.slug, past.slug, ...sameDay, video.slug]

  t.test('orders upcoming webinars first, soonest first, then by publication date', async (t) => {
    t.same(await slugsOf(app, '/v1/resources'), expectedOrder)
  })

  t.test('serves every field; the list leaves the body out', async (t) => {
    const list = await getJson(app, '/v1/resources?lang=fr&collection=library&kind=guide')
    t.equal(list.status, 200)
    const [item] = list.body.items
    t.notOk('body' in item, 'no body in list items')
    t.match(item, {
      id: guide.id,
      slug: guide.slug,
      collection: 'library',
      kind: 'guide',
      title: { text: "Guide de l'accès à l'information", lang: 'fr', dir: 'ltr', fallback: false },
      summary: { text: 'Comment demander un document administratif.', lang: 'fr' },
      originalLang: 'fr',
      languages: ['fr', 'ar'],
      url: null,
      file: { url: 'https://files.example.org/guide.pdf', type: 'application/pdf', size: 123456 },
      countries: ['TN'],
      themes: ['transparency'],
      publisher: { slug: ORGANISATIONS.funder, name: { text: 'Fondation Jasmin' } },
      owner: { slug: ORGANISATIONS.ngo },
      publishedOn: '2024-03-01',
      licence: 'CC-BY-4.0',
      webinar: null,
      durationSeconds: null,
    })
    const detail = await getJson(app, `/v1/resources/${guide.slug}?lang=ar`)
    t.equal(detail.status, 200)
    t.same(detail.body.title, { text: 'دليل النفاذ إلى المعلومة', lang: 'ar', dir: 'rtl', fallback: false })
    t.same(detail.body.body.lang, 'fr')
    t.equal(detail.body.body.fallback, true)
    t.same((await getJson(app, `/v1/resources/${guide.id}?lang=ar`)).body, detail.body, 'by id as by slug')
    const videoDetail = await getJson(app, `/v1/resources/${video.slug}`)
    t.equal(videoDetail.body.durationSeconds, 600)
    t.equal(videoDetail.body.publisher, null)
    t.equal(videoDetail.body.body, null, 'no body is null')
  })

  t.test('sanitises the body: no script, no event handler, no javascript: link', async (t) => {
    const stored = await app.db.selectFrom('resources').select('body').where('id', '=', guide.id).executeTakeFirstOrThrow()
    t.notMatch(JSON.stringify(stored.body), /script|onerror|onclick|javascript:/i, 'stored sanitised')
    const { body } = await getJson(app, `/v1/resources/${guide.slug}?lang=fr`)
    const html: string = body.body.text
    t.notMatch(html, /<script/i)
    t.notMatch(html, /alert/)
    t.notMatch(html, /onerror|onclick/i)
    t.notMatch(html, /javascript:/i)
    t.notMatch(html, /<img/i)
    t.notMatch(html, /target=/)
    t.match(html, /<a href="https:\/\/commune\.example\.tn\/acces" rel="noopener noreferrer">commune<\/a>/)
    t.match(html, /<h2>Délais<\/h2>/)
  })

  t.test('webinars', async (t) => {
    const { body } = await getJson(app, '/v1/resources?kind=webinar')
    const bySlug = Object.fromEntries(body.items.map((r: any) => [r.slug, r.webinar]))
    t.match(bySlug[soon.slug], { upcoming: true, joinUrl: 'https://meet.example.org/room', recordingUrl: null, startsAt: String, endsAt: String })
    t.equal(bySlug[past.slug].upcoming, false)
    t.same(await slugsOf(app, '/v1/resources?upcoming=true'), [soon.slug, later.slug])
    t.same(await slugsOf(app, '/v1/resources?upcoming=false'), [past.slug, ...sameDay, video.slug])
    t.same(await slugsOf(app, '/v1/resources?upcoming=false&kind=webinar'), [past.slug])
  })

  t.test('filters', async (t) => {
    t.same(await slugsOf(app, '/v1/resources?collection=library'), sameDay, 'collection')
    t.same(await slugsOf(app, '/v1/resources?kind=report'), [report.slug], 'kind')
    t.same(await slugsOf(app, '/v1/resources?language=ar'), [soon.slug, later.slug, past.slug, guide.slug], 'language')
    t.same(await slugsOf(app, '/v1/resources?language=en'), [report.slug, video.slug], 'language')
    t.same(await slugsOf(app, '/v1/resources?country=PS'), [report.slug], 'country')
    t.same(await slugsOf(app, '/v1/resources?theme=youth'), [video.slug], 'theme')
    t.same(await slugsOf(app, `/v1/resources?organisation=${ORGANISATIONS.funder}`), [guide.slug], 'publisher')
    t.same(await slugsOf(app, `/v1/resources?organisation=${ORGANISATIONS.network}`), [report.slug], 'owner')
    t.same(await slugsOf(app, '/v1/resources?organisation=unknown-organisation'), [], 'unknown organisation: empty page')
    t.same(await slugsOf(app, `/v1/resources?owner=${ORGANISATIONS.funder}`), [], 'the publisher is not the owner')
    t.same(await slugsOf(app, `/v1/resources?owner=${ORGANISATIONS.network}`), [report.slug], 'owner')
    t.same(await slugsOf(app, `/v1/resources?owner=${ORGANISATIONS.ngo}&kind=guide`), [guide.slug], 'the owner of what another published')
    t.same(await slugsOf(app, '/v1/resources?collection=learning&language=en'), [video.slug], 'filters combine')
    const bad = await getJson(app, '/v1/resources?kind=podcast')
    t.equal(bad.status, 400)
    t.equal(bad.body.code, 'WEGOV_UNKNOWN_FILTER_VALUE')
    t.equal((await getJson(app, '/v1/resources?language=de')).body.code, 'WEGOV_UNKNOWN_FILTER_VALUE')
    t.equal((await getJson(app, '/v1/resources?collection=museum')).body.code, 'WEGOV_UNKNOWN_FILTER_VALUE')
  })

  t.test('pagination walks every resource once, in order, across the upcoming boundary', async (t) => {
    for (const limit of [1, 2, 3, 5, 6, 100]) {
      t.same(await walk(app, '/v1/resources', limit), expectedOrder, `limit=${limit}`)
    }
    t.same(await walk(app, '/v1/resources?language=ar', 2), [soon.slug, later.slug, past.slug, guide.slug], 'filtered, exact multiple')
    const exact = await getJson(app, '/v1/resources?language=ar&limit=2')
    const second = await getJson(app, `/v1/resources?language=ar&limit=2&cursor=${exact.body.nextCursor}`)
    t.equal(second.body.items.length, 2)
    t.equal(second.body.nextCursor, null, 'the last page has no next cursor')
    t.equal((await getJson(app, '/v1/resources?limit=0')).body.code, 'WEGOV_LIMIT_OUT_OF_RANGE')
    t.equal((await getJson(app, '/v1/resources?limit=101')).body.code, 'WEGOV_LIMIT_OUT_OF_RANGE')
  })

  t.test('deleted, unknown and malformed', async (t) => {
    const gone = await getJson(app, `/v1/resources/${removed.slug}`)
    t.equal(gone.status, 410)
    t.equal(gone.body.code, 'WEGOV_GONE')
    t.notOk((await walk(app, '/v1/resources', 4)).includes(removed.slug))
    const deletions = await getJson(app, '/v1/deletions')
    t.match(deletions.body.items, [{ type: 'resource', id: removed.id, slug: removed.slug }])
    t.equal((await getJson(app, '/v1/resources/never-written')).status, 404)
    t.equal((await getJson(app, '/v1/resources/UPPER_case')).body.code, 'WEGOV_INVALID_ID')
  })
})

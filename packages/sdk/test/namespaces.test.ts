import t from 'tap'
import { deleteContent } from '../../api/src/content/content-store.js'
import { ORGANISATIONS, addProject, addResource, createFixtureOrganisations } from '../../api/test/helpers/content-fixtures.js'
import { createClient, NotFoundError } from '../src/index.js'
import { startApi } from './helpers/servers.js'

t.test('every read namespace answers from the real API, typed end to end', async (t) => {
  const { app, baseUrl } = await startApi(t)
  await createFixtureOrganisations(app.db)
  const water = await addProject(app.db, {
    slug: 'water-budget',
    title: { fr: 'Budget participatif de l’eau', ar: 'الميزانية التشاركية للماء' },
    countries: ['TN'],
  })
  await addProject(app.db, { slug: 'amman-youth', title: { en: 'Amman youth councils' }, originalLang: 'en', countries: ['JO'] })
  const guide = await addResource(app.db, { slug: 'open-data-guide', kind: 'guide', title: { fr: 'Guide des données ouvertes' } })
  await addResource(app.db, { slug: 'integrity-video', kind: 'video', title: { fr: 'Vidéo sur l’intégrité' } })
  const gone = await addProject(app.db, { slug: 'withdrawn-project' })
  await deleteContent(app.db, 'project', gone.id)

  const wegov = createClient({ baseUrl, lang: 'ar' })

  t.test('organisations', async (t) => {
    const page = await wegov.organisations.list({ country: 'TN' })
    t.same(page.items.map((o) => o.slug).sort(), [ORGANISATIONS.funder, ORGANISATIONS.ngo].sort())
    const funder = await wegov.organisations.get(ORGANISATIONS.funder)
    // The client asked for Arabic; the funder has none, so the API falls back and says so.
    t.equal(funder.name.fallback, true)
    t.equal(funder.name.text, 'Fondation Jasmin')
    const inEnglish = await wegov.organisations.get(ORGANISATIONS.funder, { lang: 'en' })
    t.same([inEnglish.name.text, inEnglish.name.lang], ['Jasmine Foundation', 'en'])
  })

  t.test('projects', async (t) => {
    const page = await wegov.projects.list({ country: 'TN' })
    t.same(page.items.map((p) => p.slug), ['water-budget'])
    t.same(page.nextCursor, null)
    const project = await wegov.projects.get(water.id)
    t.same([project.slug, project.title.text, project.title.dir], ['water-budget', 'الميزانية التشاركية للماء', 'rtl'])
    const error = await wegov.projects.get('withdrawn-project').catch((e: unknown) => e)
    t.ok(error instanceof NotFoundError)
    t.equal((error as NotFoundError).code, 'WEGOV_GONE')
  })

  t.test('resources, their detail and their JSON Feed', async (t) => {
    const guides = await wegov.resources.list({ kind: 'guide' }).collect()
    t.same(guides.map((r) => r.slug), ['open-data-guide'])
    const detail = await wegov.resources.get(guide.slug, { lang: 'fr' })
    t.equal(detail.title.text, 'Guide des données ouvertes')
    t.ok('body' in detail)
    const feed = await wegov.resources.feed({ kind: 'video' })
    t.equal(feed.version, 'https://jsonfeed.org/version/1.1')
    t.equal(feed.language, 'ar')
    t.same(feed.items.map((item) => item.title), ['Vidéo sur l’intégrité'])
    // Addresses, not calls: a calendar app fetches them itself.
    t.equal(wegov.resources.calendarUrl({ theme: 'youth' }), `${baseUrl}/v1/resources/webinars.ics?lang=ar&theme=youth`)
    t.equal(wegov.resources.webinarCalendarUrl('a-webinar'), `${baseUrl}/v1/resources/a-webinar/calendar.ics?lang=ar`)
    const calendar = await fetch(wegov.resources.calendarUrl())
    t.match(calendar.headers.get('content-type'), /^text\/calendar/)
  })

  t.test('vocabularies in the client language, or another one per call', async (t) => {
    const arabic = await wegov.vocabularies.get()
    t.equal(arabic.themes.find((term) => term.code === 'youth')?.label, 'الشباب')
    const french = await wegov.vocabularies.get({ lang: 'fr' })
    t.equal(french.themes.find((term) => term.code === 'youth')?.label, 'Jeunesse')
  })
})

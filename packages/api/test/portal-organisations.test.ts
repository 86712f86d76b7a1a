import t from 'tap'
import { loadDemoContent } from '../src/demo/load-demo.js'
import { addResource } from './helpers/content-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/**
 * The organisation directory (/{lang}/organisations) and an organisation's profile page, server-rendered
 * by the portal from the SDK: what a visitor without JavaScript and a crawler get.
 */

const ORIGIN = 'https://wegov.example.org'

interface Named {
  slug: string
  name?: { text: string }
  title?: { text: string }
  country?: string
  isPartner?: boolean
}

function decode(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** The profile links the directory's cards make, in page order. */
const profileLinks = (html: string, lang: string) =>
  [...html.matchAll(new RegExp(`<a href="/${lang}/organisations/([a-z0-9-]+)">`, 'g'))].map((match) => match[1]!)

function jsonLd(html: string): Record<string, unknown> | undefined {
  const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)
  return script ? (JSON.parse(script[1]!) as Record<string, unknown>) : undefined
}

t.test('the organisation directory and profiles on the demo content', async (t) => {
  const database = await openTestDatabase(t)
  await loadDemoContent(database.db)
  const app = await buildTestApp(t, { database, config: { publicUrl: ORIGIN } })
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { accept: 'text/html' } })
  const api = async (url: string) => ((await app.inject({ method: 'GET', url })).json() as { items: Named[] }).items
  const all = await api('/v1/organisations?limit=100&lang=fr')
  t.ok(all.length >= 5, `the demo has organisations (${all.length})`)

  t.test('the directory lists every organisation, linked to its profile, with a GET form', async (t) => {
    const res = await get('/fr/organisations')
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^text\/html/)
    t.same(profileLinks(res.body, 'fr'), all.map((organisation) => organisation.slug), 'one card per organisation, in the API’s order')
    for (const organisation of all) t.ok(decode(res.body).includes(organisation.name!.text), `${organisation.slug}: its name`)
    t.match(res.body, /<form class="filters" method="get" action="\/fr\/organisations" role="search"/)
    t.match(res.body, /<select id="list-country" name="country">/)
    t.match(res.body, /<select id="list-partner" name="partner">/)
    t.match(res.body, /<link rel="canonical" href="https:\/\/wegov.example.org\/fr\/organisations">/)
    t.match(res.body, /<link rel="alternate" hreflang="ar" href="https:\/\/wegov.example.org\/ar\/organisations">/)
    t.match(res.body, /<html lang="fr" dir="ltr">/)
  })

  t.test('filters by country and by partnership, without JavaScript', async (t) => {
    const countries = [...new Set(all.map((organisation) => organisation.country!))]
    t.ok(countries.length > 1, 'organisations in several countries')
    for (const country of countries) {
      const res = await get(`/en/organisations?country=${country}`)
      t.equal(res.statusCode, 200)
      const expected = all.filter((organisation) => organisation.country === country).map((organisation) => organisation.slug)
      t.same(profileLinks(res.body, 'en'), expected, `${country}: only its organisations`)
      t.match(res.body, new RegExp(`<option value="${country}" selected>`), `${country}: the form keeps the choice`)
    }
    const partners = all.filter((organisation) => organisation.isPartner).map((organisation) => organisation.slug)
    t.ok(partners.length > 0 && partners.length < all.length, 'some organisations are partners, not all')
    t.same(profileLinks((await get('/en/organisations?partner=true')).body, 'en'), partners, 'partners only')
    const others = all.filter((organisation) => !organisation.isPartner).map((organisation) => organisation.slug)
    t.same(profileLinks((await get('/en/organisations?partner=false')).body, 'en'), others, 'the others only')
    const both = await get(`/en/organisations?country=${countries[0]}&partner=true`)
    t.same(
      profileLinks(both.body, 'en'),
      all.filter((organisation) => organisation.isPartner && organisation.country === countries[0]).map((organisation) => organisation.slug),
      'both filters at once',
    )
  })

  t.test('a link edited by hand shows the whole directory rather than an error', async (t) => {
    for (const query of ['country=tunisia', 'country=<b>', 'partner=maybe', 'cursor=not-a-cursor']) {
      const res = await get(`/fr/organisations?${query}`)
      t.equal(res.statusCode, 200, `${query}: a page`)
      t.same(profileLinks(res.body, 'fr'), all.map((organisation) => organisation.slug), `${query}: every organisation`)
    }
    // A well-formed code with nobody there is a filter like any other: an empty list that says so.
    const nobody = await get('/fr/organisations?country=IS')
    t.equal(nobody.statusCode, 200)
    t.same(profileLinks(nobody.body, 'fr'), [])
    t.ok(decode(nobody.body).includes('Aucune organisation ne correspond à ces filtres.'), 'says nothing matches')
  })

  t.test('a profile shows the organisation’s projects, resources and petitions', async (t) => {
    let checked = 0
    for (const organisation of all) {
      const [projects, resources, petitions] = await Promise.all([
        api(`/v1/projects?organisation=${organisation.slug}&limit=6&lang=fr`),
        api(`/v1/resources?organisation=${organisation.slug}&limit=6&lang=fr`),
        api(`/v1/petitions?organisation=${organisation.slug}&limit=6&lang=fr`),
      ])
      const res = await get(`/fr/organisations/${organisation.slug}`)
      t.equal(res.statusCode, 200, `${organisation.slug}: 200`)
      const body = decode(res.body)
      t.match(body, new RegExp(`<h1[^>]*>${organisation.name!.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), `${organisation.slug}: its name heads the page`)
      for (const project of projects) t.ok(body.includes(`href="/fr/projects/${project.slug}"`), `${organisation.slug}: project ${project.slug}`)
      for (const resource of resources) t.ok(body.includes(`href="/fr/resources/${resource.slug}"`), `${organisation.slug}: resource ${resource.slug}`)
      for (const petition of petitions) t.ok(body.includes(`href="/fr/petitions/${petition.slug}"`), `${organisation.slug}: petition ${petition.slug}`)
      if (projects.length === 0) t.ok(body.includes('Aucun projet publié pour le moment.'), `${organisation.slug}: says it has no project`)
      if (petitions.length === 0) t.ok(body.includes('Aucune pétition pour le moment.'), `${organisation.slug}: says it has no petition`)
      if (projects.length && resources.length && petitions.length) checked++
    }
    t.ok(checked > 0, 'at least one organisation has all three kinds of content')
  })

  const page = async (url: string) => (await app.inject({ method: 'GET', url })).json() as { items: Named[]; nextCursor: string | null }

  t.test('a profile with more than it shows links to its lists, which show only its items and say whose', async (t) => {
    let linked = 0
    for (const organisation of all) {
      const [projects, resources, petitions, learning, library] = await Promise.all([
        page(`/v1/projects?organisation=${organisation.slug}&limit=6`),
        page(`/v1/resources?organisation=${organisation.slug}&limit=6`),
        page(`/v1/petitions?organisation=${organisation.slug}&limit=6`),
        page(`/v1/resources?organisation=${organisation.slug}&collection=learning&limit=1`),
        page(`/v1/resources?organisation=${organisation.slug}&collection=library&limit=1`),
      ])
      const body = (await get(`/en/organisations/${organisation.slug}`)).body
      const link = (list: string, text: string) => body.includes(`<a href="/en/${list}?organisation=${organisation.slug}">${text}</a>`)
      t.equal(link('projects', 'All its projects'), projects.nextCursor !== null, `${organisation.slug}: an "all projects" link only when it has more`)
      const more = resources.nextCursor !== null
      t.equal(link('learning', 'All its learning resources'), more && learning.items.length > 0, `${organisation.slug}: learning`)
      t.equal(link('library', 'All its library documents'), more && library.items.length > 0, `${organisation.slug}: library`)
      t.equal(link('petitions', 'All its petitions'), petitions.nextCursor !== null, `${organisation.slug}: petitions`)
      if (projects.nextCursor) linked++
    }
    t.ok(linked > 0, 'the demo has an organisation with more projects than a profile shows')

    const cards = (html: string, lang: string) => [...html.matchAll(new RegExp(`<a href="/${lang}/(?:projects|resources)/([a-z0-9-]+)">`, 'g'))].map((m) => m[1]!)
    const first = await page('/v1/projects?organisation=gvc&limit=10')
    const res = await get('/ar/projects?organisation=gvc')
    t.equal(res.statusCode, 200)
    t.same(cards(res.body, 'ar'), first.items.map((project) => project.slug), 'only its projects, as the API lists them')
    const name = ((await app.inject({ method: 'GET', url: '/v1/organisations/gvc?lang=ar' })).json() as Named).name!.text
    t.ok(
      decode(res.body).includes(`<p class="scope">مشاريع <a href="/ar/organisations/gvc"><bdi dir="auto">${name}</bdi></a>. <a href="/ar/projects">عرض كل المشاريع</a></p>`),
      'it says whose list it is (the name isolated), with the way back to everyone’s',
    )
    t.match(res.body, /<wegov-projects no-heading limit="10" organisation="gvc"/, 'the widget that takes the list over is narrowed alike')
    t.match(res.body, /<input type="hidden" name="organisation" value="gvc">/, 'the filter form keeps it')
    t.ok(first.nextCursor, 'it has a second page')
    t.match(res.body, /<a rel="next" href="\/ar\/projects\?organisation=gvc&amp;cursor=/, 'so does the next page’s link')
    const second = await get(`/ar/projects?organisation=gvc&cursor=${encodeURIComponent(first.nextCursor!)}`)
    t.same(cards(second.body, 'ar'), (await page(`/v1/projects?organisation=gvc&limit=10&cursor=${encodeURIComponent(first.nextCursor!)}`)).items.map((p) => p.slug))
    t.match(second.body, /<p class="scope">/, 'a later page says whose it is too')

    const narrowed = await get('/fr/library?organisation=jamaity&kind=guide')
    const library = await page('/v1/resources?organisation=jamaity&collection=library&kind=guide&limit=10')
    t.same(cards(narrowed.body, 'fr'), library.items.map((resource) => resource.slug), 'a library list narrowed to an organisation and a kind')
    t.match(narrowed.body, /<a href="\/fr\/library\?kind=guide">Voir toutes les ressources<\/a>/, 'everyone’s keeps the other filters')

    const petitionLinks = (html: string) => [...html.matchAll(/<a href="\/en\/petitions\/([a-z0-9-]+)">/g)].map((m) => m[1]!)
    let narrowedPetitions = 0
    for (const organisation of all) {
      const theirs = await page(`/v1/petitions?organisation=${organisation.slug}&limit=12`)
      const listed = await get(`/en/petitions?organisation=${organisation.slug}`)
      t.same(petitionLinks(listed.body), theirs.items.map((petition) => petition.slug), `${organisation.slug}: only its petitions`)
      t.match(listed.body, new RegExp(`<p class="scope">Petitions of <a href="/en/organisations/${organisation.slug}">`), `${organisation.slug}: says whose`)
      if (theirs.items.length) narrowedPetitions++
    }
    t.ok(narrowedPetitions > 0, 'some organisation has petitions')
    t.ok(petitionLinks((await get('/en/petitions')).body).length > 0, 'everyone’s petitions')

    for (const slug of ['no-such-organisation', 'Not A Slug']) {
      const unknown = await get(`/fr/learning?organisation=${encodeURIComponent(slug)}`)
      t.equal(unknown.statusCode, 200, `${slug}: a page`)
      t.same(cards(unknown.body, 'fr'), (await page('/v1/resources?collection=learning&limit=10')).items.map((r) => r.slug), `${slug}: everyone’s list`)
      t.notMatch(unknown.body, /class="scope"|name="organisation"/, `${slug}: narrowed to nobody`)
    }
  })

  t.test('a profile links only the collections its resources are in', async (t) => {
    // An organisation whose many resources are all in the library: its learning list would be empty.
    const organisation = all.find((one) => one.slug === 'commune-oued-zitoun')!
    const learning = await page(`/v1/resources?organisation=${organisation.slug}&collection=learning&limit=1`)
    for (let n = 0; n < 7; n++) {
      await addResource(database.db, { ownerSlug: organisation.slug, collection: 'library', kind: 'guide', title: { fr: `Guide communal ${n}` }, state: 'published' })
    }
    const body = (await get(`/fr/organisations/${organisation.slug}`)).body
    t.ok(body.includes(`<a href="/fr/library?organisation=${organisation.slug}">Tous ses documents de la bibliothèque</a>`), 'the library link')
    t.equal(body.includes(`/fr/learning?organisation=${organisation.slug}`), learning.items.length > 0, 'a learning link only if it has learning resources')
    t.equal(learning.items.length, 0, 'the case this test is about: no learning resource')
  })

  t.test('a profile describes the organisation for search engines, in three languages', async (t) => {
    const organisation = all.find((one) => one.isPartner)!
    for (const lang of ['ar', 'fr', 'en'] as const) {
      const res = await get(`/${lang}/organisations/${organisation.slug}`)
      t.equal(res.statusCode, 200)
      t.match(res.body, new RegExp(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`), `${lang}: language and direction`)
      t.match(res.body, new RegExp(`<link rel="canonical" href="${ORIGIN}/${lang}/organisations/${organisation.slug}">`))
      for (const other of ['ar', 'fr', 'en']) {
        t.match(res.body, new RegExp(`<link rel="alternate" hreflang="${other}" href="${ORIGIN}/${other}/organisations/${organisation.slug}">`))
      }
      const described = jsonLd(res.body)!
      const inLang = (await app.inject({ method: 'GET', url: `/v1/organisations/${organisation.slug}?lang=${lang}` })).json() as Named & { id: string }
      t.match(described, { '@context': 'https://schema.org', '@type': /Organization$/, name: inLang.name!.text, identifier: inLang.id, url: `${ORIGIN}/${lang}/organisations/${organisation.slug}` })
      t.match(described, { address: { addressCountry: organisation.country } })
    }
  })

  t.test('an unknown organisation is the 404 page, not indexed', async (t) => {
    const res = await get('/fr/organisations/no-such-organisation')
    t.equal(res.statusCode, 404)
    t.match(res.body, /<meta name="robots" content="noindex">/)
    t.equal(jsonLd(res.body), undefined)
  })

  t.test('the About page leads to the directory', async (t) => {
    const res = await get('/en/about')
    t.match(res.body, /<a href="\/en\/organisations">All organisations<\/a>/)
  })
})

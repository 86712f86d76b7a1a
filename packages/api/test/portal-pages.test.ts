import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import t from 'tap'
import { createProject, createResource } from '../src/content/content-store.js'
import { loadDemoContent } from '../src/demo/load-demo.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'
import { createFixtureOrganisations, projectInput, resourceInput } from './helpers/content-fixtures.js'

/** The server-rendered portal: what crawlers, link previews and visitors without JavaScript get. */

const INJECTION = '</script><script>alert("x")</script><!--'

function meta(html: string, attribute: 'name' | 'property', key: string): string[] {
  const found: string[] = []
  for (const match of html.matchAll(/<meta ([a-z]+)="([^"]+)" content="([^"]*)">/g)) {
    if (match[1] === attribute && match[2] === key) found.push(decode(match[3]!))
  }
  return found
}

function decode(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

function jsonLd(html: string): Record<string, unknown> {
  const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)]
  if (scripts.length !== 1) throw new Error(`expected one JSON-LD block, found ${scripts.length}`)
  return JSON.parse(scripts[0]![1]!) as Record<string, unknown>
}

function alternates(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">/g)].map((m) => [m[1]!, m[2]!]))
}

/** The project page's section of attached resources, or undefined when there is none. */
function attachedResourcesSection(html: string): string | undefined {
  return /<section class="block" aria-labelledby="project-resources">[\s\S]*?<\/section>/.exec(html)?.[0]
}

t.test('the portal on the demo content', async (t) => {
  const database = await openTestDatabase(t)
  await loadDemoContent(database.db)
  const app = await buildTestApp(t, { database, config: { publicUrl: 'https://wegov.example.org' } })
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })

  t.test('the Petitions page invites anyone to start one, in the console, in its language', async (t) => {
    for (const [lang, label] of [['ar', 'أطلق عريضة'], ['fr', 'Lancer une pétition'], ['en', 'Start a petition']] as const) {
      const html = (await get(`/${lang}/petitions`)).body
      t.match(html, `<a class="button" href="/console/petitions/new?lang=${lang}">${label}</a>`, lang)
    }
  })

  t.test('/ sends each visitor to their language, French by default', async (t) => {
    for (const [accept, lang] of [['ar-TN,ar;q=0.9,fr;q=0.5', 'ar'], ['en-GB,en;q=0.8', 'en'], ['de-DE,de', 'fr'], ['', 'fr']] as const) {
      const res = await get('/', accept ? { 'accept-language': accept } : {})
      t.equal(res.statusCode, 302, accept)
      t.equal(res.headers.location, `/${lang}/`, accept)
      t.match(res.headers.vary, /Accept-Language/)
    }
  })

  t.test('every section answers in the three languages with lang, dir and one h1', async (t) => {
    for (const lang of ['ar', 'fr', 'en']) {
      for (const section of ['', 'projects', 'learning', 'petitions', 'library', 'about', 'embed']) {
        const res = await get(`/${lang}/${section}`)
        t.equal(res.statusCode, 200, `/${lang}/${section}`)
        t.match(res.headers['content-type'], /^text\/html; charset=utf-8/)
        t.equal(res.headers['content-language'], lang)
        t.match(res.body, `<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`)
        t.equal(res.body.match(/<h1[\s>]/g)?.length, 1, `one h1 on /${lang}/${section}`)
        t.notMatch(res.body, /<!--slot:/, 'every slot filled')
        t.match(res.body, '<a class="skip-link" href="#main">')
      }
    }
  })

  t.test('a project page: title, description, Open Graph, alternates, canonical and a schema.org Project', async (t) => {
    const res = await get('/ar/projects/jordan-local-journalists-access-to-information')
    t.equal(res.statusCode, 200)
    t.match(res.body, /<title>Local journalists and the right of access to information in Jordan · WeGov<\/title>/)
    t.equal(meta(res.body, 'property', 'og:title')[0], 'Local journalists and the right of access to information in Jordan')
    t.match(meta(res.body, 'name', 'description')[0], /^\[Demo\] A planned programme/)
    t.same(meta(res.body, 'property', 'og:url'), ['https://wegov.example.org/ar/projects/jordan-local-journalists-access-to-information'])
    t.same(meta(res.body, 'property', 'og:locale'), ['ar_AR'])
    t.same(meta(res.body, 'property', 'og:locale:alternate').sort(), ['en_GB', 'fr_FR'])
    t.match(res.body, '<link rel="canonical" href="https://wegov.example.org/ar/projects/jordan-local-journalists-access-to-information">')
    t.same(alternates(res.body), {
      ar: 'https://wegov.example.org/ar/projects/jordan-local-journalists-access-to-information',
      fr: 'https://wegov.example.org/fr/projects/jordan-local-journalists-access-to-information',
      en: 'https://wegov.example.org/en/projects/jordan-local-journalists-access-to-information',
      'x-default': 'https://wegov.example.org/fr/projects/jordan-local-journalists-access-to-information',
    })
    const ld = jsonLd(res.body)
    t.equal(ld['@type'], 'Project')
    t.equal(ld.name, 'Local journalists and the right of access to information in Jordan')
    t.ok(Array.isArray(ld.funder), 'the funding participants are funders')
    // The title has no Arabic version: it keeps its own language, marked, with a visible note.
    t.match(res.body, /<h1 lang="en" dir="ltr">Local journalists[^<]*<span class="fallback" lang="ar" dir="rtl">\(بالإنجليزية\)<\/span><\/h1>/)
  })

  t.test('a project page lists the resources attached to it under an h2 in its language; a project without any has no such section', async (t) => {
    const guide = 'guide-pratique-budget-participatif-communes'
    const webinar = 'webinar-budget-participatif-consultation-decision'
    for (const [lang, heading] of [['ar', 'الموارد'], ['fr', 'Ressources'], ['en', 'Resources']] as const) {
      const res = await get(`/${lang}/projects/budget-participatif-oued-zitoun`)
      t.equal(res.statusCode, 200)
      const section = attachedResourcesSection(res.body)
      t.ok(section, `${lang}: the section is there`)
      t.match(section, `<h2 id="project-resources">${heading}</h2>`, `${lang}: its heading`)
      t.match(section, `<a href="/${lang}/resources/${guide}">`, `${lang}: the guide links to the portal's resource page`)
      t.match(section, `<a href="/${lang}/resources/${webinar}">`, `${lang}: so does the webinar`)
      t.equal(section?.match(/<h3 class="card__title"/g)?.length, 2, `${lang}: one card per attached resource, titled one level under the section`)
      t.equal(res.body.match(/<h1[\s>]/g)?.length, 1, `${lang}: still one h1`)
    }
    // The guide is only in French: on the other pages its title keeps its own language, with a visible note.
    const en = attachedResourcesSection((await get('/en/projects/budget-participatif-oued-zitoun')).body)
    t.match(en, `<h3 class="card__title" lang="fr" dir="ltr"><a href="/en/resources/${guide}">Guide pratique du budget participatif pour les communes tunisiennes <span class="fallback" lang="en" dir="ltr">(in French)</span></a></h3>`)
    t.match(attachedResourcesSection((await get('/fr/projects/budget-participatif-oued-zitoun')).body), '<span class="badge">Guide</span>', 'each card names its kind')

    for (const lang of ['ar', 'fr', 'en']) {
      const none = await get(`/${lang}/projects/jordan-local-journalists-access-to-information`)
      t.equal(none.statusCode, 200)
      t.notMatch(none.body, 'project-resources', `${lang}: no section for a project without attached resources`)
    }
  })

  t.test('a resource page links the projects it is attached to; one attached to none says nothing of projects', async (t) => {
    const guide = 'guide-pratique-budget-participatif-communes'
    for (const [lang, term] of [['ar', 'المشاريع'], ['fr', 'Projets'], ['en', 'Projects']] as const) {
      const project = (await app.inject({ method: 'GET', url: `/v1/projects/budget-participatif-oued-zitoun?lang=${lang}` })).json() as { title: { text: string } }
      const body = (await get(`/${lang}/resources/${guide}`)).body
      const fact = new RegExp(`<div><dt>${term}</dt><dd><a href="/${lang}/projects/budget-participatif-oued-zitoun"><bdi>(.*?)</bdi></a></dd></div>`).exec(body)
      t.ok(fact, `${lang}: the "${term}" fact links the project's page`)
      t.ok(fact?.[1]?.includes(project.title.text.replace(/'/g, '&#39;')), `${lang}: by its title`)
    }
    const unattached = await get('/fr/resources/jordan-municipal-services-satisfaction-survey')
    t.equal(unattached.statusCode, 200)
    t.match(unattached.body, '<dt>Thèmes</dt>', 'its facts are there')
    t.notMatch(unattached.body, '<dt>Projets</dt>', 'but no projects')
  })

  t.test('a webinar is an online Event with a VirtualLocation, and its join link is on the page', async (t) => {
    const res = await get('/en/resources/webinar-budget-participatif-consultation-decision')
    const ld = jsonLd(res.body)
    t.equal(ld['@type'], 'Event')
    t.equal(ld.eventAttendanceMode, 'https://schema.org/OnlineEventAttendanceMode')
    t.same(ld.location, { '@type': 'VirtualLocation', url: 'https://meet.example.org/wegov/budget-participatif' })
    t.match(res.body, '<a class="button" href="https://meet.example.org/wegov/budget-participatif" rel="noopener" data-link="join">Join the webinar</a>')
    const addToCalendar = /<a class="button button--secondary" href="([^"]+)" type="text\/calendar" download="[^"]+\.ics" data-link="calendar">Add to calendar<\/a>/.exec(res.body)
    t.ok(addToCalendar, 'an "Add to calendar" link')
    const calendar = await get(addToCalendar![1]!.replaceAll('&amp;', '&'))
    t.match(calendar.headers['content-type'], /^text\/calendar/)
    t.match(calendar.body, 'SUMMARY:Participatory budgeting: from consultation to decision')
    t.same(meta(res.body, 'property', 'og:type'), ['article'])
  })

  t.test('a library document is a CreativeWork with its file; a learning resource a LearningResource', async (t) => {
    const library = await get('/fr/resources/jordan-municipal-services-satisfaction-survey')
    const ld = jsonLd(library.body)
    t.equal(ld['@type'], 'CreativeWork')
    t.match(ld.encoding, { contentUrl: 'https://files.example.org/wegov/jordan-services-survey.pdf', encodingFormat: 'application/pdf' })
    t.match(library.body, /href="https:\/\/files\.example\.org\/wegov\/jordan-services-survey\.pdf" type="application\/pdf" data-link="file">Télécharger le document \(PDF, /)
    const learning = await app.inject({ method: 'GET', url: '/v1/resources?collection=learning&kind=article&limit=1' })
    const slug = (learning.json() as { items: { slug: string }[] }).items[0]!.slug
    t.equal(jsonLd((await get(`/en/resources/${slug}`)).body)['@type'], 'LearningResource')
  })

  t.test('a petition is a CreativeWork (schema.org has no Petition) with the petition widget', async (t) => {
    const res = await get('/fr/petitions/eclairage-public-oued-zitoun')
    t.equal(res.statusCode, 200)
    const ld = jsonLd(res.body)
    t.equal(ld['@type'], 'CreativeWork')
    t.equal(ld.additionalType, 'Petition')
    t.match(ld.interactionStatistic, { '@type': 'InteractionCounter' })
    t.match(res.body, '<wegov-petition petition="eclairage-public-oued-zitoun"')
    t.same(meta(res.body, 'property', 'og:locale'), ['fr_FR'])
  })

  t.test('the About page lists partners and funders from the organisations API', async (t) => {
    const res = await get('/en/about')
    t.match(res.body, 'GVC – Gruppo di Volontariato Civile')
    t.match(res.body, '<h2 id="about-funders">Funders</h2>')
  })

  t.test('an unknown page or item is a 404 page in the language, not indexed', async (t) => {
    for (const url of ['/ar/projects/no-such-project', '/en/nothing-here', '/fr/petitions/Not_A_Slug', '/fr/a/b/c']) {
      const res = await get(url)
      t.equal(res.statusCode, 404, url)
      t.match(res.headers['content-type'], /^text\/html/)
      t.same(meta(res.body, 'name', 'robots'), ['noindex'], url)
    }
    t.match((await get('/ar/projects/no-such-project')).body, '<h1>الصفحة غير موجودة</h1>')
  })

  t.test('the API, its documents and the widgets are not shadowed by the portal', async (t) => {
    t.equal((await get('/v1/projects?limit=1')).statusCode, 200)
    t.equal((await get('/openapi.json')).statusCode, 200)
    t.equal((await get('/health/live')).statusCode, 200)
    t.match((await get('/v1/nothing')).headers['content-type'], /problem\+json/)
    t.equal((await get('/docs')).statusCode < 400, true)
    const css = await get('/assets/portal.css')
    t.equal(css.statusCode, 200)
    t.match(css.headers['cache-control'], /max-age=300/)
  })

  t.test('the portal’s scripts and stylesheet, and the API reference’s, go out compressed to clients that accept it', async (t) => {
    const entry = await get('/docs')
    const docs = entry.statusCode >= 300 && entry.statusCode < 400 ? await get(new URL(String(entry.headers.location), 'http://localhost/docs').pathname) : entry
    const swaggerScript = '/docs/static/swagger-ui-bundle.js'
    t.match(docs.body, `src="${swaggerScript}"`, 'the reference loads Swagger UI’s script')
    for (const url of ['/assets/portal.js', '/assets/portal.css', '/assets/i18n.js', swaggerScript]) {
      const plain = await get(url)
      t.equal(plain.statusCode, 200, url)
      t.equal(plain.headers['content-encoding'], undefined, `${url}: as is to a client that accepts no encoding`)
      const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' })
      t.equal(br.headers['content-encoding'], 'br', `${url}: brotli to a browser`)
      t.match(String(br.headers.vary), /accept-encoding/i, `${url}: says that it varies`)
      t.ok(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload), `${url}: the same bytes`)
      t.ok(br.rawPayload.length < plain.rawPayload.length / 2, `${url}: less than half of them (${br.rawPayload.length} of ${plain.rawPayload.length})`)
      const gzip = await get(url, { 'accept-encoding': 'gzip' })
      t.equal(gzip.headers['content-encoding'], 'gzip', `${url}: gzip to a client that only takes gzip`)
      t.ok(gunzipSync(gzip.rawPayload).equals(plain.rawPayload), `${url}: the same bytes in gzip`)
    }
    for (const url of ['/assets/portal.css', swaggerScript]) {
      t.equal((await get(url, { 'content-encoding': 'xyz' })).statusCode, 200, `${url}: a stray Content-Encoding on a GET changes nothing`)
    }
    const page = await get('/fr/about', { 'accept-encoding': 'br' })
    t.equal(page.statusCode, 200, 'pages are compressed by the read cache as before')
  })

  t.test('an unchanged page answers 304 to its ETag', async (t) => {
    const first = await get('/fr/about')
    const again = await get('/fr/about', { 'if-none-match': String(first.headers.etag) })
    t.equal(again.statusCode, 304)
  })

  t.test('a project with more resources than its page shows links to its collections’ lists, narrowed to it', async (t) => {
    const slug = 'jordan-valley-water-user-committees'
    const project = (await get(`/v1/projects/${slug}?lang=fr`)).json() as { id: string; title: { text: string } }
    const cards = (html: string, lang: string) => [...html.matchAll(new RegExp(`<a href="/${lang}/resources/([a-z0-9-]+)">`, 'g'))].map((m) => m[1]!)
    const api = async (url: string) => ((await get(url)).json() as { items: { slug: string }[] }).items.map((item) => item.slug)
    t.same(await api(`/v1/resources?project=${project.id}`), [], 'the case this test is about: a project with no resource yet')
    // Thirteen documents, all in the library: one more than the page shows.
    for (let n = 1; n <= 13; n++) {
      await createResource(database.db, resourceInput({ slug: `rapport-vallee-${n}`, ownerSlug: 'jamaity', collection: 'library', kind: 'report', title: { fr: `Rapport de la vallée ${n}` }, projectIds: [project.id], publishedOn: `2025-01-${String(n).padStart(2, '0')}`, state: 'published' }))
    }
    for (const [lang, library] of [['ar', 'كل وثائقه في المكتبة'], ['fr', 'Tous ses documents de la bibliothèque'], ['en', 'All its library documents']] as const) {
      const section = attachedResourcesSection((await get(`/${lang}/projects/${slug}`)).body)
      t.equal(section?.match(/<h3 class="card__title"/g)?.length, 12, `${lang}: twelve shown`)
      t.match(section, `<p class="more"><a href="/${lang}/library?project=${slug}">${library}</a></p>`, `${lang}: the library link`)
      t.notMatch(section, `/${lang}/learning?project=`, `${lang}: no learning link: it would lead to an empty list`)
    }

    const listed = await get(`/fr/library?project=${slug}`)
    t.equal(listed.statusCode, 200)
    t.same(cards(listed.body, 'fr'), await api(`/v1/resources?project=${slug}&collection=library&limit=10`), 'the first ten of its documents, as the API lists them')
    t.ok(
      decode(listed.body).includes(`<p class="scope">Ressources du projet <a href="/fr/projects/${slug}"><bdi dir="auto">${project.title.text}</bdi></a>. <a href="/fr/library">Voir toutes les ressources</a></p>`),
      'it says whose list it is, with the way back to everyone’s',
    )
    t.match(listed.body, new RegExp(`<wegov-resources collection="library" no-heading limit="10" project="${slug}"`), 'the widget that takes the list over is narrowed alike')
    t.match(listed.body, `<input type="hidden" name="project" value="${slug}">`, 'the filter form keeps it')
    t.match(listed.body, new RegExp(`<a rel="next" href="/fr/library\\?project=${slug}&amp;cursor=`), 'so does the next page’s link')
    const kind = await get(`/en/library?project=${slug}&kind=guide`)
    t.match(kind.body, /<a href="\/en\/library\?kind=guide">Show all resources<\/a>/, 'everyone’s keeps the other filters')

    const learning = await get(`/ar/learning?project=${slug}`)
    t.match(learning.body, /<p class="scope">موارد مشروع /, 'an empty collection says whose too')
    t.match(learning.body, /<p class="empty">/, 'and that it is empty')
    const unknown = await get('/fr/library?project=no-such-project')
    t.notMatch(unknown.body, /class="scope"|name="project"/, 'an unknown project narrows nothing')
    t.same(cards(unknown.body, 'fr'), await api('/v1/resources?collection=library&limit=10'), 'everyone’s list')
    t.notMatch((await get(`/fr/projects?project=${slug}`)).body, /class="scope"|name="project"/, 'projects are not narrowed to a project')
  })
})

t.test('content cannot inject markup into the page or its JSON-LD', async (t) => {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  await createProject(database.db, projectInput({ slug: 'hostile', title: { fr: `Titre ${INJECTION}` }, summary: { fr: `<img src=x onerror=alert(1)> & co` } }))
  await createResource(database.db, resourceInput({ slug: 'only-in-french', title: { fr: 'Seulement en français' }, summary: { fr: 'Résumé' } }))
  const app = await buildTestApp(t, { database })

  const res = await app.inject({ method: 'GET', url: '/en/projects/hostile' })
  t.equal(res.statusCode, 200)
  t.notMatch(res.body, '<script>alert', 'no script element from content')
  t.notMatch(res.body, '<img src=x', 'no element from content')
  t.equal(res.body.match(/<\/script>/g)?.length, res.body.match(/<script[\s>]/g)?.length, 'every script element closes where it should')
  const ld = jsonLd(res.body)
  t.equal(ld.name, `Titre ${INJECTION}`, 'the JSON-LD still carries the exact title')
  t.equal(meta(res.body, 'property', 'og:title')[0], `Titre ${INJECTION}`)
  t.match(res.body, 'Titre &lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')

  const fallback = await app.inject({ method: 'GET', url: '/en/resources/only-in-french' })
  t.match(fallback.body, '<h1 lang="fr" dir="ltr">Seulement en français <span class="fallback" lang="en" dir="ltr">(in French)</span></h1>')
})

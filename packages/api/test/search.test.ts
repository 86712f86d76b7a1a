import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { updateProject, updateResource } from '../src/content/content-store.js'
import { ORGANISATIONS, addProject, addResource, createFixtureOrganisations, projectInput, resourceInput } from './helpers/content-fixtures.js'
import { buildTestApp } from './helpers/test-app.js'

async function search(app: FastifyInstance, path: string, q: string, extra = '') {
  const res = await app.inject({ method: 'GET', url: `${path}?q=${encodeURIComponent(q)}${extra}` })
  if (res.statusCode !== 200) throw new Error(`${path} q=${q} answered ${res.statusCode}: ${res.body}`)
  return res.json() as { items: { slug: string; title: { text: string; lang: string; fallback: boolean } }[]; nextCursor: string | null }
}

const slugs = async (app: FastifyInstance, path: string, q: string, extra = '') =>
  (await search(app, path, q, extra)).items.map((item) => item.slug).sort()

t.test('full-text search in Arabic, French and English', async (t) => {
  const app = await buildTestApp(t)
  await createFixtureOrganisations(app.db)

  const governance = await addProject(app.db, {
    slug: 'local-governance',
    title: { ar: 'تعزيز الحَوْكَمَة المحلية في البلديات' },
    summary: { ar: 'تكوين أعوان الإدارة العمومية على المساءلة' },
    originalLang: 'ar',
  })
  const democracy = await addProject(app.db, {
    slug: 'participatory-democracy',
    title: { fr: 'Démocratie participative à Sfax', ar: 'الديمقراطية التشاركية في صفاقس' },
    summary: { fr: 'Avec le soutien du PNUD et de l’UNDP.' },
    originalLang: 'fr',
  })
  const budgets = await addProject(app.db, {
    slug: 'open-budgets',
    title: { en: 'Open budgets for cities', fr: 'Budgets ouverts pour les villes' },
    originalLang: 'en',
  })
  const transparencyTitle = await addResource(app.db, {
    slug: 'transparency-title',
    title: { ar: 'الشفافية في الميزانية', fr: 'Transparence budgétaire' },
    originalLang: 'ar',
    languages: ['ar'],
  })
  const transparencyBody = await addResource(app.db, {
    slug: 'transparency-body',
    title: { fr: 'Guide des marchés publics' },
    body: { fr: '<p>La <strong>transparence</strong> des achats publics.</p>' },
  })
  await addResource(app.db, { slug: 'unrelated', title: { en: 'Water and sanitation' }, originalLang: 'en' })
  // Rewritten after creation: the search index must follow the new text, not the old one.
  const renamed = await addProject(app.db, { slug: 'renamed-project', title: { fr: 'Ancien intitulé caduc' } })
  t.ok(
    await updateProject(app.db, renamed.id, projectInput({
      slug: renamed.slug,
      title: { fr: 'Observatoire des marchés' },
      participants: [{ organisationSlug: ORGANISATIONS.network, role: 'implementing' }],
    })),
  )
  const rewritten = await addResource(app.db, { slug: 'rewritten-resource', title: { fr: 'Brouillon obsolète' } })
  t.ok(await updateResource(app.db, rewritten.id, resourceInput({ slug: rewritten.slug, title: { fr: 'Fiche sur les pétitions' } })))
  t.notOk(await updateProject(app.db, '00000000-0000-4000-8000-000000000000', projectInput()), 'nothing to update')

  t.test('Arabic: spelling variants typed by readers all find the record', async (t) => {
    for (const q of [
      'الحوكمة', // as written, without the diacritics of the record
      'الحوكمه', // ه for ة
      'الحوكمـــة', // tatweel
      'الحَوْكَمَةُ', // other diacritics
      'والحوكمة', // و + ال
      'للحوكمة', // ل + ال
      'حوكمة المحلية',
      'الادارة', // bare alef for إ
      'الأدارة', // wrong hamza
      'العموميّة',
    ]) {
      t.same(await slugs(app, '/v1/projects', q), [governance.slug], q)
    }
  })

  t.test('Arabic: a query of stop-words only is an empty page, not an error', async (t) => {
    t.same(await search(app, '/v1/projects', 'في من على'), { items: [], nextCursor: null })
    t.same(await search(app, '/v1/resources', 'في'), { items: [], nextCursor: null })
    t.same(await search(app, '/v1/projects', '!!! ؟؟'), { items: [], nextCursor: null }, 'punctuation only')
  })

  t.test('French is accent- and case-insensitive', async (t) => {
    for (const q of ['democratie', 'Démocratie', 'DEMOCRATIE', 'démocratie participative', 'participatives']) {
      t.same(await slugs(app, '/v1/projects', q), [democracy.slug], q)
    }
  })

  t.test('English stems: city finds cities', async (t) => {
    t.same(await slugs(app, '/v1/projects', 'city budget'), [budgets.slug])
    t.same(await slugs(app, '/v1/projects', 'open'), [budgets.slug])
  })

  t.test('names and acronyms match from any language', async (t) => {
    t.same(await slugs(app, '/v1/projects', 'undp'), [democracy.slug])
    t.same(await slugs(app, '/v1/projects', 'PNUD'), [democracy.slug])
  })

  t.test('cross-language: an Arabic query finds the record and serves the reader’s language', async (t) => {
    const page = await search(app, '/v1/projects', 'الديمقراطية', '&lang=fr')
    t.equal(page.items.length, 1)
    t.same(page.items[0]!.title, { text: 'Démocratie participative à Sfax', lang: 'fr', dir: 'ltr', fallback: false })
    const resources = await search(app, '/v1/resources', 'الشفافية', '&lang=fr')
    t.same(resources.items.map((r) => r.title.text), ['Transparence budgétaire'])
    const arabicOnly = await search(app, '/v1/projects', 'الحوكمة', '&lang=en')
    t.same(arabicOnly.items[0]!.title, { text: 'تعزيز الحَوْكَمَة المحلية في البلديات', lang: 'ar', dir: 'rtl', fallback: true })
  })

  t.test('relevance: a title match ranks above a body match', async (t) => {
    const page = await search(app, '/v1/resources', 'transparence')
    t.same(page.items.map((r) => r.slug), [transparencyTitle.slug, transparencyBody.slug])
  })

  t.test('search combines with filters and pages by relevance without skipping or repeating', async (t) => {
    t.same(await slugs(app, '/v1/resources', 'transparence', '&kind=guide'), [])
    t.same(await slugs(app, '/v1/resources', 'transparence', '&language=ar'), [transparencyTitle.slug])
    t.same(await slugs(app, '/v1/resources', 'transparence', '&upcoming=true'), [])
    const all = (await search(app, '/v1/projects', 'budgets OR democratie OR الحوكمة')).items.map((p) => p.slug)
    t.equal(all.length, 3, 'websearch syntax: or')
    const walked: string[] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof search>> = await search(
        app, '/v1/projects', 'budgets OR democratie OR الحوكمة', `&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      )
      walked.push(...page.items.map((p) => p.slug))
      cursor = page.nextCursor
    } while (cursor && walked.length < 10)
    t.same(walked, all)
  })

  t.test('updates re-index the record', async (t) => {
    t.same(await slugs(app, '/v1/projects', 'caduc'), [], 'the old words no longer match')
    t.same(await slugs(app, '/v1/projects', 'observatoire'), [renamed.slug])
    t.same(await slugs(app, '/v1/resources', 'obsolète'), [])
    t.same(await slugs(app, '/v1/resources', 'petition'), [rewritten.slug])
    const project = await app.inject({ method: 'GET', url: `/v1/projects/${renamed.slug}` })
    t.match(project.json().participants, [{ organisation: { slug: ORGANISATIONS.network }, role: 'implementing' }])
  })

  t.test('a cursor from another ordering is refused', async (t) => {
    const listed = await app.inject({ method: 'GET', url: '/v1/projects?limit=1' })
    const res = await app.inject({ method: 'GET', url: `/v1/projects?q=budgets&cursor=${listed.json().nextCursor}` })
    t.equal(res.statusCode, 400)
    t.equal(res.json().code, 'WEGOV_BAD_CURSOR')
  })

  t.test('limits', async (t) => {
    const long = await app.inject({ method: 'GET', url: `/v1/resources?q=${'a'.repeat(201)}` })
    t.equal(long.statusCode, 400)
    t.equal(long.json().code, 'WEGOV_QUERY_TOO_LONG')
    const arabicLong = await app.inject({ method: 'GET', url: `/v1/projects?q=${encodeURIComponent('ح'.repeat(201))}` })
    t.equal(arabicLong.json().code, 'WEGOV_QUERY_TOO_LONG')
    const justRight = await app.inject({ method: 'GET', url: `/v1/projects?q=${'a'.repeat(200)}` })
    t.equal(justRight.statusCode, 200)
  })
})

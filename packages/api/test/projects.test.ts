import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { createOrganisation, createProject, deleteContent } from '../src/content/content-store.js'
import { ORGANISATIONS, addProject, createFixtureOrganisations, projectInput } from './helpers/content-fixtures.js'
import { buildTestApp } from './helpers/test-app.js'

interface ProjectJson {
  id: string
  slug: string
  title: { text: string; lang: string; dir: string; fallback: boolean }
  [field: string]: unknown
}
interface PageJson {
  items: ProjectJson[]
  nextCursor: string | null
}

async function getJson(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url, headers })
  return { status: res.statusCode, body: res.json(), headers: res.headers }
}

/** Follows nextCursor to the end and returns every slug in order. */
async function walk(app: FastifyInstance, url: string, limit: number): Promise<string[]> {
  const slugs: string[] = []
  let cursor: string | null = null
  for (let pageNumber = 0; pageNumber < 50; pageNumber++) {
    const separator = url.includes('?') ? '&' : '?'
    const pageUrl: string = `${url}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`
    const { status, body } = await getJson(app, pageUrl)
    if (status !== 200) throw new Error(`${pageUrl} answered ${status}`)
    const page = body as PageJson
    if (page.items.length > limit) throw new Error('a page is longer than its limit')
    slugs.push(...page.items.map((item) => item.slug))
    cursor = page.nextCursor
    if (!cursor) return slugs
  }
  throw new Error('pagination did not end')
}

t.test('projects', async (t) => {
  const app = await buildTestApp(t)
  await createFixtureOrganisations(app.db)

  const full = await addProject(app.db, {
    slug: 'municipal-budgets',
    title: { ar: 'الميزانيات البلدية التشاركية', fr: 'Budgets municipaux participatifs', en: 'Participatory municipal budgets' },
    summary: { fr: 'Des citoyens votent une part du budget.', en: 'Citizens vote on part of the budget.' },
    description: { fr: 'Dans vingt communes.' },
    originalLang: 'fr',
    status: 'implementation',
    plannedStart: '2024-01-15',
    plannedEnd: '2026-12-31',
    actualStart: '2024-02-01',
    countries: ['TN', 'JO'],
    themes: ['local-democracy', 'transparency'],
    participants: [
      { organisationSlug: ORGANISATIONS.network, role: 'implementing' },
      { organisationSlug: ORGANISATIONS.funder, role: 'funding' },
    ],
    budget: { amount: 250000.5, currency: 'EUR' },
    website: 'https://budgets.example.org',
    contact: { name: 'Équipe projet', url: 'https://budgets.example.org/contact' },
  })
  const arabicOnly = await addProject(app.db, {
    slug: 'youth-councils',
    ownerSlug: ORGANISATIONS.network,
    title: { ar: 'مجالس الشباب المحلية' },
    originalLang: 'ar',
    status: 'pipeline',
    countries: ['LY'],
    themes: ['youth'],
  })
  const closed = await addProject(app.db, {
    slug: 'open-procurement',
    ownerSlug: ORGANISATIONS.funder,
    title: { en: 'Open procurement' },
    originalLang: 'en',
    status: 'closed',
    countries: ['PS'],
    themes: ['anti-corruption'],
  })
  const suspended: string[] = []
  for (let i = 0; i < 4; i++) suspended.push((await addProject(app.db, { status: 'suspended', countries: ['JO'] })).slug)
  const removed = await addProject(app.db, { slug: 'removed-project', title: { fr: 'Projet supprimé' } })
  t.ok(await deleteContent(app.db, 'project', removed.id), 'the project is deleted')
  t.notOk(await deleteContent(app.db, 'project', removed.id), 'a second delete finds nothing to delete')
  await t.rejects(createProject(app.db, projectInput({ ownerSlug: 'nobody-we-know' })), /Unknown organisation slug\(s\): nobody-we-know/)
  await t.rejects(
    createProject(app.db, projectInput({ participants: [{ organisationSlug: 'ghost-org', role: 'funding' }] })),
    /ghost-org/,
  )
  await t.rejects(createProject(app.db, projectInput({ website: 'javascript:alert(1)' })), /http\(s\) URL/)
  await t.rejects(createProject(app.db, projectInput({ slug: 'Bad Slug' })), /Invalid slug/)
  const selfOwned = await createOrganisation(app.db, {
    slug: 'self-owned', name: { en: 'Self-owned' }, originalLang: 'en', kind: 'ngo', country: 'TN', ownerSlug: 'self-owned',
  })
  t.ok(selfOwned.id, 'an organisation may name itself as owner')
  const newestFirst = [...suspended.reverse(), closed.slug, arabicOnly.slug, full.slug]

  t.test('lists live projects newest first, with every field', async (t) => {
    const { status, body, headers } = await getJson(app, '/v1/projects?lang=en')
    t.equal(status, 200)
    t.match(headers['content-type'], /^application\/json/)
    t.same(body.items.map((p: ProjectJson) => p.slug), newestFirst)
    t.equal(body.nextCursor, null)
    const project = body.items.find((p: ProjectJson) => p.slug === full.slug)
    const { participants: _p, owner: _o, createdAt, updatedAt, ...rest } = project
    t.same(rest, {
      id: full.id,
      slug: 'municipal-budgets',
      title: { text: 'Participatory municipal budgets', lang: 'en', dir: 'ltr', fallback: false },
      summary: { text: 'Citizens vote on part of the budget.', lang: 'en', dir: 'ltr', fallback: false },
      description: { text: 'Dans vingt communes.', lang: 'fr', dir: 'ltr', fallback: true },
      originalLang: 'fr',
      status: 'implementation',
      dates: { plannedStart: '2024-01-15', plannedEnd: '2026-12-31', actualStart: '2024-02-01', actualEnd: null },
      countries: ['TN', 'JO'],
      themes: ['local-democracy', 'transparency'],
      budget: { amount: 250000.5, currency: 'EUR' },
      website: 'https://budgets.example.org',
      contact: { name: 'Équipe projet', url: 'https://budgets.example.org/contact' },
    })
    t.match(createdAt, /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/)
    t.match(updatedAt, /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/)
    t.match(project.participants, [
      { organisation: { slug: ORGANISATIONS.funder, name: { text: 'Jasmine Foundation', lang: 'en' }, logoUrl: null }, role: 'funding' },
      { organisation: { slug: ORGANISATIONS.network, name: { text: 'Open Government Network' } }, role: 'implementing' },
    ])
    t.match(project.owner, { slug: ORGANISATIONS.ngo, name: { text: 'جمعية الحوكمة المحلية', lang: 'ar', dir: 'rtl', fallback: true } })
    t.notOk(JSON.stringify(body).includes('@'), 'no email address in a public response')
  })

  t.test('serves one project by slug and by id', async (t) => {
    const bySlug = await getJson(app, `/v1/projects/${full.slug}?lang=fr`)
    t.equal(bySlug.status, 200)
    t.equal(bySlug.body.title.text, 'Budgets municipaux participatifs')
    t.equal(bySlug.body.participants.length, 2)
    const byId = await getJson(app, `/v1/projects/${full.id}?lang=fr`)
    t.same(byId.body, bySlug.body)
  })

  t.test('marks text served in another language than the one asked for', async (t) => {
    const { body } = await getJson(app, `/v1/projects/${arabicOnly.slug}?lang=en`)
    t.same(body.title, { text: 'مجالس الشباب المحلية', lang: 'ar', dir: 'rtl', fallback: true })
    t.equal(body.summary, null, 'an absent text is null')
    t.equal(body.originalLang, 'ar')
    const arabic = await getJson(app, `/v1/projects/${arabicOnly.slug}`, { 'accept-language': 'ar-TN,ar;q=0.9' })
    t.same(arabic.body.title, { text: 'مجالس الشباب المحلية', lang: 'ar', dir: 'rtl', fallback: false })
    t.equal(arabic.headers['content-language'], 'ar')
  })

  t.test('filters', async (t) => {
    const slugsOf = async (query: string) => (await getJson(app, `/v1/projects?${query}`)).body.items.map((p: ProjectJson) => p.slug)
    t.same(await slugsOf('country=LY'), [arabicOnly.slug], 'country')
    t.same(await slugsOf('country=JO'), [...suspended, full.slug], 'country matches any of a project’s countries')
    t.same(await slugsOf('theme=transparency'), [full.slug], 'theme')
    t.same(await slugsOf('status=closed'), [closed.slug], 'status')
    t.same(await slugsOf(`organisation=${ORGANISATIONS.network}`), [arabicOnly.slug, full.slug], 'owner or participant')
    t.same(await slugsOf(`organisation=${ORGANISATIONS.funder}`), [closed.slug, full.slug], 'owner or participant')
    t.same(await slugsOf('organisation=nobody-we-know'), [], 'an unknown organisation is an empty page, not a 404')
    // The console lists what an organisation's editors can edit: its own, not those it takes part in.
    t.same(await slugsOf(`owner=${ORGANISATIONS.network}`), [arabicOnly.slug], 'owner only')
    t.same(await slugsOf(`owner=${ORGANISATIONS.funder}`), [closed.slug], 'owner only')
    t.same(await slugsOf('owner=nobody-we-know'), [], 'an unknown owner is an empty page')
    t.same(await slugsOf('status=suspended&country=TN'), [], 'filters combine with AND')
    t.same(await slugsOf('theme=youth&status=pipeline&country=LY'), [arabicOnly.slug])
  })

  t.test('pagination', async (t) => {
    const first = await getJson(app, '/v1/projects?limit=1')
    t.equal(first.body.items.length, 1)
    t.equal(first.body.items[0].slug, newestFirst[0])
    t.type(first.body.nextCursor, 'string')
    for (const limit of [1, 2, 3, 7, 100]) {
      t.same(await walk(app, '/v1/projects', limit), newestFirst, `limit=${limit} walks every project once, in order`)
    }
    const exact = await getJson(app, '/v1/projects?status=suspended&limit=2')
    t.equal(exact.body.items.length, 2)
    const last = await getJson(app, `/v1/projects?status=suspended&limit=2&cursor=${exact.body.nextCursor}`)
    t.same(last.body.items.map((p: ProjectJson) => p.slug), suspended.slice(2))
    t.equal(last.body.nextCursor, null, 'an exact multiple of the limit ends without an empty page')
    for (const limit of ['0', '101', '-1', 'ten']) {
      const bad = await getJson(app, `/v1/projects?limit=${limit}`)
      t.equal(bad.status, 400, `limit=${limit}`)
      t.equal(bad.body.code, 'WEGOV_LIMIT_OUT_OF_RANGE')
    }
  })

  t.test('a deleted project is gone: 410, out of lists, listed as a deletion', async (t) => {
    const gone = await getJson(app, `/v1/projects/${removed.slug}`)
    t.equal(gone.status, 410)
    t.equal(gone.body.code, 'WEGOV_GONE')
    t.match(gone.headers['content-type'], /^application\/problem\+json/)
    t.equal((await getJson(app, `/v1/projects/${removed.id}`)).status, 410)
    t.notOk((await walk(app, '/v1/projects', 3)).includes(removed.slug))
    const deletions = await getJson(app, '/v1/deletions')
    t.equal(deletions.status, 200)
    t.match(deletions.body.items, [{ type: 'project', id: removed.id, slug: removed.slug, deletedAt: String }])
    const since = await getJson(app, `/v1/deletions?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)
    t.same(since.body.items, [], 'nothing deleted after a later instant')
  })

  t.test('unknown and malformed identifiers', async (t) => {
    const missing = await getJson(app, '/v1/projects/no-such-project')
    t.equal(missing.status, 404)
    t.equal(missing.body.code, 'WEGOV_NOT_FOUND')
    t.equal((await getJson(app, '/v1/projects/00000000-0000-4000-8000-000000000000')).status, 404)
    const malformed = await getJson(app, '/v1/projects/Not_A_Slug!')
    t.equal(malformed.status, 400)
    t.equal(malformed.body.code, 'WEGOV_INVALID_ID')
  })
})

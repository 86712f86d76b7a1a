import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import t from 'tap'
import { openDatabase } from '../src/db/database.js'
import { createProject, updateProject } from '../src/content/content-store.js'
import { DEMO_PROJECTS } from '../src/demo/demo-projects.js'
import { type DemoCounts, loadDemoContent } from '../src/demo/load-demo.js'
import {
  COLLECTIONS,
  PARTICIPATION_ROLES,
  PROJECT_STATUSES,
  RESOURCE_KINDS,
  THEMES,
} from '../src/domains/vocabulary/terms.js'
import { LANGS } from '../src/i18n/languages.js'
import { projectInput } from './helpers/content-fixtures.js'
import { DIALECT, buildTestApp, openTestDatabase } from './helpers/test-app.js'

/**
 * The demo content is the first thing a visitor sees, so its promises are checked as a visitor meets
 * them: through the public API, in each language.
 */

/** The day the demo was written for: statuses are judged against it, never against the clock. */
const DEMO_TODAY = '2026-11-24'
/** The hub opened then: every demo record was made between that day and DEMO_TODAY. */
const HUB_OPENED = '2025-01-01'
const MARKER = { ar: '[تجريبي]', fr: '[Démo]', en: '[Demo]' } as const
const COUNTRIES = ['TN', 'LY', 'PS', 'JO']
const WEGOV_PARTNERS = ['gvc', 'accun', 'maan', 'hai', 'achrs', 'ya-basta', 'jamaity']

type Lang = (typeof LANGS)[number]
interface Text {
  text: string
  lang: Lang
  fallback: boolean
}
interface Item {
  slug: string
  [field: string]: unknown
}

async function getJson<T>(app: FastifyInstance, url: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url })
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body}`)
  return res.json() as T
}

/** Every item of a list, following nextCursor. */
async function listAll<T extends Item>(app: FastifyInstance, path: string, lang: Lang): Promise<T[]> {
  const items: T[] = []
  let cursor: string | null = null
  do {
    const page: { items: T[]; nextCursor: string | null } = await getJson(
      app,
      `${path}${path.includes('?') ? '&' : '?'}lang=${lang}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    )
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

function countBy<T>(items: T[], keys: (item: T) => string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) for (const key of new Set(keys(item))) counts.set(key, (counts.get(key) ?? 0) + 1)
  return counts
}

function onExampleOrg(url: unknown): boolean {
  return url === null || (typeof url === 'string' && /^https:\/\/([a-z0-9-]+\.)*example\.org(\/|$)/.test(url))
}

function markedAsDemo(text: Text | null): boolean {
  return text !== null && text.text.includes(MARKER[text.lang])
}

t.test('loads the demo into an empty database, once, and it keeps its promises', async (t) => {
  const database = await openTestDatabase(t)
  const loaded = await loadDemoContent(database.db)
  if (!loaded) throw new Error('an empty database must get the demo')
  t.ok(loaded.projects > 20, 'more projects than a first page of 20 holds')
  t.ok(loaded.resources >= 24, 'at least 24 resources')
  const app = await buildTestApp(t, { database })

  t.test('organisations: the WeGov partners and a few others, marked as demo', async (t) => {
    for (const lang of LANGS) {
      const organisations = await listAll<Item & { description: Text | null; name: Text }>(app, '/v1/organisations', lang)
      t.equal(organisations.length, loaded.organisations, `all organisations listed in ${lang}`)
      t.ok(organisations.every((o) => markedAsDemo(o.description)), `every description marked as demo in ${lang}`)
      t.ok(organisations.every((o) => onExampleOrg(o.website)), 'websites only on example.org')
    }
    const partners = await listAll<Item & { kind: string }>(app, '/v1/organisations?partner=true', 'en')
    for (const slug of WEGOV_PARTNERS) t.ok(partners.some((o) => o.slug === slug), `${slug} is a partner`)
    t.equal(partners.find((o) => o.slug === 'jamaity')?.kind, 'network', 'Jamaity is the hub network')
    const others = await listAll<Item & { kind: string }>(app, '/v1/organisations?partner=false', 'en')
    for (const kind of ['public-authority', 'funder', 'citizen-group']) {
      t.ok(others.some((o) => o.kind === kind), `a non-partner ${kind}`)
    }
  })

  t.test('projects: four countries, every status, dates that fit the status', async (t) => {
    type Project = Item & {
      title: Text
      summary: Text | null
      status: string
      countries: string[]
      themes: string[]
      dates: { plannedStart: string | null; plannedEnd: string | null; actualStart: string | null; actualEnd: string | null }
      participants: { organisation: { slug: string }; role: string }[]
      budget: { amount: number; currency: string } | null
      website: string | null
      contact: { name: string; url: string | null } | null
    }
    const byLang = new Map<Lang, Project[]>()
    for (const lang of LANGS) byLang.set(lang, await listAll<Project>(app, '/v1/projects', lang))
    const projects = byLang.get('en')!
    t.equal(projects.length, loaded.projects, 'every loaded project is listed')
    for (const lang of LANGS) {
      t.ok(byLang.get(lang)!.every((p) => markedAsDemo(p.summary)), `every summary marked as demo in ${lang}`)
    }

    const perCountry = countBy(projects, (p) => p.countries)
    for (const country of COUNTRIES) t.ok((perCountry.get(country) ?? 0) >= 3, `at least 3 projects in ${country}`)
    const perStatus = countBy(projects, (p) => [p.status])
    for (const status of PROJECT_STATUSES.codes) t.ok(perStatus.has(status), `status ${status} used`)
    const roles = countBy(projects, (p) => p.participants.map((x) => x.role))
    for (const role of PARTICIPATION_ROLES.codes) t.ok(roles.has(role), `role ${role} used`)
    const currencies = countBy(projects, (p) => (p.budget ? [p.budget.currency] : []))
    for (const currency of ['EUR', 'USD', 'TND', 'JOD']) t.ok(currencies.has(currency), `a budget in ${currency}`)
    t.ok(projects.every((p) => p.themes.length >= 2 && p.themes.every((x) => (THEMES.codes as string[]).includes(x))), 'several known themes each')
    t.ok(projects.every((p) => p.participants.length >= 2), 'every project has participants')
    t.ok(projects.every((p) => onExampleOrg(p.website) && onExampleOrg(p.contact?.url ?? null)), 'links only on example.org')
    t.notOk(JSON.stringify(projects).includes('@'), 'no email address anywhere')

    for (const p of projects) {
      const { plannedStart, plannedEnd, actualStart, actualEnd } = p.dates
      t.ok(plannedStart && plannedEnd && plannedStart < plannedEnd, `${p.slug}: planned period`)
      if (p.status === 'closed') t.ok(actualStart && actualEnd && actualEnd < DEMO_TODAY, `${p.slug}: ended in the past`)
      if (p.status === 'pipeline') t.ok(!actualStart && plannedStart! > DEMO_TODAY, `${p.slug}: starts in the future`)
      if (p.status === 'cancelled') t.notOk(actualEnd, `${p.slug}: a cancelled project has no actual end`)
      if (['implementation', 'finalisation', 'suspended'].includes(p.status)) {
        t.ok(actualStart && actualStart < DEMO_TODAY && !actualEnd, `${p.slug}: started, not ended`)
      }
    }
  })

  t.test('resources: both collections, every kind twice, upcoming and recorded webinars', async (t) => {
    type Resource = Item & {
      collection: string
      kind: string
      title: Text
      summary: Text | null
      languages: string[]
      url: string | null
      file: { url: string; type: string; size: number } | null
      themes: string[]
      publishedOn: string | null
      licence: string | null
      webinar: { startsAt: string; endsAt: string | null; joinUrl: string | null; recordingUrl: string | null } | null
      durationSeconds: number | null
    }
    const byLang = new Map<Lang, Resource[]>()
    for (const lang of LANGS) byLang.set(lang, await listAll<Resource>(app, '/v1/resources', lang))
    const resources = byLang.get('fr')!
    t.equal(resources.length, loaded.resources, 'every loaded resource is listed')
    for (const lang of LANGS) {
      t.ok(byLang.get(lang)!.every((r) => markedAsDemo(r.summary)), `every summary marked as demo in ${lang}`)
    }

    const kinds = countBy(resources, (r) => [r.kind])
    for (const kind of RESOURCE_KINDS.codes) t.ok((kinds.get(kind) ?? 0) >= 2, `at least two of kind ${kind}`)
    const learningKinds = ['article', 'webinar', 'presentation', 'video']
    const libraryKinds = ['guide', 'report', 'toolkit', 'legal-text', 'article']
    for (const collection of COLLECTIONS.codes) t.ok(resources.some((r) => r.collection === collection), `${collection} used`)
    t.ok(
      resources.every((r) => (r.collection === 'learning' ? learningKinds : libraryKinds).includes(r.kind)),
      'kinds sit in the collection they belong to',
    )

    const webinars = resources.filter((r) => r.kind === 'webinar')
    const upcoming = webinars.filter((r) => r.webinar && r.webinar.startsAt.slice(0, 10) > DEMO_TODAY)
    const past = webinars.filter((r) => r.webinar && r.webinar.startsAt.slice(0, 10) < DEMO_TODAY)
    t.ok(upcoming.length >= 3, 'at least 3 upcoming webinars')
    t.ok(upcoming.every((r) => r.webinar!.joinUrl && r.webinar!.endsAt! > r.webinar!.startsAt), 'upcoming ones can be joined')
    t.ok(past.length >= 2 && past.every((r) => r.webinar!.recordingUrl), 'past ones have a recording')
    t.ok(resources.filter((r) => r.kind === 'video').every((r) => (r.durationSeconds ?? 0) > 0), 'videos have a duration')
    const files = resources.filter((r) => r.file)
    t.ok(files.length >= 10 && files.every((r) => r.file!.type.includes('/') && r.file!.size > 0), 'files have a type and a size')
    t.ok(resources.every((r) => r.languages.length > 0 && r.licence && r.url !== undefined), 'languages and licence on all')
    t.ok(resources.filter((r) => r.publishedOn).length >= resources.length - 1, 'publication dates')
    t.ok(resources.every((r) => r.themes.every((x) => (THEMES.codes as string[]).includes(x))), 'known themes')
    t.ok(
      resources.every((r) => [r.url, r.file?.url ?? null, r.webinar?.joinUrl ?? null, r.webinar?.recordingUrl ?? null].every(onExampleOrg)),
      'links only on example.org',
    )

    let withRichBody = 0
    for (const r of resources) {
      const detail = await getJson<{ body: Text | null }>(app, `/v1/resources/${r.slug}?lang=fr`)
      if (detail.body && /<p>/.test(detail.body.text) && /<li>/.test(detail.body.text)) withRichBody++
    }
    t.ok(withRichBody >= 3, 'some resources have a short HTML body')
  })

  t.test('newest first is the order the demo was recorded in, over 2025-2026', async (t) => {
    type Recorded = Item & { createdAt: string; updatedAt: string }
    const page = await getJson<{ items: Recorded[]; nextCursor: string | null }>(app, '/v1/projects?lang=ar')
    t.equal(page.items.length, 20, 'a full first page')
    t.ok(page.nextCursor, 'with more behind it')
    const created = page.items.map((p) => p.createdAt)
    t.ok(created.every((at, i) => i === 0 || created[i - 1]! > at), `strictly newest first: ${created.join(' ')}`)
    const newest = DEMO_PROJECTS.reduce((a, b) => (Date.parse(b.createdAt!) > Date.parse(a.createdAt!) ? b : a))
    t.equal(page.items[0]!.slug, newest.slug, 'the newest demo project leads')
    t.equal(page.items[0]!.createdAt, new Date(newest.createdAt!).toISOString(), 'at the time it was recorded')

    const projects = await listAll<Recorded>(app, '/v1/projects', 'en')
    const resources = await listAll<Recorded & { publishedOn: string | null; webinar: { startsAt: string } | null }>(app, '/v1/resources', 'en')
    const organisations = await listAll<Recorded>(app, '/v1/organisations', 'en')
    const records = [...projects, ...resources, ...organisations]
    t.ok(records.every((r) => r.createdAt >= HUB_OPENED && r.createdAt < DEMO_TODAY), 'every record made between the hub opening and the demo day')
    t.ok(records.every((r) => r.updatedAt === r.createdAt), 'and not edited since')
    t.equal(new Set([...projects, ...resources].map((r) => r.createdAt)).size, projects.length + resources.length, 'no two at the same instant')
    t.ok(resources.every((r) => !r.publishedOn || r.createdAt.slice(0, 10) >= r.publishedOn), 'resources recorded once published')
    t.ok(resources.every((r) => !r.webinar || r.createdAt < r.webinar.startsAt), 'webinars recorded before they start')
    const firstContent = [...projects, ...resources].map((r) => r.createdAt).sort()[0]!
    t.ok(organisations.every((o) => o.createdAt < firstContent), 'organisations recorded before any of their content')
  })

  t.test('some content is in one or two languages only, so fallback shows', async (t) => {
    const titlesIn = async (path: string) => {
      const missing = new Map<string, number>()
      for (const lang of LANGS) {
        for (const item of await listAll<Item & { title: Text }>(app, path, lang)) {
          if (item.title.fallback) missing.set(item.slug, (missing.get(item.slug) ?? 0) + 1)
        }
      }
      return missing
    }
    const partial = [...(await titlesIn('/v1/projects')), ...(await titlesIn('/v1/resources'))]
    const share = partial.length / (loaded.projects + loaded.resources)
    t.ok(share >= 0.1 && share <= 0.35, `about a fifth is partly translated (${Math.round(share * 100)}%)`)
    t.ok(partial.some(([, missing]) => missing === 2), 'some items exist in one language only')
    t.ok(partial.some(([, missing]) => missing === 1), 'some items exist in two languages')
  })

  t.test('search demos find the demo vocabulary', async (t) => {
    for (const q of ['الحوكمة', 'والشفافية', 'البلديات', 'المشاركة', 'budget participatif', 'décentralisation', 'transparency', 'youth councils']) {
      const page = await getJson<{ items: Item[] }>(app, `/v1/projects?q=${encodeURIComponent(q)}`)
      t.ok(page.items.length > 0, `projects match "${q}"`)
    }
    for (const q of ['open data', 'démocratie locale', 'الشفافية']) {
      const page = await getJson<{ items: Item[] }>(app, `/v1/resources?q=${encodeURIComponent(q)}`)
      t.ok(page.items.length > 0, `resources match "${q}"`)
    }
  })

  t.test('a second call loads nothing', async (t) => {
    t.equal(await loadDemoContent(database.db), null)
    const organisations = await listAll<Item>(app, '/v1/organisations', 'fr')
    t.equal(organisations.length, loaded.organisations, 'no duplicate organisations')
  })

  // Last, as it adds a project: how the demo's createdAt reaches the database.
  t.test('a creation time given to the store is kept, and an update does not change it', async (t) => {
    const input = projectInput({ ownerSlug: 'accun', createdAt: '2025-06-01T12:30:00+02:00' })
    const { id } = await createProject(database.db, input)
    await t.rejects(createProject(database.db, projectInput({ ownerSlug: 'accun', createdAt: '2025-06-01T12:30:00' })), /ISO instant with a time zone/)
    t.ok(await updateProject(database.db, id, { ...input, title: { fr: 'Renommé' }, createdAt: '2020-01-01T00:00:00Z' }))
    const project = await getJson<{ title: Text; createdAt: string; updatedAt: string }>(app, `/v1/projects/${input.slug}?lang=fr`)
    t.equal(project.title.text, 'Renommé')
    t.equal(project.createdAt, '2025-06-01T10:30:00.000Z', 'the given instant, in UTC')
    t.ok(project.updatedAt > project.createdAt, 'the update moved updatedAt only')
  })
})

t.test('a database that has content gets no demo', async (t) => {
  const database = await openTestDatabase(t)
  await database.db
    .insertInto('organisations')
    .values({
      id: '00000000-0000-4000-8000-000000000001',
      owner_organisation_id: '00000000-0000-4000-8000-000000000001',
      slug: 'already-here',
      name: JSON.stringify({ fr: 'Déjà là' }),
      description: '{}',
      original_lang: 'fr',
      kind: 'ngo',
      country: 'TN',
      // A tombstone still means the database is in use.
      deleted_at: new Date('2026-01-01T00:00:00Z'),
    })
    .execute()
  t.equal(await loadDemoContent(database.db), null)
  const projects = await database.db.selectFrom('projects').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
  t.equal(projects.n, 0)
})

t.test('two instances starting at once load the demo exactly once', async (t) => {
  const first = await openTestDatabase(t)
  // On PostgreSQL the second instance is a second pool on the same schema, as a second process would be.
  // PGlite is one process's file, so there the two loads share it, as two concurrent starts would.
  let second = first
  if (DIALECT === 'postgres') {
    const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(first.db)
    second = await openDatabase({ url: process.env.DATABASE_URL!, schema: rows[0]!.schema, poolSize: 2 })
    t.teardown(() => second.close())
  }
  const results: (DemoCounts | null)[] = await Promise.all([loadDemoContent(first.db), loadDemoContent(second.db)])
  t.equal(results.filter((r) => r !== null).length, 1, 'one instance loaded, the other found it done')
  const loaded = results.find((r) => r !== null)!
  const count = async (table: 'organisations' | 'projects' | 'resources') =>
    (await first.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n
  t.same(
    { organisations: await count('organisations'), projects: await count('projects'), resources: await count('resources') },
    loaded,
  )
})

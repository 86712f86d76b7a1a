import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { deleteContent } from '../src/content/content-store.js'
import { ANONYMOUS } from '../src/domains/accounts/actor.js'
import { updateOrganisationProfile } from '../src/domains/organisations/organisation-service.js'
import { encodeCursor } from '../src/http/cursor.js'
import { addProject, addResource, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { makeDraft, writeItem } from './helpers/content-changes.js'
import { buildTestApp } from './helpers/test-app.js'

interface Change {
  cursor: string
  at: string
  type: string
  id: string
  action: 'upsert' | 'delete'
  version: number | null
  origin: string
  item?: Record<string, unknown> & { title?: Record<string, string> }
}
interface ChangePage {
  items: Change[]
  nextCursor: string | null
  resumeCursor: string
}

const DAY_MS = 86_400_000

async function changes(app: FastifyInstance, query = ''): Promise<{ status: number; body: ChangePage & { code?: string }; raw: string; type: string }> {
  const response = await app.inject({ method: 'GET', url: `/v1/changes${query}` })
  return { status: response.statusCode, body: response.json(), raw: response.body, type: String(response.headers['content-type']) }
}

/** Every page from `since` on, following nextCursor: what a reader catching up receives. */
async function catchUp(app: FastifyInstance, since: string | undefined, limit: number): Promise<{ items: Change[]; resumeCursor: string }> {
  const items: Change[] = []
  let cursor = since
  for (let pages = 0; pages < 100; pages++) {
    const page = await changes(app, `?limit=${limit}${cursor ? `&since=${cursor}` : ''}`)
    if (page.status !== 200) throw new Error(`GET /v1/changes: ${page.status} ${page.raw}`)
    items.push(...page.body.items)
    if (!page.body.nextCursor) return { items, resumeCursor: page.body.resumeCursor }
    cursor = page.body.nextCursor
  }
  throw new Error('the feed never ended')
}

t.test('the public change feed', async (t) => {
  const app = await buildTestApp(t)
  await createFixtureOrganisations(app.db)
  const projectA = await addProject(app.db, { title: { ar: 'مشروع الشفافية', fr: 'Projet transparence' }, originalLang: 'ar' })
  const projectB = await addProject(app.db, { title: { fr: 'Projet budget participatif' } })
  const resource = await addResource(app.db, { title: { fr: 'Guide des budgets' } })
  const draft = await addProject(app.db, { title: { fr: 'Brouillon secret 7f3a' } })
  await makeDraft(app.db, 'project', draft.id)

  await t.test('an empty feed still gives a cursor to resume from', async (t) => {
    const empty = await changes(app)
    t.equal(empty.status, 200)
    t.same(empty.body.items, [])
    t.equal(empty.body.nextCursor, null)
    t.type(empty.body.resumeCursor, 'string')
  })

  await writeItem(app.db, 'project', projectA.id, { title: { ar: 'مشروع الشفافية', fr: 'Projet transparence', en: 'Transparency project' } })
  await writeItem(app.db, 'project', projectB.id, { title: { fr: 'Budget participatif, deuxième version' } })
  await writeItem(app.db, 'resource', resource.id, { title: { fr: 'Guide des budgets', en: 'Budget guide' } })
  // A later change of A: a catch-up reports A once, at this position.
  const latestA = await writeItem(app.db, 'project', projectA.id, { title: { ar: 'مشروع الشفافية', fr: 'Projet transparence (révisé)', en: 'Transparency project' } })
  await writeItem(app.db, 'project', draft.id, { title: { fr: 'Brouillon secret 7f3a, encore' } })

  t.test('public items in full, every language, each item once, in change-log order', async (t) => {
    const page = await changes(app)
    t.equal(page.status, 200)
    t.match(page.type, /^application\/json/)
    t.same(page.body.items.map((c) => [c.type, c.id, c.action]), [
      ['project', projectB.id, 'upsert'],
      ['resource', resource.id, 'upsert'],
      ['project', projectA.id, 'upsert'],
    ])
    const a = page.body.items[2]!
    t.equal(a.version, latestA.version, 'the version of the latest change')
    t.equal(a.origin, 'http://localhost')
    t.same(a.item?.title, { ar: 'مشروع الشفافية', fr: 'Projet transparence (révisé)', en: 'Transparency project' }, 'every language, as written')
    t.match(a.item, {
      id: projectA.id,
      slug: projectA.slug,
      originalLang: 'ar',
      owner: { slug: 'jamiyat-al-hawkama', name: { ar: 'جمعية الحوكمة المحلية' } },
      status: 'implementation',
      countries: ['TN'],
    })
    t.same(page.body.items[1]!.item?.title, { fr: 'Guide des budgets', en: 'Budget guide' })
    t.ok('body' in page.body.items[1]!.item!, 'a resource comes with its body, as its detail')
    t.notOk(page.raw.includes('7f3a'), 'no draft, not even its title')
    t.notOk(/actor|person|email|request/i.test(page.raw), 'no actor, no person, no request')
  })

  t.test('pages follow each other without gaps or repeats, and the reader resumes later', async (t) => {
    const { items, resumeCursor } = await catchUp(app, undefined, 1)
    t.same(items.map((c) => c.id), [projectB.id, resource.id, projectA.id])
    const idle = await changes(app, `?since=${resumeCursor}`)
    t.same(idle.body.items, [], 'nothing new')
    t.equal(idle.body.nextCursor, null)

    await writeItem(app.db, 'project', projectB.id, { state: 'draft' })
    t.ok(await deleteContent(app.db, 'resource', resource.id))
    const next = await catchUp(app, idle.body.resumeCursor, 50)
    t.same(next.items.map((c) => [c.id, c.action]), [[projectB.id, 'delete'], [resource.id, 'delete']], 'an unpublished and a deleted item are tombstones')
    t.notOk(next.items.some((c) => 'item' in c), 'a tombstone carries no item')
    t.notOk(JSON.stringify(next.items).includes('deuxième version'), 'the unpublished text is gone')

    await writeItem(app.db, 'project', projectB.id, { state: 'published' })
    const republished = await changes(app, `?since=${next.resumeCursor}`)
    t.same(republished.body.items.map((c) => [c.id, c.action]), [[projectB.id, 'upsert']])
    t.equal(republished.body.items[0]!.item?.slug, projectB.slug)
  })

  t.test('each item is reported in its current state, whatever the event said', async (t) => {
    const { items } = await catchUp(app, undefined, 100)
    const byId = new Map(items.map((c) => [c.id, c.action]))
    t.equal(byId.get(projectA.id), 'upsert')
    t.equal(byId.get(projectB.id), 'upsert')
    t.equal(byId.get(resource.id), 'delete')
    t.equal(items.length, 3, 'one entry per item')
    t.notOk(byId.has(draft.id), 'a draft that was never public never appears, even as a deletion')
  })

  t.test('a cursor older than the retention gets 410; a malformed one 400', async (t) => {
    const expired = await changes(app, `?since=${encodeCursor([1, Date.now() - 91 * DAY_MS])}`)
    t.equal(expired.status, 410)
    t.match(expired.type, /^application\/problem\+json/)
    t.equal(expired.body.code, 'WEGOV_CURSOR_EXPIRED')
    const recent = await changes(app, `?since=${encodeCursor([1, Date.now() - 89 * DAY_MS])}`)
    t.equal(recent.status, 200, 'within 90 days the cursor is good')
    const french = await app.inject({ method: 'GET', url: `/v1/changes?since=${encodeCursor([1, 0])}`, headers: { 'accept-language': 'fr' } })
    t.match(french.json().detail ?? french.json().title, /./)
    t.equal(french.json().lang, 'fr')
    for (const bad of ['not-a-cursor', encodeCursor(['x', 1]), encodeCursor([-1, Date.now()])]) {
      const malformed = await changes(app, `?since=${bad}`)
      t.equal(malformed.status, 400, bad)
      t.equal(malformed.body.code, 'WEGOV_BAD_CURSOR')
    }
    t.equal((await changes(app, '?limit=0')).status, 400)
    t.equal((await changes(app, '?limit=1001')).status, 400)
  })
})

t.test('an organisation’s profile change is in the feed, with its names in every language and no people', async (t) => {
  const app = await buildTestApp(t)
  await createFixtureOrganisations(app.db)
  const funder = await app.db.selectFrom('organisations').select('id').where('slug', '=', 'fondation-jasmin').executeTakeFirstOrThrow()
  await updateOrganisationProfile(app.db, { id: 'test-request', actor: ANONYMOUS }, funder.id, { name: { ar: 'مؤسسة الياسمين' } })
  const page = await changes(app)
  t.same(page.body.items.map((c) => [c.type, c.id, c.action]), [['organisation', funder.id, 'upsert']])
  t.same(page.body.items[0]!.item?.name, { fr: 'Fondation Jasmin', en: 'Jasmine Foundation', ar: 'مؤسسة الياسمين' })
  t.notOk(/actor|email|test-request/.test(page.raw), 'who changed it is the audit’s business, not the feed’s')
})

t.test('WEGOV_CHANGE_RETENTION_DAYS sets the horizon', async (t) => {
  const app = await buildTestApp(t, { config: { changeRetentionDays: 2 } })
  const threeDays = await changes(app, `?since=${encodeCursor([0, Date.now() - 3 * DAY_MS])}`)
  t.equal(threeDays.status, 410)
  const oneDay = await changes(app, `?since=${encodeCursor([0, Date.now() - 1 * DAY_MS])}`)
  t.equal(oneDay.status, 200)
})

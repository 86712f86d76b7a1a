import t from 'tap'
import { deleteContent } from '../src/content/content-store.js'
import { ORGANISATIONS, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

interface Organisation {
  id: string
  slug: string
  name: { text: string; lang: string; dir: string; fallback: boolean }
  kind: string
  country: string
  isPartner: boolean
}

t.test('organisations: list, filters, pagination, detail and fallback', async (t) => {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  const app = await buildTestApp(t, { database })
  const list = async (query: string) => {
    const res = await app.inject({ url: `/v1/organisations?${query}` })
    t.equal(res.statusCode, 200, query)
    return res.json() as { items: Organisation[]; nextCursor: string | null }
  }

  const all = await list('lang=en')
  t.same(all.items.map((o) => o.slug), [ORGANISATIONS.ngo, ORGANISATIONS.funder, ORGANISATIONS.network].sort(), 'ordered by slug')
  t.equal(all.nextCursor, null)

  t.same((await list('country=JO')).items.map((o) => o.slug), [ORGANISATIONS.network], 'country filter')
  t.same((await list('kind=funder')).items.map((o) => o.slug), [ORGANISATIONS.funder], 'kind filter')
  t.same((await list('partner=true')).items.map((o) => o.slug), [ORGANISATIONS.ngo], 'partner filter')
  t.equal((await list('partner=false')).items.length, 2)

  const seen: string[] = []
  let cursor: string | null = null
  do {
    const page = await list(`limit=1${cursor ? `&cursor=${cursor}` : ''}`)
    t.ok(page.items.length <= 1)
    seen.push(...page.items.map((o) => o.slug))
    cursor = page.nextCursor
  } while (cursor)
  t.same(seen, all.items.map((o) => o.slug), 'walking pages of one gives every organisation once')

  const ngo = all.items.find((o) => o.slug === ORGANISATIONS.ngo)!
  t.same(ngo.name, { text: 'جمعية الحوكمة المحلية', lang: 'ar', dir: 'rtl', fallback: true }, 'Arabic-only name marked as fallback in en')
  const bySlug = await app.inject({ url: `/v1/organisations/${ORGANISATIONS.funder}?lang=en` })
  t.equal(bySlug.json().name.text, 'Jasmine Foundation')
  const byId = await app.inject({ url: `/v1/organisations/${ngo.id}?lang=ar` })
  t.equal(byId.statusCode, 200)
  t.same(byId.json().name, { text: 'جمعية الحوكمة المحلية', lang: 'ar', dir: 'rtl', fallback: false })

  const missing = await app.inject({ url: '/v1/organisations/no-such-organisation' })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().code, 'WEGOV_NOT_FOUND')
  const malformed = await app.inject({ url: '/v1/organisations/Not_A_Slug!' })
  t.equal(malformed.statusCode, 400)
  t.equal(malformed.json().code, 'WEGOV_INVALID_ID')
  const badKind = await app.inject({ url: '/v1/organisations?kind=company' })
  t.equal(badKind.json().code, 'WEGOV_UNKNOWN_FILTER_VALUE')
  const badCursor = await app.inject({ url: '/v1/organisations?cursor=bm90LWpzb24' })
  t.equal(badCursor.json().code, 'WEGOV_BAD_CURSOR')
})

t.test('a deleted organisation answers 410 and leaves the list', async (t) => {
  const database = await openTestDatabase(t)
  await createFixtureOrganisations(database.db)
  const { id } = await database.db.selectFrom('organisations').select('id').where('slug', '=', ORGANISATIONS.network).executeTakeFirstOrThrow()
  await deleteContent(database.db, 'organisation', id)
  const app = await buildTestApp(t, { database })
  const gone = await app.inject({ url: `/v1/organisations/${ORGANISATIONS.network}` })
  t.equal(gone.statusCode, 410)
  t.equal(gone.json().code, 'WEGOV_GONE')
  const list = await app.inject({ url: '/v1/organisations' })
  t.notOk(list.json().items.some((o: Organisation) => o.slug === ORGANISATIONS.network))
})

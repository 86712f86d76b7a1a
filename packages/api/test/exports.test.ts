import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { createProject } from '../src/content/content-store.js'
import { loadDemoContent } from '../src/demo/load-demo.js'
import { EXPORT_COLLECTIONS, EXPORT_TABLES } from '../src/domains/open-data/export-tables.js'
import { browserOf } from './helpers/organisation-accounts.js'
import { projectInput } from './helpers/content-fixtures.js'
import { parseCsv } from './helpers/rfc4180.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/**
 * The bulk exports (issue 17) over the demo content: each collection as CSV and JSON Lines, read back as a
 * spreadsheet and a JSON Lines reader would; only public rows and fields; counts and licences; the Data Package.
 */

const ARABIC = /[\u0600-\u06FF]/
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/

interface Listed {
  id: string
  slug: string
}

async function listAll(app: FastifyInstance, path: string): Promise<Listed[]> {
  const items: Listed[] = []
  let cursor: string | null = null
  do {
    const res = await app.inject({ method: 'GET', url: `${path}?limit=100${cursor ? `&cursor=${cursor}` : ''}` })
    const page = res.json() as { items: Listed[]; nextCursor: string | null }
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

t.test('bulk exports of the demo content', async (t) => {
  const database = await openTestDatabase(t)
  if (!(await loadDemoContent(database.db))) throw new Error('an empty database must get the demo')
  const app = await buildTestApp(t, { database, config: { rateLimit: false, mailPollMs: 3_600_000, jobIntervalSeconds: 3600 } })

  // An owner chooses a licence for gvc (the first partner); a draft project and paper signatures are added.
  const gvc = (await app.inject({ method: 'GET', url: '/v1/organisations/gvc' })).json() as { id: string; licence: string }
  t.equal(gvc.licence, 'CC-BY-4.0', 'organisations publish under CC BY 4.0 unless they choose')
  const owner = await browserOf(app, 'owner@gvc.wegov.localhost')
  const refused = await owner.patch(`/v1/organisations/${gvc.id}/profile`, { licence: 'GPL-3.0' })
  t.equal(refused.statusCode, 400, 'a licence off the list is refused')
  const patched = await owner.patch(`/v1/organisations/${gvc.id}/profile`, { licence: 'CC-BY-SA-4.0' })
  t.equal(patched.statusCode, 200, patched.body)
  t.equal(patched.json().licence, 'CC-BY-SA-4.0', 'the owner’s choice is in the profile')
  t.equal((await app.inject({ method: 'GET', url: '/v1/organisations/gvc' })).json().licence, 'CC-BY-SA-4.0', 'and in the public organisation')
  const draft = projectInput({ ownerSlug: 'gvc', state: 'draft', title: { ar: 'مسودة مشروع سري' }, originalLang: 'ar' })
  await createProject(app.db, draft)
  const petitions = await listAll(app, '/v1/petitions')
  const paperPetition = petitions[0]!
  await app.db
    .insertInto('paper_signature_batches')
    .values({ id: randomUUID(), petition_id: paperPetition.id, organisation_id: gvc.id, count: 37, country: 'TN', collected_on: '2026-11-20' })
    .execute()

  const pkgRes = await app.inject({ method: 'GET', url: '/v1/exports/datapackage.json' })
  t.equal(pkgRes.statusCode, 200)
  const pkg = pkgRes.json() as {
    licenses: { name: string }[]
    resources: { name: string; path: string; format: string; mediatype: string; encoding: string; schema: { fields: { name: string; type: string }[] } }[]
  }
  t.equal(pkg.resources.length, 8, 'four collections in two formats')
  t.same(pkg.licenses.map((l) => l.name).sort(), ['CC-BY-4.0', 'CC-BY-NC-4.0', 'CC-BY-SA-4.0', 'CC0-1.0'])

  const dumps: Record<string, Record<string, unknown>[]> = {}
  for (const collection of EXPORT_COLLECTIONS) {
    t.test(collection, async (t) => {
      const csvRes = await app.inject({ method: 'GET', url: `/v1/exports/${collection}.csv` })
      t.equal(csvRes.statusCode, 200)
      t.equal(csvRes.headers['content-type'], 'text/csv; charset=utf-8')
      t.match(csvRes.headers['cache-control'], /^public, max-age=\d+/)
      const csvText = csvRes.rawPayload.toString('utf8')
      t.ok(csvText.startsWith('\uFEFF'), 'a byte order mark, so that Excel reads UTF-8')
      const [header, ...records] = parseCsv(csvText.slice(1))
      const csvResource = pkg.resources.find((r) => r.name === `${collection}-csv`)!
      t.equal(csvResource.path, `http://localhost/v1/exports/${collection}.csv`)
      t.equal(csvResource.mediatype, 'text/csv')
      t.same(header, csvResource.schema.fields.map((f) => f.name), 'the header is the Data Package’s fields')
      t.ok(header!.includes('title_ar') || header!.includes('name_ar'), 'one column per language')

      const jsonRes = await app.inject({ method: 'GET', url: `/v1/exports/${collection}.jsonl` })
      t.equal(jsonRes.headers['content-type'], 'application/x-ndjson; charset=utf-8')
      const lines = jsonRes.body.split('\n')
      t.equal(lines.pop(), '', 'every line ends with a line feed')
      const rows = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
      dumps[collection] = rows
      t.same(Object.keys(rows[0]!), pkg.resources.find((r) => r.name === `${collection}-jsonl`)!.schema.fields.map((f) => f.name))
      t.equal(records.length, rows.length, 'the same rows in both formats')

      // Arabic survives the round trip, byte for byte, in both.
      const arabicColumn = header!.indexOf(collection === 'organisations' ? 'name_ar' : 'title_ar')
      const arabic = records.map((r) => r[arabicColumn]!).filter((text) => ARABIC.test(text))
      t.ok(arabic.length > 0, 'Arabic texts are exported')
      t.same(arabic, rows.map((r) => r[header![arabicColumn]!]).filter((text) => typeof text === 'string' && ARABIC.test(text)), 'Arabic intact in CSV and JSON Lines')

      // Only public rows: exactly those the public lists show; never a draft, never an email.
      const listed = await listAll(app, `/v1/${collection}`)
      t.same(rows.map((r) => r.id).sort(), listed.map((i) => i.id).sort(), 'exactly the public rows')
      t.notOk(EMAIL.test(csvText) || EMAIL.test(jsonRes.body), 'no email address')
      t.ok(rows.every((r) => typeof r.licence === 'string'), 'every row carries its licence')

      // Keyset pages of three rows give the same rows in the same order as one page.
      const paged: unknown[][] = []
      for await (const page of EXPORT_TABLES[collection].pages(app.db, 3)) paged.push(...page)
      t.same(paged.map((r) => r[0]), rows.map((r) => r.id), 'paging loses and repeats nothing')
    })
  }

  t.test('what the rows say', async (t) => {
    t.notOk(dumps.projects!.some((p) => p.slug === draft.slug), 'no draft project')
    const gvcProjects = dumps.projects!.filter((p) => p.organisation === 'gvc')
    t.ok(gvcProjects.length > 0 && gvcProjects.every((p) => p.licence === 'CC-BY-SA-4.0'), 'gvc’s projects carry its licence')
    t.ok(dumps.projects!.filter((p) => p.organisation !== 'gvc').every((p) => p.licence === 'CC-BY-4.0'), 'the others the default')
    t.ok(dumps.projects!.some((p) => Array.isArray(p.themes) && (p.themes as string[]).length > 0), 'lists are arrays in JSON Lines')
    const guide = dumps.resources!.find((r) => r.slug === 'guide-pratique-budget-participatif-communes')
    t.same(guide?.projects, ['budget-participatif-oued-zitoun'], 'a resource names the projects it is attached to')

    const statuses = new Set(dumps.petitions!.map((p) => p.status))
    t.ok([...statuses].every((s) => ['upcoming', 'open', 'closed', 'rejected'].includes(String(s))), `only public petitions (${[...statuses].join(', ')})`)
    for (const petition of dumps.petitions!) {
      const count = (await app.inject({ method: 'GET', url: `/v1/petitions/${String(petition.slug)}/count` })).json() as { total: number }
      t.equal(petition.online_signatures, count.total, `${String(petition.slug)}: the online count`)
      t.equal(petition.total_signatures, Number(petition.online_signatures) + Number(petition.paper_signatures))
    }
    t.equal(dumps.petitions!.find((p) => p.id === paperPetition.id)!.paper_signatures, 37, 'paper signatures counted')
    const forbidden = ['email', 'creator_person_id', 'moderated_by', 'launcher_name', 'rejection_reason', 'body']
    for (const collection of EXPORT_COLLECTIONS) {
      t.same(Object.keys(dumps[collection]![0]!).filter((k) => forbidden.includes(k)), [], `${collection}: no private field`)
    }
  })

  t.test('an unknown collection or format is refused', async (t) => {
    for (const url of ['/v1/exports/people.csv', '/v1/exports/projects.xlsx']) {
      const res = await app.inject({ method: 'GET', url })
      t.equal(res.statusCode, 400, url)
      t.match(res.headers['content-type'], /application\/problem\+json/)
    }
  })
})

import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { EXTRACTION_JOB, MAX_TEXT_ATTEMPTS, extractPendingFileTexts } from '../src/domains/files/file-text-extraction.js'
import { maintenanceJobs } from '../src/jobs/jobs-plugin.js'
import { runExclusive } from '../src/jobs/run-exclusive.js'
import { addResource } from './helpers/content-fixtures.js'
import { eventuallyTrue } from './helpers/eventually-true.js'
import { attach, filesWorld } from './helpers/files-setup.js'
import { testConfig } from './helpers/test-app.js'
import { ARABIC_WORD, FRENCH_WORD } from './fixtures/make-library-pdfs.js'

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url))

/** The ids a library search finds, asked until `expected` or a few seconds (the read cache forgets on NOTIFY). */
async function searchUntil(app: FastifyInstance, q: string, expected: string[]): Promise<string[]> {
  let ids: string[] = []
  await eventuallyTrue(async () => {
    const res = await app.inject({ url: `/v1/resources?collection=library&q=${encodeURIComponent(q)}` })
    ids = res.json().items.map((item: { id: string }) => item.id).sort()
    return JSON.stringify(ids) === JSON.stringify([...expected].sort())
  })
  return ids
}

t.test('a library search finds a word that only an attached Arabic or French PDF contains', async (t) => {
  const world = await filesWorld(t)
  const { app, orgA, upload } = world
  const arabic = await addResource(app.db, { collection: 'library', kind: 'guide', title: { ar: 'دليل البلديات' }, originalLang: 'ar', languages: ['ar'] })
  const french = await addResource(app.db, { collection: 'library', kind: 'guide', title: { fr: 'Guide des communes' } })
  const arFile = (await upload(orgA, fixture('library-ar.pdf'), 'دليل.pdf')).json()
  const frFile = (await upload(orgA, fixture('library-fr.pdf'), 'guide.pdf')).json()

  t.same(await searchUntil(app, FRENCH_WORD, []), [], 'not before the file is attached and read')
  t.equal((await attach(world, arabic.id, arFile.id)).statusCode, 200)
  t.equal((await attach(world, french.id, frFile.id)).statusCode, 200)
  // Each attach kicked a run off the request: wait for them.
  await app.files.idle()
  const rows = await app.db.selectFrom('files').select(['id', 'text_status', 'text']).execute()
  t.same(rows.map((r) => r.text_status), ['done', 'done'])

  t.same(await searchUntil(app, ARABIC_WORD, [arabic.id]), [arabic.id], 'the Arabic word, only inside the Arabic PDF')
  t.same(await searchUntil(app, FRENCH_WORD, [french.id]), [french.id], 'the French word, only inside the French PDF')
  t.same(await searchUntil(app, 'hydrogeologique', [french.id]), [french.id], 'without its accent, as readers type')
  const presentationForms = rows.find((r) => r.id === arFile.id)!.text!
  t.notMatch(presentationForms, /[\uFB50-\uFDFF\uFE70-\uFEFF]/, 'NFKC: no Arabic presentation form is kept')
  t.match(presentationForms, /الشفافية/, 'the word written in presentation forms reads as plain letters')
  t.same(await searchUntil(app, 'الشفافية', [arabic.id]), [arabic.id], 'and is found')
})

t.test('a PDF whose text cannot be read stays published; the failure is recorded and not retried forever', async (t) => {
  const world = await filesWorld(t)
  const { app, orgA, upload } = world
  const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x41)])
  const file = (await upload(orgA, broken, 'broken.pdf')).json()
  t.equal(file.type, 'application/pdf')
  const resource = await addResource(app.db, { collection: 'library', kind: 'guide', title: { fr: 'Un guide illisible' } })
  await attach(world, resource.id, file.id)
  await app.files.idle()
  for (let i = 0; i < MAX_TEXT_ATTEMPTS + 2; i++) await runExclusive(app.db, EXTRACTION_JOB, (conn) => extractPendingFileTexts(conn, app.files.storage))
  const row = await app.db.selectFrom('files').select(['text_status', 'text_attempts', 'text_error']).where('id', '=', file.id).executeTakeFirstOrThrow()
  t.equal(row.text_status, 'failed')
  t.equal(row.text_attempts, MAX_TEXT_ATTEMPTS, 'tried a bounded number of times')
  t.ok(row.text_error, 'the reason is kept')
  t.equal((await app.inject({ url: `/v1/files/${file.id}` })).statusCode, 200, 'the file is still served')
  t.same(await searchUntil(app, 'illisible', [resource.id]), [resource.id], 'the resource is still found by its own text')
})

t.test('extraction is one of the maintenance jobs, so every instance schedules it and one runs it at a time', (t) => {
  const jobs = maintenanceJobs(testConfig(), 'pglite')
  t.ok(jobs[EXTRACTION_JOB])
  t.ok(jobs['purge-abandoned-uploads'])
  t.end()
})

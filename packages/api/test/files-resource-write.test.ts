import { readFileSync } from 'node:fs'
import t from 'tap'
import { ARABIC_WORD } from './fixtures/make-library-pdfs.js'
import { resourceBody } from './helpers/content-writers.js'
import { SAME_ORIGIN, filesWorld } from './helpers/files-setup.js'

const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' }

t.test('the publishing API takes fileId: a draft keeps the file private, publishing makes it public and searchable', async (t) => {
  const { app, orgA, orgB, editorA, editorB, upload } = await filesWorld(t)
  const headers = { cookie: editorA, ...SAME_ORIGIN }
  const file = (await upload(orgA, readFileSync(new URL('fixtures/library-ar.pdf', import.meta.url)), 'دليل.pdf')).json()
  const foreign = (await upload(orgB, readFileSync(new URL('fixtures/library-fr.pdf', import.meta.url)), 'guide.pdf', { cookie: editorB, ...SAME_ORIGIN })).json()

  const refused = await app.inject({ method: 'POST', url: `/v1/organisations/${orgA}/resources`, headers, payload: resourceBody({ fileId: foreign.id }) })
  t.equal(refused.statusCode, 400, 'another organisation’s upload')
  t.match(refused.json().errors, [{ field: 'fileId', code: 'WEGOV_NOT_FOUND' }])

  const created = await app.inject({ method: 'POST', url: `/v1/organisations/${orgA}/resources`, headers, payload: resourceBody({ fileId: file.id }) })
  t.equal(created.statusCode, 201)
  const source = created.json()
  t.equal(source.fileId, file.id)
  t.same(source.file, { url: `http://localhost/v1/files/${file.id}`, type: 'application/pdf', size: file.size })
  t.equal((await app.inject({ url: `/v1/files/${file.id}` })).statusCode, 404, 'a draft does not publish its file')

  await app.files.idle()
  const published = await app.inject({
    method: 'PATCH',
    url: `/v1/resources/${source.id}`,
    headers: { ...headers, ...MERGE_PATCH, 'if-match': created.headers.etag as string },
    payload: JSON.stringify({ state: 'published' }),
  })
  t.equal(published.statusCode, 200)
  t.equal((await app.inject({ url: `/v1/files/${file.id}` })).statusCode, 200, 'published: public')
  t.equal((await app.db.selectFrom('files').select('text_status').where('id', '=', file.id).executeTakeFirstOrThrow()).text_status, 'done')

  let found: string[] = []
  for (let i = 0; i < 40 && found.length === 0; i++) {
    const res = await app.inject({ url: `/v1/resources?collection=library&q=${encodeURIComponent(ARABIC_WORD)}` })
    found = res.json().items.map((item: { id: string }) => item.id)
    if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.same(found, [source.id], 'the word inside the PDF finds the resource, after a write that did not touch the file')

  const removed = await app.inject({
    method: 'PATCH',
    url: `/v1/resources/${source.id}`,
    headers: { ...headers, ...MERGE_PATCH, 'if-match': published.headers.etag as string },
    payload: JSON.stringify({ fileId: null }),
  })
  t.equal(removed.statusCode, 200)
  t.equal(removed.json().file, null)
  t.equal(removed.json().fileId, null)
  t.equal((await app.inject({ url: `/v1/files/${file.id}` })).statusCode, 404, 'no longer offered')
})

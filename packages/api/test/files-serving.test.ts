import t from 'tap'
import { addResource } from './helpers/content-fixtures.js'
import { pdfBytes, ooxmlBytes, pngBytes } from './helpers/file-samples.js'
import { SAME_ORIGIN, attach, filesWorld } from './helpers/files-setup.js'

t.test('a file is public only once a published resource offers it; before, its editors alone see it', async (t) => {
  const world = await filesWorld(t)
  const { app, orgA, editorA, editorB, upload } = world
  const file = (await upload(orgA, await pdfBytes(), 'guide.pdf')).json()
  const url = `/v1/files/${file.id}`

  t.equal((await app.inject({ url })).statusCode, 404, 'unattached: 404 to the public')
  t.equal((await app.inject({ url, headers: { cookie: editorB } })).statusCode, 404, 'and to another organisation')
  const own = await app.inject({ url, headers: { cookie: editorA } })
  t.equal(own.statusCode, 200, 'its editors see it')
  t.match(own.headers['cache-control'], /no-store/, 'never cached while private')

  const resource = await addResource(app.db, { collection: 'library', kind: 'guide' })
  await app.db.updateTable('resources').set({ state: 'draft' }).where('id', '=', resource.id).execute()
  const attached = await attach(world, resource.id, file.id)
  t.equal(attached.statusCode, 200)
  t.equal(attached.json().fileId, file.id)
  t.match(attached.json().file, { url: `http://localhost${url}`, type: 'application/pdf' })
  t.equal((await app.inject({ url })).statusCode, 404, 'a draft resource does not publish it')

  await app.db.updateTable('resources').set({ state: 'published' }).where('id', '=', resource.id).execute()
  const pub = await app.inject({ url })
  t.equal(pub.statusCode, 200, 'published: anyone')
  t.equal(pub.headers['cache-control'], 'public, max-age=31536000, immutable')
  const read = await app.inject({ url: `/v1/resources/${resource.id}` })
  t.match(read.json().file, { url: `http://localhost${url}`, type: 'application/pdf', size: file.size }, 'the resource points at it')

  await app.db.updateTable('resources').set({ deleted_at: new Date() }).where('id', '=', resource.id).execute()
  t.equal((await app.inject({ url })).statusCode, 404, 'deleted resource: private again')
})

t.test('headers: type, inline or attachment, RFC 5987 name, nosniff, sandboxing CSP, strong ETag, 304', async (t) => {
  const world = await filesWorld(t)
  const { app, orgA, upload } = world
  const pdf = await pdfBytes()
  const files = {
    pdf: (await upload(orgA, pdf, 'دليل الحوكمة.pdf')).json(),
    docx: (await upload(orgA, ooxmlBytes('docx'), 'rapport (final).docx')).json(),
    png: (await upload(orgA, pngBytes(), 'logo.png')).json(),
  }
  for (const file of Object.values(files)) {
    const resource = await addResource(app.db, { collection: 'library', kind: 'guide' })
    t.equal((await attach(world, resource.id, file.id)).statusCode, 200)
  }

  const res = await app.inject({ url: `/v1/files/${files.pdf.id}` })
  t.equal(res.statusCode, 200)
  t.same(res.rawPayload, pdf, 'the bytes as uploaded')
  t.equal(res.headers['content-type'], 'application/pdf')
  t.equal(res.headers['content-length'], String(pdf.length))
  t.equal(res.headers['content-disposition'], `inline; filename="____ _______.pdf"; filename*=UTF-8''${encodeURIComponent('دليل الحوكمة.pdf')}`)
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.equal(res.headers['content-security-policy'], "sandbox; default-src 'none'", 'the API’s own CSP is replaced, not merged')
  t.equal(res.headers.etag, `"${files.pdf.sha256}"`)
  t.equal(res.headers['accept-ranges'], 'bytes')

  const docx = await app.inject({ url: `/v1/files/${files.docx.id}` })
  t.match(docx.headers['content-disposition'], /^attachment; filename="rapport \(final\).docx"; filename\*=UTF-8''rapport%20%28final%29.docx$/)
  t.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  t.match((await app.inject({ url: `/v1/files/${files.png.id}` })).headers['content-disposition'], /^inline;/)

  const notModified = await app.inject({ url: `/v1/files/${files.pdf.id}`, headers: { 'if-none-match': `"x", "${files.pdf.sha256}"` } })
  t.equal(notModified.statusCode, 304)
  t.equal(notModified.rawPayload.length, 0)
  t.equal(notModified.headers.etag, `"${files.pdf.sha256}"`)
  t.equal((await app.inject({ url: `/v1/files/${files.pdf.id}`, headers: { 'if-none-match': '"other"' } })).statusCode, 200)

  const head = await app.inject({ method: 'HEAD', url: `/v1/files/${files.pdf.id}` })
  t.equal(head.statusCode, 200)
  t.equal(head.headers['content-length'], String(pdf.length))
  t.equal(head.rawPayload.length, 0)

  t.equal((await app.inject({ url: '/v1/files/not-a-uuid' })).statusCode, 404)
  t.equal((await app.inject({ url: '/v1/files/00000000-0000-4000-8000-000000000000' })).json().code, 'WEGOV_NOT_FOUND')
})

t.test('Range: 206 with Content-Range across chunks, suffix ranges, 416 past the end, several ranges get the whole file', async (t) => {
  const world = await filesWorld(t)
  const { app, orgA, upload } = world
  // Over three 256 KiB chunks, so ranges start and end inside different rows.
  const bytes = Buffer.concat([await pdfBytes(), Buffer.from(Array.from({ length: 700 * 1024 }, (_, i) => i % 251))])
  const file = (await upload(orgA, bytes, 'big.pdf')).json()
  const resource = await addResource(app.db, { collection: 'library', kind: 'guide' })
  await attach(world, resource.id, file.id)
  const url = `/v1/files/${file.id}`
  const get = (range: string, extra: Record<string, string> = {}) => app.inject({ url, headers: { range, ...extra } })

  const whole = await app.inject({ url })
  t.same(whole.rawPayload, bytes, 'the whole file, read back from several chunks')

  const middle = await get('bytes=262000-524500')
  t.equal(middle.statusCode, 206)
  t.equal(middle.headers['content-range'], `bytes 262000-524500/${bytes.length}`)
  t.equal(middle.headers['content-length'], String(524500 - 262000 + 1))
  t.same(middle.rawPayload, bytes.subarray(262000, 524501))

  const open = await get('bytes=700000-')
  t.same(open.rawPayload, bytes.subarray(700000))
  const suffix = await get('bytes=-100')
  t.equal(suffix.headers['content-range'], `bytes ${bytes.length - 100}-${bytes.length - 1}/${bytes.length}`)
  t.same(suffix.rawPayload, bytes.subarray(bytes.length - 100))
  const clipped = await get(`bytes=10-${bytes.length + 1000}`)
  t.same(clipped.rawPayload, bytes.subarray(10))

  const past = await get(`bytes=${bytes.length}-`)
  t.equal(past.statusCode, 416)
  t.equal(past.headers['content-range'], `bytes */${bytes.length}`)
  t.equal(past.json().code, 'WEGOV_RANGE_NOT_SATISFIABLE')

  const several = await get('bytes=0-9,20-29')
  t.equal(several.statusCode, 200)
  t.equal(several.rawPayload.length, bytes.length)
  const staleIfRange = await get('bytes=0-9', { 'if-range': '"another-version"' })
  t.equal(staleIfRange.statusCode, 200, 'If-Range with another ETag: the whole file')
  const freshIfRange = await get('bytes=0-9', { 'if-range': `"${file.sha256}"` })
  t.equal(freshIfRange.statusCode, 206)
})

t.test('attaching through the publishing API: only the organisation’s own files, a new version and a logged event; null removes it', async (t) => {
  const world = await filesWorld(t)
  const { app, orgA, orgB, editorB, upload } = world
  const file = (await upload(orgA, await pdfBytes(), 'a.pdf')).json()
  const fileB = (await upload(orgB, await pdfBytes('B'), 'b.pdf', { cookie: editorB, ...SAME_ORIGIN })).json()
  const resource = await addResource(app.db, { collection: 'library', kind: 'guide' })

  const foreign = await attach(world, resource.id, fileB.id)
  t.equal(foreign.statusCode, 400, 'another organisation’s file')
  t.match(foreign.json().errors, [{ field: 'fileId', code: 'WEGOV_NOT_FOUND' }])
  t.not((await attach(world, resource.id, file.id, editorB)).statusCode, 200, 'not an editor of the owner')
  const anonymous = await app.inject({
    method: 'PATCH',
    url: `/v1/resources/${resource.id}`,
    headers: { 'content-type': 'application/merge-patch+json', 'if-match': `"${resource.id}.1"` },
    payload: JSON.stringify({ fileId: file.id }),
  })
  t.equal(anonymous.statusCode, 401)
  t.equal((await app.inject({ url: '/v1/organisations/x/resources/y/file', method: 'PUT', payload: { fileId: file.id } })).statusCode, 404, 'no write outside the publishing API')

  const attached = await attach(world, resource.id, file.id)
  t.equal(attached.statusCode, 200)
  t.equal(attached.json().version, 2, 'attaching is a new version')
  const events = await app.db.selectFrom('change_log').select(['action', 'version']).where('subject_id', '=', resource.id).execute()
  t.same(events, [{ action: 'resource.updated', version: 2 }], 'and an event in the change log')
  t.equal((await app.inject({ url: `/v1/files/${file.id}` })).statusCode, 200, 'offered by a published resource: public')

  const removed = await attach(world, resource.id, null)
  t.equal(removed.statusCode, 200)
  t.equal(removed.json().fileId, null)
  t.equal((await app.inject({ url: `/v1/resources/${resource.id}` })).json().file, null)
  t.equal((await app.inject({ url: `/v1/files/${file.id}` })).statusCode, 404, 'no longer offered: private again')
})

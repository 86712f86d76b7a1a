import { createHash } from 'node:crypto'
import { request as httpRequest, Agent } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { signIn } from './helpers/accounts.js'
import { grantMembership } from './helpers/roles.js'
import { HTML_AS_PDF, SVG_AS_PDF, jpegBytes, multipartBody, odfBytes, ooxmlBytes, pdfBytes, pngBytes, webpBytes } from './helpers/file-samples.js'
import { SAME_ORIGIN, filesWorld } from './helpers/files-setup.js'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

t.test('every accepted type is stored and answered 201 with its type read from the bytes', async (t) => {
  const { app, orgA, upload } = await filesWorld(t)
  const samples: [string, Buffer, string][] = [
    ['guide.pdf', await pdfBytes(), 'application/pdf'],
    ['note.odt', odfBytes('odt'), 'application/vnd.oasis.opendocument.text'],
    ['note.docx', ooxmlBytes('docx'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['slides.odp', odfBytes('odp'), 'application/vnd.oasis.opendocument.presentation'],
    ['slides.pptx', ooxmlBytes('pptx'), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['budget.ods', odfBytes('ods'), 'application/vnd.oasis.opendocument.spreadsheet'],
    ['budget.xlsx', ooxmlBytes('xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['logo.png', pngBytes(), 'image/png'],
    ['photo.jpg', jpegBytes(), 'image/jpeg'],
    ['photo.webp', webpBytes(), 'image/webp'],
  ]
  for (const [name, bytes, type] of samples) {
    const res = await upload(orgA, bytes, name)
    t.equal(res.statusCode, 201, name)
    const body = res.json()
    t.match(body, { type, size: bytes.length, sha256: sha256(bytes), name, url: `http://localhost/v1/files/${body.id}` }, name)
    t.equal(res.headers.location, `/v1/files/${body.id}`)
    const row = await app.db.selectFrom('files').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow()
    t.equal(row.organisation_id, orgA)
    t.equal(row.text_status, type === 'application/pdf' ? 'pending' : 'none', `${name}: only PDFs wait for text extraction`)
  }
})

t.test('a name that lies about the type: HTML or SVG named .pdf is 415, a PNG named .pdf is kept as .png', async (t) => {
  const { app, orgA, upload } = await filesWorld(t)
  for (const [what, bytes] of [['HTML', HTML_AS_PDF], ['SVG', SVG_AS_PDF]] as const) {
    const res = await upload(orgA, bytes, 'guide.pdf')
    t.equal(res.statusCode, 415, what)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.equal(res.json().code, 'WEGOV_UNSUPPORTED_FILE_TYPE')
  }
  t.equal((await app.db.selectFrom('file_chunks').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n.toString(), '0', 'nothing refused is stored')
  t.equal((await app.db.selectFrom('files').select('id').execute()).length, 0)

  const png = await upload(orgA, pngBytes(), 'logo.pdf')
  t.equal(png.statusCode, 201)
  t.match(png.json(), { type: 'image/png', name: 'logo.png' })
})

t.test('an Arabic name is kept; folders and control characters are not', async (t) => {
  const { orgA, upload } = await filesWorld(t)
  const res = await upload(orgA, await pdfBytes(), 'C:\\docs\\دليل الحوكمة\u0007.PDF')
  t.equal(res.statusCode, 201)
  t.equal(res.json().name, 'دليل الحوكمة.pdf')
})

t.test('the same bytes uploaded twice are stored once', async (t) => {
  const { app, orgA, orgB, upload, editorB } = await filesWorld(t)
  const bytes = await pdfBytes('Same bytes')
  const first = (await upload(orgA, bytes, 'a.pdf')).json()
  const second = (await upload(orgB, bytes, 'b.pdf', { cookie: editorB, ...SAME_ORIGIN })).json()
  t.not(first.id, second.id, 'each upload is its own file, with its own name and organisation')
  t.equal(first.sha256, second.sha256)
  t.equal((await app.db.selectFrom('file_blobs').selectAll().execute()).length, 1, 'one blob')
  const chunks = await app.db.selectFrom('file_chunks').select(['upload_id']).distinct().execute()
  t.equal(chunks.length, 1, 'the bytes once')
})

t.test('past WEGOV_UPLOAD_MAX_BYTES: 413, nothing stored, and the connection serves the next request', async (t) => {
  const { app, orgA, editorA } = await filesWorld(t, { uploadMaxBytes: 64 * 1024 })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  t.teardown(() => agent.destroy())
  const big = multipartBody(Buffer.concat([await pdfBytes(), Buffer.alloc(512 * 1024, 0x20)]), 'big.pdf')
  const send = (method: string, path: string, headers: Record<string, string | number>, body?: Buffer) =>
    new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers: { host: 'localhost', ...headers } }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () => resolve({ status: res.statusCode!, body: text, socket: req.socket }))
      })
      req.on('error', reject)
      req.end(body)
    })
  const res = await send('POST', `/v1/organisations/${orgA}/files`, { ...big.headers, 'content-length': big.payload.length, cookie: editorA, ...SAME_ORIGIN }, big.payload)
  t.equal(res.status, 413)
  t.equal(JSON.parse(res.body).code, 'WEGOV_FILE_TOO_LARGE')
  const next = await send('GET', '/health/live', {})
  t.equal(next.status, 200)
  t.equal(next.socket, res.socket, 'the same keep-alive connection')
  t.equal((await app.db.selectFrom('file_chunks').select('upload_id').execute()).length, 0, 'no chunk left')
  t.equal((await app.db.selectFrom('files').select('id').execute()).length, 0)
})

t.test('who may upload: anonymous 401, another organisation 403, a key with content:write 201, without it 403', async (t) => {
  const { app, orgA, orgB, editorB, upload } = await filesWorld(t)
  const bytes = await pdfBytes()
  const anonymous = await upload(orgA, bytes, 'a.pdf', {})
  t.equal(anonymous.statusCode, 401)
  t.equal(anonymous.json().code, 'WEGOV_UNAUTHENTICATED')
  const other = await upload(orgA, bytes, 'a.pdf', { cookie: editorB, ...SAME_ORIGIN })
  t.equal(other.statusCode, 403)
  t.equal(other.json().code, 'WEGOV_FORBIDDEN')

  const owner = await signIn(app, 'owner-a@example.org')
  await grantMembership(app, 'owner-a@example.org', orgA, 'owner')
  const createKey = async (scopes: string[]) =>
    (await app.inject({ method: 'POST', url: `/v1/organisations/${orgA}/api-keys`, headers: { cookie: owner, ...SAME_ORIGIN }, payload: { name: scopes.join(' '), scopes } })).json().secret as string
  const writer = await createKey(['content:write'])
  const reader = await createKey(['drafts:read'])
  const withKey = await upload(orgA, bytes, 'a.pdf', { authorization: `Bearer ${writer}` })
  t.equal(withKey.statusCode, 201)
  const withoutScope = await upload(orgA, bytes, 'a.pdf', { authorization: `Bearer ${reader}` })
  t.equal(withoutScope.statusCode, 403)
  t.equal(withoutScope.json().code, 'WEGOV_INSUFFICIENT_SCOPE')
  const otherOrg = await upload(orgB, bytes, 'a.pdf', { authorization: `Bearer ${writer}` })
  t.equal(otherOrg.statusCode, 403, 'a key acts for its own organisation only')
})

t.test('no file part, or another field name: 400 WEGOV_FILE_MISSING; a JSON body too', async (t) => {
  const { app, orgA, editorA } = await filesWorld(t)
  const wrongField = multipartBody(await pdfBytes(), 'a.pdf', { field: 'document' })
  const res = await app.inject({ method: 'POST', url: `/v1/organisations/${orgA}/files`, headers: { ...wrongField.headers, cookie: editorA, ...SAME_ORIGIN }, payload: wrongField.payload })
  t.equal(res.statusCode, 400)
  t.equal(res.json().code, 'WEGOV_FILE_MISSING')
  const json = await app.inject({ method: 'POST', url: `/v1/organisations/${orgA}/files`, headers: { cookie: editorA, ...SAME_ORIGIN }, payload: { file: 'x' } })
  t.equal(json.statusCode, 400)
  t.equal(json.json().code, 'WEGOV_FILE_MISSING')
})

t.test('uploads are rate limited', async (t) => {
  const { orgA, upload } = await filesWorld(t, { rateLimit: true })
  const bytes = pngBytes()
  const statuses: number[] = []
  for (let i = 0; i < 21; i++) statuses.push((await upload(orgA, bytes, 'a.png')).statusCode)
  t.same(statuses.slice(0, 20), Array(20).fill(201))
  t.equal(statuses[20], 429)
})

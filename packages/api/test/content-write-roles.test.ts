import type { Test } from 'tap'
import t from 'tap'
import { MERGE_PATCH, type WriterName, buildWritersApp, projectBody, resourceBody } from './helpers/content-writers.js'

/** Who may write an organisation's content: its editors and owners, admins, and its keys with content:write. */
const WRITE: Record<WriterName, [number, string?]> = {
  admin: [200],
  owner: [200],
  editor: [200],
  key: [200],
  otherEditor: [403, 'WEGOV_FORBIDDEN'],
  citizen: [403, 'WEGOV_FORBIDDEN'],
  otherKey: [403, 'WEGOV_FORBIDDEN'],
  readOnlyKey: [403, 'WEGOV_INSUFFICIENT_SCOPE'],
  anonymous: [401, 'WEGOV_UNAUTHENTICATED'],
}
/** Reading a source (drafts included) needs drafts:read: the read-only key has it. */
const READ: Record<WriterName, [number, string?]> = { ...WRITE, readOnlyKey: [200] }

for (const [type, body] of [['projects', projectBody], ['resources', resourceBody]] as const) {
  t.test(`every operation on ${type} by every role`, async (t) => {
    const { ngo, writers } = await buildWritersApp(t)
    const expect = (t: Test, name: WriterName, res: { statusCode: number; json(): { code?: string } }, rule: [number, string?], success: number) => {
      const [status, code] = rule
      t.equal(res.statusCode, status === 200 ? success : status, `${writers[name].name}`)
      if (code) t.equal(res.json().code, code, `${writers[name].name}: ${code}`)
    }
    for (const name of Object.keys(WRITE) as WriterName[]) {
      t.test(writers[name].name, async (t) => {
        // A fresh item of the NGO per caller, made by its editor.
        const made = await writers.editor.request('POST', `/v1/organisations/${ngo}/${type}`, { payload: body({ state: 'published' }) })
        const item = made.json()
        const etag = made.headers.etag as string
        const writer = writers[name]

        expect(t, name, await writer.request('POST', `/v1/organisations/${ngo}/${type}`, { payload: body() }), WRITE[name], 201)
        expect(t, name, await writer.request('GET', `/v1/${type}/${item.id}/source`), READ[name], 200)
        expect(t, name, await writer.request('PATCH', `/v1/${type}/${item.id}`, { payload: { summary: { fr: `par ${name}` } }, headers: { ...MERGE_PATCH, 'if-match': etag } }), WRITE[name], 200)
        const current = (await writers.editor.request('GET', `/v1/${type}/${item.id}/source`)).headers.etag as string
        expect(t, name, await writer.request('DELETE', `/v1/${type}/${item.id}`, { headers: { 'if-match': current } }), WRITE[name], 204)
        if (WRITE[name][0] !== 200) await writers.editor.request('DELETE', `/v1/${type}/${item.id}`, { headers: { 'if-match': current } })
        expect(t, name, await writer.request('POST', `/v1/${type}/${item.id}/restore`), WRITE[name], 200)
      })
    }

    t.test('an unknown item is 404 to a writer, and 401 to nobody before any lookup', async (t) => {
      const unknown = '00000000-0000-4000-8000-000000000000'
      t.equal((await writers.editor.request('GET', `/v1/${type}/${unknown}/source`)).statusCode, 404)
      t.equal((await writers.anonymous.request('GET', `/v1/${type}/${unknown}/source`)).statusCode, 401)
      t.equal((await writers.otherKey.request('DELETE', `/v1/${type}/${unknown}`, { headers: { 'if-match': '"x"' } })).statusCode, 404)
    })
  })
}

t.test('writes are rate limited per actor', async (t) => {
  const { ngo, writers } = await buildWritersApp(t, { rateLimit: true })
  let status = 0
  let count = 0
  while (count < 130) {
    count++
    const res = await writers.key.request('POST', `/v1/organisations/${ngo}/projects`, { payload: { originalLang: 'fr', status: 'pipeline', title: { fr: `Projet ${count}` } } })
    status = res.statusCode
    if (status === 429) {
      t.equal(res.json().code, 'WEGOV_RATE_LIMITED')
      t.ok(res.headers['retry-after'])
      break
    }
  }
  t.equal(status, 429)
  t.equal(count, 121, '120 writes a minute, then 429')
  const editor = await writers.editor.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody() })
  t.equal(editor.statusCode, 201, 'another actor has its own budget')
})

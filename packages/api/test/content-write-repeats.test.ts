import t from 'tap'
import { ORGANISATIONS } from './helpers/content-fixtures.js'
import { MERGE_PATCH, buildWritersApp, projectBody } from './helpers/content-writers.js'

/**
 * What a write keeps when it is sent again, or when a patch leaves part of an item alone: participants,
 * sanitised bodies and Idempotency-Keys behave the same on the first write and on every later one.
 */

t.test('participants: listed by slug then role, kept by a patch that leaves them alone, replaced by one that changes them', async (t) => {
  const { ngo, writers } = await buildWritersApp(t)
  const participants = [
    { organisation: ORGANISATIONS.network, role: 'implementing' },
    { organisation: ORGANISATIONS.funder, role: 'funding' },
    { organisation: ORGANISATIONS.funder, role: 'accountable' },
  ]
  const created = await writers.key.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody({ participants }) })
  t.equal(created.statusCode, 201, created.body)
  const sorted = [
    { organisation: ORGANISATIONS.funder, role: 'accountable' },
    { organisation: ORGANISATIONS.funder, role: 'funding' },
    { organisation: ORGANISATIONS.network, role: 'implementing' },
  ]
  t.same(created.json().participants, sorted)
  t.same(created.json().owner.slug, ORGANISATIONS.ngo)

  const patch = (payload: unknown, etag: string) => writers.key.request('PATCH', `/v1/projects/${created.json().id}`, { payload, headers: { ...MERGE_PATCH, 'if-match': etag } })
  const summary = await patch({ summary: { fr: 'Un résumé' } }, created.headers.etag as string)
  t.equal(summary.statusCode, 200, summary.body)
  t.same(summary.json().participants, sorted, 'kept')
  const source = await writers.key.request('GET', `/v1/projects/${created.json().id}/source`)
  t.same(source.json().participants, sorted, 'stored as they were')

  const changed = await patch({ participants: [{ organisation: ORGANISATIONS.network, role: 'funding' }] }, summary.headers.etag as string)
  t.equal(changed.statusCode, 200, changed.body)
  t.same(changed.json().participants, [{ organisation: ORGANISATIONS.network, role: 'funding' }], 'replaced')
  const reread = await writers.key.request('GET', `/v1/projects/${created.json().id}/source`)
  t.same(reread.json().participants, [{ organisation: ORGANISATIONS.network, role: 'funding' }])
})

t.test('the same unsafe description sent again, and kept by a patch, is stored sanitised every time', async (t) => {
  const { ngo, writers } = await buildWritersApp(t)
  const description = { fr: '<p onclick="steal()">Le projet<script>steal()</script> <a href="javascript:steal()">ici</a> <a href="https://example.org">là</a></p>' }
  // The link left without a safe address goes with its text.
  const clean = '<p>Le projet  <a href="https://example.org" rel="noopener noreferrer">là</a></p>'
  for (const attempt of ['first', 'second']) {
    const created = await writers.key.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody({ description }) })
    t.equal(created.statusCode, 201, created.body)
    t.same(created.json().description, { fr: clean }, `${attempt} create`)
    const patched = await writers.key.request('PATCH', `/v1/projects/${created.json().id}`, {
      payload: { summary: { fr: `Résumé ${attempt}` } },
      headers: { ...MERGE_PATCH, 'if-match': created.headers.etag as string },
    })
    t.equal(patched.statusCode, 200, patched.body)
    t.same(patched.json().description, { fr: clean }, `${attempt} patch keeps it`)
    t.same(patched.json().version, 2, 'only the summary changed')
  }
})

t.test('an expired Idempotency-Key serves again before the purge has run', async (t) => {
  const { app, ngo, writers } = await buildWritersApp(t)
  const send = (title: string) =>
    writers.key.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody({ title: { ar: title } }), headers: { 'idempotency-key': 'expiring-key-0001' } })
  const first = await send('مشروع أول')
  t.equal(first.statusCode, 201, first.body)
  t.equal((await send('مشروع آخر')).statusCode, 422, 'another body under a live key is refused')
  await app.db.updateTable('content_idempotency').set({ created_at: new Date(Date.now() - 25 * 3600_000) }).execute()
  const second = await send('مشروع آخر')
  t.equal(second.statusCode, 201, second.body)
  t.not(second.json().id, first.json().id, 'a new project')
  const replayed = await send('مشروع آخر')
  t.equal(replayed.statusCode, 201)
  t.equal(replayed.json().id, second.json().id, 'the key now replays the second reply')
  t.equal(Number((await app.db.selectFrom('content_idempotency').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 1)
})

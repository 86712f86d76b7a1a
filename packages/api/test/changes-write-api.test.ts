import t from 'tap'
import { CHANGES_CHANNEL } from '../src/domains/changes/change-invalidation.js'
import { MERGE_PATCH, buildWritersApp, projectBody } from './helpers/content-writers.js'
import { eventuallyTrue } from './helpers/eventually-true.js'
import { notificationsHeard } from './helpers/notifications-heard.js'

/**
 * The change log's consumers fed by the write API itself (not the test helper): a draft stays out of the
 * feed, its publication is an upsert with every language, its deletion a tombstone in the feed and in
 * /v1/deletions; and the writes keep another project's cached reply.
 */
t.test('the write API feeds /v1/changes, /v1/deletions and the tag invalidation', async (t) => {
  const { app, ngo, writers } = await buildWritersApp(t)
  const feed = async (since = '') => (await app.inject({ method: 'GET', url: `/v1/changes${since ? `?since=${since}` : ''}` })).json()
  // The other project's own creation is announced by NOTIFY too, a moment after its 201 (on PostgreSQL, over
  // the LISTEN connection): it is cached only once that has been heard, or the announcement would drop it.
  const heard = await notificationsHeard(t, app.database, CHANGES_CHANNEL)
  const other = await writers.editor.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody({ state: 'published', title: { fr: 'Un autre projet' }, originalLang: 'fr' }) })
  t.equal(other.statusCode, 201, other.body)
  const otherId = other.json().id as string
  t.ok(await eventuallyTrue(() => heard(`project:${otherId}`)), 'its creation was announced')
  const otherUrl = `/v1/projects/${otherId}?lang=fr`
  t.equal((await app.inject({ method: 'GET', url: otherUrl })).statusCode, 200)
  const start = (await feed()).resumeCursor as string

  const created = await writers.editor.request('POST', `/v1/organisations/${ngo}/projects`, { payload: projectBody() })
  const project = created.json()
  t.same((await feed(start)).items, [], 'a draft is not in the feed')

  const patched = await writers.editor.request('PATCH', `/v1/projects/${project.id}`, {
    headers: { ...MERGE_PATCH, 'if-match': created.headers.etag as string },
    payload: { title: { fr: 'Budget participatif à Sfax' }, state: 'published' },
  })
  t.equal(patched.statusCode, 200, patched.body)
  const published = await feed(start)
  t.same(published.items.map((c: { id: string; action: string }) => [c.id, c.action]), [[project.id, 'upsert']])
  t.same(published.items[0].item.title, { ar: 'الميزانية التشاركية في صفاقس', fr: 'Budget participatif à Sfax' })
  t.equal(published.items[0].version, 2)
  t.ok(app.readCache.has('fr', otherUrl), 'the other project stayed cached through the writes')

  const removed = await writers.editor.request('DELETE', `/v1/projects/${project.id}`, { headers: { 'if-match': patched.headers.etag as string } })
  t.equal(removed.statusCode, 204, removed.body)
  const deleted = await feed(published.resumeCursor)
  t.same(deleted.items.map((c: { id: string; action: string }) => [c.id, c.action]), [[project.id, 'delete']])
  const deletions = (await app.inject({ method: 'GET', url: '/v1/deletions' })).json()
  t.same(deletions.items.map((d: { id: string }) => d.id), [project.id])
  t.ok(app.readCache.has('fr', otherUrl), 'and through the delete')
})

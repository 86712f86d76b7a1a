import t from 'tap'
import { ConflictError, NotFoundError, ValidationError, createClient, type WeGovError } from '../src/index.js'
import { invitationToken, signedInClient } from './helpers/console-browser.js'
import { startApi } from './helpers/servers.js'

/*
 * The publishing API through the SDK against the real API: a partner's server with a content:write key
 * creates a draft (idempotently), adds a translation, publishes, loses an edit race, deletes and restores.
 */

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error as WeGovError,
  )

t.test('projects and resources through the SDK', async (t) => {
  const { app, baseUrl } = await startApi(t, { config: { adminEmails: ['admin@example.org'], rateLimit: false } })
  const admin = await signedInClient(app, baseUrl, 'admin@example.org')
  const organisation = await admin.wegov.organisations.create({ name: { ar: 'شبكة مراقبون' }, kind: 'ngo', country: 'TN', originalLang: 'ar', ownerEmail: 'salma@example.org' })
  const owner = await signedInClient(app, baseUrl, 'salma@example.org')
  await owner.wegov.invitations.accept(await invitationToken(app, baseUrl, 'salma@example.org'))
  const key = await owner.wegov.apiKeys.create(organisation.id, { name: 'Sync', scopes: ['content:write', 'drafts:read'] })
  const wegov = createClient({ baseUrl, apiKey: key.secret })

  const input = { originalLang: 'ar' as const, title: { ar: 'مرصد البلديات' }, status: 'implementation' as const, countries: ['TN'] }
  const created = await wegov.projects.create(organisation.id, input, { idempotencyKey: 'sync-row-0001' })
  t.match(created.item, { state: 'draft', version: 1, title: { ar: 'مرصد البلديات' } })
  t.equal(created.etag, `"${created.item.id}.1"`)
  const retried = await wegov.projects.create(organisation.id, input, { idempotencyKey: 'sync-row-0001' })
  t.equal(retried.item.id, created.item.id, 'a retry with the same key returns the same item')
  const reused = await rejection(wegov.projects.create(organisation.id, { ...input, countries: ['JO'] }, { idempotencyKey: 'sync-row-0001' }))
  t.ok(reused instanceof ValidationError)
  t.equal(reused.code, 'WEGOV_IDEMPOTENCY_KEY_REUSED')

  const drafts = await wegov.projects.list({ state: 'draft', organisation: organisation.slug }).collect()
  t.same(drafts.map((p) => p.id), [created.item.id], 'the key lists its organisation’s drafts')
  t.ok((await rejection(createClient({ baseUrl }).projects.get(created.item.id))) instanceof NotFoundError, 'nobody else sees a draft')

  const translated = await wegov.projects.update(created.item.id, { title: { fr: 'Observatoire des communes' } }, { ifMatch: created.etag })
  t.same(translated.item.title, { ar: 'مرصد البلديات', fr: 'Observatoire des communes' })
  const stale = await rejection(wegov.projects.update(created.item.id, { summary: { fr: 'Trop tard' } }, { ifMatch: created.etag }))
  t.ok(stale instanceof ConflictError, 'a stale ETag is a ConflictError')
  t.equal(stale.code, 'WEGOV_EDIT_CONFLICT')
  t.equal((stale as ConflictError).currentEtag, translated.etag, 'with the current ETag')
  t.equal((stale as ConflictError).currentVersion, 2)

  const published = await wegov.projects.publish(created.item.id, { ifMatch: translated.etag })
  t.equal(published.item.state, 'published')
  const reader = createClient({ baseUrl, lang: 'fr' })
  t.equal((await reader.projects.get(published.item.slug)).title.text, 'Observatoire des communes')
  const source = await wegov.projects.source(created.item.id)
  t.equal(source.etag, published.etag)

  await wegov.projects.remove(created.item.id, { ifMatch: published.etag })
  t.match(await rejection(reader.projects.get(created.item.id)), { status: 410, code: 'WEGOV_GONE' })
  const restored = await wegov.projects.restore(created.item.id)
  t.equal(restored.item.deletedAt, null)
  t.equal((await reader.projects.get(created.item.id)).id, created.item.id)

  const resource = await wegov.resources.create(organisation.id, {
    originalLang: 'ar', collection: 'library', kind: 'guide', title: { ar: 'دليل الشفافية' }, body: { ar: '<p>نص</p><script>x</script>' }, state: 'published',
  })
  t.equal(resource.item.state, 'published')
  t.same(resource.item.body, { ar: '<p>نص</p>' }, 'the body is sanitised')
  const unpublished = await wegov.resources.unpublish(resource.item.id, { ifMatch: resource.etag })
  t.equal(unpublished.item.state, 'draft')
  t.ok((await rejection(reader.resources.get(resource.item.id))) instanceof NotFoundError)
})

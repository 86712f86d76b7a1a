import t from 'tap'
import { NotFoundError, type WeGovError } from '../src/index.js'
import { invitationToken, signedInClient } from './helpers/console-browser.js'
import { startApi } from './helpers/servers.js'

/*
 * Webhook endpoints through the SDK against the real API: an owner registers one (its secret shown once),
 * changes it, reads its delivery log, rotates its secret and deletes it; nobody else may.
 */

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error as WeGovError,
  )

t.test('an owner manages the organisation’s webhook endpoints', async (t) => {
  const { app, baseUrl } = await startApi(t, { config: { adminEmails: ['admin@example.org'] } })
  const admin = await signedInClient(app, baseUrl, 'admin@example.org')
  const organisation = await admin.wegov.organisations.create({ name: { en: 'Open Budget Watch' }, kind: 'ngo', country: 'JO', originalLang: 'en', ownerEmail: 'dana@example.org' })
  const owner = await signedInClient(app, baseUrl, 'dana@example.org')
  await owner.wegov.invitations.accept(await invitationToken(app, baseUrl, 'dana@example.org'))

  const webhook = await owner.wegov.webhooks.create(organisation.id, { url: 'https://127.0.0.1:9/hooks', eventTypes: ['project.published', 'resource.updated'] })
  t.match(webhook, { url: 'https://127.0.0.1:9/hooks', eventTypes: ['project.published', 'resource.updated'], enabled: true, disabledReason: null, secret: /^whsec_/ })
  const [listed] = (await owner.wegov.webhooks.list(organisation.id)).items
  t.equal(listed!.id, webhook.id)
  t.notOk('secret' in listed!, 'the secret is never listed')

  const updated = await owner.wegov.webhooks.update(organisation.id, webhook.id, { enabled: false, eventTypes: ['petition.closed'] })
  t.match(updated, { enabled: false, eventTypes: ['petition.closed'] })
  t.same(await owner.wegov.webhooks.deliveries(organisation.id, webhook.id, { limit: 10 }), { items: [], nextCursor: null }, 'nothing delivered yet: one page')
  t.ok(await rejection(owner.wegov.webhooks.redeliver(organisation.id, webhook.id, '1')) instanceof NotFoundError)
  const rotated = await owner.wegov.webhooks.rotateSecret(organisation.id, webhook.id)
  t.match(rotated.secret, /^whsec_/)
  t.not(rotated.secret, webhook.secret)

  const refused = await rejection(owner.wegov.webhooks.create(organisation.id, { url: 'ftp://example.org/', eventTypes: ['project.published'] }))
  t.match(refused, { status: 400, code: 'WEGOV_WEBHOOK_URL_REFUSED' })

  const stranger = await signedInClient(app, baseUrl, 'stranger@example.org')
  t.match(await rejection(stranger.wegov.webhooks.list(organisation.id)), { status: 403, code: 'WEGOV_FORBIDDEN' })

  await owner.wegov.webhooks.delete(organisation.id, webhook.id)
  t.same((await owner.wegov.webhooks.list(organisation.id)).items, [])
})

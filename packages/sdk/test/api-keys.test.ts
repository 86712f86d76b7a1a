import t from 'tap'
import { createClient, UnauthorisedError, type WeGovError } from '../src/index.js'
import { invitationToken, signedInClient } from './helpers/console-browser.js'
import { startApi } from './helpers/servers.js'

/*
 * API keys and the audit log through the SDK against the real API: an owner creates a key, a partner
 * server uses it with createClient({ apiKey }), the owner revokes it, and the audit log shows each step.
 */

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error as WeGovError,
  )

t.test('API keys and the audit log', async (t) => {
  const { app, baseUrl } = await startApi(t, { config: { adminEmails: ['admin@example.org'] } })
  const admin = await signedInClient(app, baseUrl, 'admin@example.org')
  const organisation = await admin.wegov.organisations.create({
    name: { en: 'Open Budget Watch' },
    kind: 'ngo',
    country: 'JO',
    originalLang: 'en',
    ownerEmail: 'dana@example.org',
  })
  const owner = await signedInClient(app, baseUrl, 'dana@example.org')
  await owner.wegov.invitations.accept(await invitationToken(app, baseUrl, 'dana@example.org'))

  t.test('a key is created (its secret shown once), used by a server, and refused once revoked', async (t) => {
    const key = await owner.wegov.apiKeys.create(organisation.id, { name: 'Website sync', scopes: ['drafts:read'] })
    t.match(key, { name: 'Website sync', scopes: ['drafts:read'], revokedAt: null, secret: /^wgk_/ })
    t.equal(key.prefix, key.secret.slice(0, 12))

    const server = createClient({ baseUrl, apiKey: key.secret })
    t.match(await server.whoami(), { kind: 'key', organisationId: organisation.id, scopes: ['drafts:read'] })
    const notForKeys = await rejection(server.me.get())
    t.match(notForKeys, { status: 403 }, 'a key is not a person')

    const [listed] = (await owner.wegov.apiKeys.list(organisation.id)).items
    t.match(listed, { id: key.id, prefix: key.prefix, createdBy: { id: owner.me.id } })
    t.notOk('secret' in listed!, 'the secret is never listed')
    t.not(listed!.lastUsedAt, null, 'the server’s call was noted')

    await owner.wegov.apiKeys.revoke(organisation.id, key.id)
    const revoked = await rejection(server.whoami())
    t.ok(revoked instanceof UnauthorisedError)
    t.match(revoked, { status: 401, code: 'WEGOV_INVALID_API_KEY' })
    t.not((await owner.wegov.apiKeys.list(organisation.id)).items[0]!.revokedAt, null)

    const stranger = await signedInClient(app, baseUrl, 'stranger@example.org')
    t.match(await rejection(stranger.wegov.apiKeys.create(organisation.id, { name: 'x', scopes: ['content:write'] })), { status: 403, code: 'WEGOV_FORBIDDEN' })
  })

  t.test('the audit log pages through every step; owners read their organisation’s', async (t) => {
    const all = await admin.wegov.audit.list({ organisation: organisation.id }).collect()
    const actions = all.map((event) => event.action)
    for (const action of ['organisation.created', 'invitation.created', 'invitation.accepted', 'api_key.created', 'api_key.revoked']) {
      t.ok(actions.includes(action), `${action} is in the log`)
    }
    const revokedEvent = all.find((event) => event.action === 'api_key.revoked')!
    t.match(revokedEvent, { organisation: { id: organisation.id }, actor: { kind: 'person', id: owner.me.id }, requestId: String })

    // Pages of two, followed by the list call: the same events, each once.
    const paged = admin.wegov.audit.list({ organisation: organisation.id, limit: 2 })
    const first = await paged
    t.equal(first.items.length, 2)
    t.type(first.nextCursor, 'string')
    t.same((await paged.collect()).map((e) => e.id), all.map((e) => e.id))

    const ownView = await owner.wegov.audit.listForOrganisation(organisation.id, { action: 'api_key.created' }).collect()
    t.same(ownView.map((e) => e.action), ['api_key.created'])
    t.match(await rejection(owner.wegov.audit.list().collect()), { status: 403, code: 'WEGOV_FORBIDDEN' })
  })
})

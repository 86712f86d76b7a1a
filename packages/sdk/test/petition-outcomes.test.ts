import t from 'tap'
import { addPetition } from '../../api/test/helpers/petition-fixtures.js'
import { createClient, type WeGovError } from '../src/index.js'
import { invitationToken, signedInClient } from './helpers/console-browser.js'
import { startApi } from './helpers/servers.js'

/* Paper signatures and the official response through the SDK, as a partner's server calls them with its key. */

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error as WeGovError,
  )

t.test('a partner adds paper signatures and records the response; a moderator voids a batch', async (t) => {
  const { app, baseUrl } = await startApi(t, { config: { adminEmails: ['admin@example.org'], rateLimit: false, mailPollMs: 3_600_000 } })
  const admin = await signedInClient(app, baseUrl, 'admin@example.org')
  const organisation = await admin.wegov.organisations.create({ name: { fr: 'Association Tunisienne de la Transparence' }, kind: 'ngo', country: 'TN', originalLang: 'fr', ownerEmail: 'rim@example.org' })
  const owner = await signedInClient(app, baseUrl, 'rim@example.org')
  await owner.wegov.invitations.accept(await invitationToken(app, baseUrl, 'rim@example.org'))
  const key = await owner.wegov.apiKeys.create(organisation.id, { name: 'Sync', scopes: ['content:write'] })
  const partner = createClient({ baseUrl, apiKey: key.secret })
  const petition = await addPetition(app.db, { organisationSlug: null, launcherName: 'Collectif citoyen' })

  const notYet = await rejection(partner.petitions.addPaperSignatures(organisation.id, petition.id, { count: 10, country: 'TN', collectedOn: '2026-01-10' }))
  t.match(notYet, { status: 403, code: 'WEGOV_NOT_A_PARTNER' }, 'an organisation that is not a partner adds none')
  await admin.wegov.organisations.updateProfile(organisation.id, { isPartner: true })

  const batch = await partner.petitions.addPaperSignatures(organisation.id, petition.id, { count: 340, country: 'TN', collectedOn: '2026-01-10' })
  t.match(batch, { count: 340, country: 'TN', collectedOn: '2026-01-10', voided: false, partner: { id: organisation.id } })
  const count = await createClient({ baseUrl }).petitions.count(petition.id, { fresh: true })
  t.same([count.total, count.paper.total], [0, 340], 'paper apart from the online count')
  const listed = await createClient({ baseUrl }).petitions.paperSignatures(petition.slug)
  t.same([listed.total, listed.items.length], [340, 1])

  const voided = await admin.wegov.petitions.voidPaperSignatures(petition.id, batch.id, 'Feuilles illisibles')
  t.match(voided, { voided: true, voidReason: 'Feuilles illisibles' })
  t.equal((await createClient({ baseUrl }).petitions.count(petition.id, { fresh: true })).paper.total, 0)

  const recorded = await partner.petitions.recordResponse(organisation.id, petition.id, { text: { fr: '<p>Le ministère a répondu.</p>' }, originalLang: 'fr', respondedAt: '2026-02-02' })
  t.match(recorded, { petitionId: petition.id, organisationId: organisation.id, firstResponse: true })
  const shown = await createClient({ baseUrl, lang: 'fr' }).petitions.get(petition.slug, { fresh: true })
  t.equal(shown.response?.text.text, '<p>Le ministère a répondu.</p>')
  t.equal(shown.paperCount, 0)
})

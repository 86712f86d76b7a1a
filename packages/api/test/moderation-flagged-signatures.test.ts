import t from 'tap'
import { ADMIN, addPerson, browserOf, changes } from './helpers/organisation-accounts.js'
import { PETITION_TEST_CONFIG, addPetition, countOf, mailbox, sign, signBody } from './helpers/petition-fixtures.js'
import { buildTestApp } from './helpers/test-app.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'

/** The moderators' queue of signatures held back by a burst: release the honest ones, invalidate the rest. */
t.test('a moderator releases and invalidates held signatures; the count follows and no email is shown', async (t) => {
  const app = await buildTestApp(t, { config: { ...PETITION_TEST_CONFIG, rateLimit: true, signIpFlagAt: 1, adminEmails: [ADMIN] }, portal: false })
  await addPerson(app, ADMIN, { platformRole: 'admin', name: 'Admin' })
  await addPerson(app, 'mod@example.org', { platformRole: 'moderator', name: 'Mod' })
  await addPerson(app, 'citizen@example.org', { name: 'Citizen' })
  await createFixtureOrganisations(app.db)
  const petition = await addPetition(app.db, { slug: 'held-back' })

  const emails = ['first@example.org', 'second@example.org', 'third@example.org']
  for (const [index, email] of emails.entries()) {
    const signed = await sign(app, petition.slug, signBody(email, { firstName: `Person${index}`, lastName: 'El Amri' }))
    t.equal(signed.statusCode, 202)
    const [mail] = await mailbox(app, email)
    await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition: petition.slug, email, code: mail!.code } })
  }
  t.equal(await countOf(app, petition.slug), 1, 'the burst past the first signature is held, not counted')

  const citizen = await browserOf(app, 'citizen@example.org')
  t.equal((await citizen.get('/v1/moderation/flagged-signatures')).statusCode, 403)
  t.equal((await app.inject('/v1/moderation/flagged-signatures')).statusCode, 401)

  const moderator = await browserOf(app, 'mod@example.org')
  const queue = await moderator.get(`/v1/moderation/flagged-signatures?lang=fr`)
  t.equal(queue.statusCode, 200, queue.body)
  const { items, petitions } = queue.json()
  t.equal(items.length, 2)
  t.same(petitions.map((row: { petitionId: string; flagged: number }) => [row.petitionId, row.flagged]), [[petition.id, 2]])
  t.same(items.map((item: { name: string; reason: string; confirmed: boolean }) => [item.name, item.reason, item.confirmed]), [
    ['Person1 A.', 'ip-burst', true],
    ['Person2 A.', 'ip-burst', true],
  ], 'first name and the initial people are known by (the particle el skipped)')
  t.notMatch(queue.body, /@example\.org/, 'no email address')

  const released = await moderator.post('/v1/moderation/flagged-signatures/release', { ids: [items[0].id] })
  t.same(released.json(), { changed: 1 })
  t.equal(await countOf(app, petition.slug), 2, 'a released confirmed signature counts')
  const invalidated = await moderator.post('/v1/moderation/flagged-signatures/invalidate', { ids: [items[1].id, items[0].id], reason: 'bot' })
  t.same(invalidated.json(), { changed: 1 }, 'only what is still held changes: the released one stays counted')
  const count = (await app.inject(`/v1/petitions/${petition.slug}/count`)).json()
  t.same([count.total, count.invalidated], [2, 1], 'the invalidated signature is published as such')
  t.equal((await moderator.get('/v1/moderation/flagged-signatures')).json().items.length, 0, 'the queue is empty')
  t.equal((await changes(app, 'signatures.validity_changed')).length, 2, 'each decision is in the change log')
  t.equal((await moderator.post('/v1/moderation/flagged-signatures/release', { ids: [] })).statusCode, 400)
})

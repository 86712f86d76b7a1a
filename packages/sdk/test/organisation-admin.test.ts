import t from 'tap'
import { ConflictError, NotFoundError, UnauthorisedError, type WeGovClient, type WeGovError } from '../src/index.js'
import { invitationToken, signedInClient } from './helpers/console-browser.js'
import { startApi } from './helpers/servers.js'

/*
 * Running organisations through the SDK against the real API: an admin creates one, its owner is invited by
 * mail and accepts, invites an editor, manages members; join applications and platform roles.
 */

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error as WeGovError,
  )

t.test('organisations, members and invitations', async (t) => {
  const { app, baseUrl } = await startApi(t, { config: { adminEmails: ['admin@example.org'] } })
  const admin = await signedInClient(app, baseUrl, 'admin@example.org')
  let owner: WeGovClient
  let organisationId: string

  t.test('an admin creates an organisation; the owner named is invited by mail and accepts', async (t) => {
    const created = await admin.wegov.organisations.create({
      name: { fr: 'Association Horizon', ar: 'جمعية الأفق' },
      kind: 'ngo',
      country: 'TN',
      originalLang: 'fr',
      ownerEmail: 'rim@example.org',
      ownerLang: 'ar',
    })
    organisationId = created.id
    t.match(created, { slug: 'association-horizon', name: { fr: 'Association Horizon' }, missing: { en: ['name', 'description'] } })

    const signedIn = await signedInClient(app, baseUrl, 'rim@example.org', 'ar')
    owner = signedIn.wegov
    const token = await invitationToken(app, baseUrl, 'rim@example.org')
    const preview = await owner.invitations.get(token)
    t.match(preview, { role: 'owner', email: 'rim@example.org', status: 'pending', organisation: { id: organisationId } })
    t.same(await owner.invitations.accept(token), { organisationId, role: 'owner' })
    t.match((await owner.me.get()).memberships, [{ organisation: { id: organisationId }, role: 'owner' }])
    t.match(await rejection(owner.invitations.accept(token)), { status: 409, code: 'WEGOV_INVITATION_USED' })
  })

  t.test('the owner edits the profile in three languages', async (t) => {
    const profile = await owner.organisations.updateProfile(organisationId, { name: { en: 'Horizon Association', ar: null }, website: 'https://horizon.example.org' })
    t.same(profile.name, { fr: 'Association Horizon', en: 'Horizon Association' })
    t.same(profile.missing.ar, ['name', 'description'])
    t.same(await owner.organisations.profile(organisationId), profile)
    const original = await rejection(owner.organisations.updateProfile(organisationId, { name: { fr: null } }))
    t.equal(original.status, 400, `the original language's name stays (${original.code})`)
  })

  t.test('the owner invites an editor, who accepts; roles and the last owner', async (t) => {
    const invitation = await owner.organisations.invite(organisationId, { email: 'karim@example.org', role: 'editor', lang: 'fr' })
    t.match(invitation, { email: 'karim@example.org', role: 'editor', status: 'pending' })
    t.match((await owner.organisations.invitations(organisationId)).items, [{ id: invitation.id }])

    const stranger = await signedInClient(app, baseUrl, 'stranger@example.org')
    const token = await invitationToken(app, baseUrl, 'karim@example.org')
    const otherAddress = await rejection(stranger.wegov.invitations.accept(token))
    t.ok(otherAddress instanceof UnauthorisedError)
    t.match(otherAddress, { status: 403, code: 'WEGOV_INVITATION_OTHER_ADDRESS' })

    const editor = await signedInClient(app, baseUrl, 'karim@example.org')
    await editor.wegov.invitations.accept(token)
    const members = (await owner.organisations.members(organisationId)).items
    t.same(members.map((m) => [m.email, m.role]).sort(), [['karim@example.org', 'editor'], ['rim@example.org', 'owner']])
    const forbidden = await rejection(editor.wegov.organisations.invite(organisationId, { email: 'x@example.org', role: 'editor', lang: 'fr' }))
    t.match(forbidden, { status: 403, code: 'WEGOV_FORBIDDEN' })

    const rim = members.find((m) => m.role === 'owner')!
    const lastOwner = await rejection(owner.organisations.setMemberRole(organisationId, rim.personId, 'editor'))
    t.ok(lastOwner instanceof ConflictError)
    t.equal(lastOwner.code, 'WEGOV_LAST_OWNER')
    t.match(await rejection(owner.organisations.removeMember(organisationId, rim.personId)), { code: 'WEGOV_LAST_OWNER' })

    const karim = members.find((m) => m.role === 'editor')!
    t.match(await owner.organisations.setMemberRole(organisationId, karim.personId, 'owner'), { role: 'owner' })
    await owner.organisations.removeMember(organisationId, karim.personId)
    t.equal((await owner.organisations.members(organisationId)).items.length, 1)

    const revoked = await owner.organisations.invite(organisationId, { email: 'late@example.org', role: 'editor', lang: 'en' })
    await owner.organisations.revokeInvitation(organisationId, revoked.id)
    t.match((await owner.organisations.invitations(organisationId)).items.find((i) => i.id === revoked.id), { status: 'revoked' })
  })

  t.test('join applications: submitted by anyone signed in, decided once by an admin', async (t) => {
    const applicant = await signedInClient(app, baseUrl, 'leila@example.org', 'fr')
    const body = { name: { fr: 'Jeunes de Sfax' }, originalLang: 'fr' as const, kind: 'citizen-group' as const, country: 'TN', motivation: 'Budget participatif' }
    const submitted = await applicant.wegov.applications.submit(body)
    t.match(submitted, { status: 'pending', name: { fr: 'Jeunes de Sfax' } })
    const declinedOne = await applicant.wegov.applications.submit({ ...body, name: { fr: 'Doublon' } })
    t.same((await applicant.wegov.applications.list()).items.map((a) => a.id).sort(), [submitted.id, declinedOne.id].sort())
    t.match(await rejection(applicant.wegov.applications.approve(submitted.id)), { code: 'WEGOV_FORBIDDEN' })

    t.same((await admin.wegov.applications.list({ status: 'pending' })).items.map((a) => a.id).sort(), [submitted.id, declinedOne.id].sort())
    const approved = await admin.wegov.applications.approve(submitted.id)
    t.match(approved, { status: 'approved', organisationId: String })
    t.match((await applicant.wegov.me.get()).memberships, [{ organisation: { id: approved.organisationId }, role: 'owner' }])
    t.match(await admin.wegov.applications.decline(declinedOne.id, 'Already registered'), { status: 'declined', reason: 'Already registered' })
    const twice = await rejection(admin.wegov.applications.decline(declinedOne.id, 'Again'))
    t.ok(twice instanceof ConflictError)
  })

  t.test('people and platform roles; the last admin keeps the role', async (t) => {
    const [found] = (await admin.wegov.people.search('leila@example.org')).items
    t.match(found, { email: 'leila@example.org', platformRole: null })
    t.match(await admin.wegov.people.setPlatformRole(found!.id, 'moderator'), { platformRole: 'moderator' })
    t.match(await admin.wegov.people.setPlatformRole(found!.id, null), { platformRole: null })
    const lastAdmin = await rejection(admin.wegov.people.setPlatformRole(admin.me.id, null))
    t.match(lastAdmin, { status: 409, code: 'WEGOV_LAST_ADMIN' })
    t.match(await rejection(owner.people.search('admin@example.org')), { status: 403, code: 'WEGOV_FORBIDDEN' })
    const missing = await rejection(admin.wegov.invitations.get('a'.repeat(32)))
    t.ok(missing instanceof NotFoundError)
  })
})

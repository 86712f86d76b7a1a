import { sql } from 'kysely'
import t from 'tap'
import { ADMIN, browserOf, buildAccountsApp, changes, mailbox, organisationBody, organisationWithOwner, rowCounts, tokenOf } from './helpers/organisation-accounts.js'

/**
 * Invitations: an owner invites by email, the mail arrives in the invitation's language with a link to the
 * console, and only the person signed in with that address accepts, once, in time.
 */

t.test('an owner invites an editor in Arabic; the editor accepts and becomes a member', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const { organisation, owner } = await organisationWithOwner(app, admin, 'owner@atgl.example.org')
  const invitationsUrl = `/v1/organisations/${organisation.id}/invitations`

  const invited = await owner.post(invitationsUrl, { email: ' Salma.Editor@Example.ORG ', role: 'editor', lang: 'ar' })
  t.equal(invited.statusCode, 201, invited.body)
  const invitation = invited.json()
  t.match(invitation, { email: 'salma.editor@example.org', role: 'editor', lang: 'ar', status: 'pending' })
  t.equal(Math.round((Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)) / 86_400_000), 14, 'valid 14 days')

  const [mail] = await mailbox(app, 'salma.editor@example.org')
  t.ok(mail, 'the mail is in the development mailbox')
  t.match(mail!.subject, /^دعوة للانضمام إلى .+ على WeGov$/, 'in Arabic')
  t.match(mail!.html, /<html lang="ar" dir="rtl">/, 'right to left')
  t.match(mail!.html, /<span dir="ltr" style="unicode-bidi:isolate">salma\.editor@example\.org<\/span>/, 'the address is written left to right')
  t.match(mail!.text, /بصفة محرّر/)
  const link = new URL(mail!.links.accept!)
  t.equal(`${link.origin}${link.pathname}`, 'http://localhost/console/invitations/accept', 'the link opens the console')
  t.equal(link.searchParams.get('lang'), 'ar')
  const token = tokenOf(mail!.links.accept!)

  const stored = await app.db.selectFrom('invitations').select('token_hash').where('id', '=', invitation.id).executeTakeFirstOrThrow()
  t.not(stored.token_hash, token, 'only the token’s hash is stored')
  const created = (await changes(app, 'invitation.created')).at(-1)
  t.match(created, { subject_id: invitation.id, organisation_id: organisation.id, actor_person_id: owner.personId, after: { email: 'salma.editor@example.org', role: 'editor', status: 'pending' } })
  t.notOk(JSON.stringify(created).includes(token), 'the change log never holds the token')

  const listed = (await owner.get(invitationsUrl)).json().items
  t.match(listed, [{ id: invitation.id, status: 'pending' }], 'the owner sees the pending invitation')

  const editor = await browserOf(app, 'salma.editor@example.org')
  const preview = await editor.get(`/v1/invitations/${token}?lang=en`)
  t.equal(preview.statusCode, 200)
  t.match(preview.json(), { organisation: { id: organisation.id, slug: organisation.slug, name: { text: 'Association Tunisienne de la Gouvernance Locale' } }, role: 'editor', email: 'salma.editor@example.org', status: 'pending' })

  const accepted = await editor.post('/v1/invitations/accept', { token })
  t.equal(accepted.statusCode, 200, accepted.body)
  t.same(accepted.json(), { organisationId: organisation.id, role: 'editor' })
  t.equal((await editor.get(`/v1/organisations/${organisation.id}/members`)).statusCode, 200, 'a member at once')
  t.match((await owner.get(invitationsUrl)).json().items, [{ id: invitation.id, status: 'accepted' }])
  t.equal((await editor.get(`/v1/invitations/${token}`)).json().status, 'accepted')
  const acceptedEvent = (await changes(app, 'invitation.accepted')).at(-1)
  t.match(acceptedEvent, { subject_id: invitation.id, actor_person_id: editor.personId, before: { status: 'pending' }, after: { status: 'accepted' } })
  t.match((await changes(app, 'membership.added')).at(-1), { subject_id: editor.personId, organisation_id: organisation.id, after: { role: 'editor' } })

  const twice = await editor.post('/v1/invitations/accept', { token })
  t.equal(twice.statusCode, 409)
  t.equal(twice.json().code, 'WEGOV_INVITATION_USED')
  const member = await owner.post(invitationsUrl, { email: 'salma.editor@example.org', role: 'owner', lang: 'fr' })
  t.equal(member.statusCode, 409)
  t.equal(member.json().code, 'WEGOV_ALREADY_MEMBER', 'inviting a member')
})

t.test('the invitation mail speaks its own language; an admin’s creation invites the first owner', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const created = await admin.post('/v1/organisations', organisationBody({ ownerEmail: 'first.owner@example.org', ownerLang: 'en' }))
  t.equal(created.statusCode, 201)
  const [english] = await mailbox(app, 'first.owner@example.org')
  t.equal(english?.subject, 'Invitation to join Association Tunisienne de la Gouvernance Locale on WeGov', 'in English, the name as it exists')
  t.match(english!.html, /<html lang="en" dir="ltr">/)
  t.match(english!.text, /Admin WeGov invites you to join .+ as owner/)
  t.equal(new URL(english!.links.accept!).searchParams.get('lang'), 'en')

  const owner = await browserOf(app, 'first.owner@example.org')
  t.equal((await owner.post('/v1/invitations/accept', { token: tokenOf(english!.links.accept!) })).json().role, 'owner')
  const organisationId = created.json().id
  const french = await owner.post(`/v1/organisations/${organisationId}/invitations`, { email: 'fr@example.org', role: 'editor', lang: 'fr' })
  t.equal(french.statusCode, 201)
  const [frMail] = await mailbox(app, 'fr@example.org')
  t.equal(frMail?.subject, 'Invitation à rejoindre Association Tunisienne de la Gouvernance Locale sur WeGov')
  t.match(frMail!.html, /<html lang="fr" dir="ltr">/)
  t.match(frMail!.html, /<span dir="auto">Association Tunisienne de la Gouvernance Locale<\/span>/, 'the name keeps its own direction')

  const defaultLang = await admin.post('/v1/organisations', organisationBody({ name: { ar: 'جمعية' }, originalLang: 'ar', ownerEmail: 'ar.owner@example.org' }))
  t.equal(defaultLang.statusCode, 201)
  t.match((await mailbox(app, 'ar.owner@example.org'))[0]!.html, /<html lang="ar" dir="rtl">/, 'without ownerLang: the organisation’s language')
})

t.test('bad invitations: expired, withdrawn, used, another address, unknown; nothing changes', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const { organisation, owner } = await organisationWithOwner(app, admin, 'owner@atgl.example.org')
  const invitationsUrl = `/v1/organisations/${organisation.id}/invitations`
  const invite = async (email: string) => {
    const response = await owner.post(invitationsUrl, { email, role: 'editor', lang: 'fr' })
    t.equal(response.statusCode, 201)
    return { id: response.json().id as string, token: tokenOf((await mailbox(app, email))[0]!.links.accept!) }
  }

  const forRim = await invite('rim@example.org')
  const other = await browserOf(app, 'someone.else@example.org')
  const before = await rowCounts(app)
  const otherAddress = await other.post('/v1/invitations/accept', { token: forRim.token })
  t.equal(otherAddress.statusCode, 403)
  t.equal(otherAddress.json().code, 'WEGOV_INVITATION_OTHER_ADDRESS')
  t.same(await rowCounts(app), before, 'nothing written')

  const rim = await browserOf(app, 'rim@example.org')
  await app.db.updateTable('invitations').set({ expires_at: sql`now() - interval '1 second'` }).where('id', '=', forRim.id).execute()
  const expired = await rim.post('/v1/invitations/accept', { token: forRim.token })
  t.equal(expired.statusCode, 410)
  t.equal(expired.json().code, 'WEGOV_INVITATION_EXPIRED')
  t.equal((await rim.get(`/v1/invitations/${forRim.token}`)).json().status, 'expired')
  t.equal((await rim.get(`/v1/organisations/${organisation.id}/members`)).statusCode, 403, 'not a member')

  const forNour = await invite('nour@example.org')
  t.equal((await owner.delete(`${invitationsUrl}/${forNour.id}`)).statusCode, 204)
  t.equal((await owner.delete(`${invitationsUrl}/${forNour.id}`)).statusCode, 204, 'withdrawing twice is harmless')
  t.equal((await changes(app, 'invitation.revoked')).length, 1, 'and recorded once')
  const nour = await browserOf(app, 'nour@example.org')
  const withdrawn = await nour.post('/v1/invitations/accept', { token: forNour.token })
  t.equal(withdrawn.statusCode, 410)
  t.equal(withdrawn.json().code, 'WEGOV_INVITATION_EXPIRED')
  t.same((await mailbox(app, 'nour@example.org')).length, 0, 'a withdrawn invitation’s mail is not shown any more')

  const first = await invite('amine@example.org')
  const second = await invite('amine@example.org')
  const amine = await browserOf(app, 'amine@example.org')
  t.equal((await amine.post('/v1/invitations/accept', { token: first.token })).statusCode, 410, 'inviting again withdraws the earlier link')
  t.equal((await amine.post('/v1/invitations/accept', { token: second.token })).statusCode, 200, 'the newest works')
  const used = await owner.delete(`${invitationsUrl}/${second.id}`)
  t.equal(used.statusCode, 409)
  t.equal(used.json().code, 'WEGOV_INVITATION_USED', 'an accepted invitation cannot be withdrawn')

  const unknown = await amine.post('/v1/invitations/accept', { token: 'x'.repeat(43) })
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().code, 'WEGOV_NOT_FOUND')
  t.equal((await amine.get(`/v1/invitations/${'y'.repeat(43)}`)).statusCode, 404)
  t.equal((await owner.delete(`${invitationsUrl}/00000000-0000-4000-8000-000000000000`)).statusCode, 404)
  t.equal((await app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token: second.token } })).statusCode, 401, 'signed in only')
  t.equal((await app.inject({ url: `/v1/invitations/${second.token}` })).statusCode, 401)
  const crossSite = await app.inject({ method: 'POST', url: '/v1/invitations/accept', payload: { token: second.token }, headers: { cookie: amine.cookie, origin: 'https://evil.example', host: 'localhost' } })
  t.equal(crossSite.json().code, 'WEGOV_CSRF')
})

t.test('who may invite, and with what', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const a = await organisationWithOwner(app, admin, 'owner@a.example.org', { name: { fr: 'A' } })
  const b = await organisationWithOwner(app, admin, 'owner@b.example.org', { name: { fr: 'B' } })
  const url = (id: string) => `/v1/organisations/${id}/invitations`
  await a.owner.post(url(a.organisation.id), { email: 'editor@a.example.org', role: 'editor', lang: 'fr' })
  const editor = await browserOf(app, 'editor@a.example.org')
  await editor.post('/v1/invitations/accept', { token: tokenOf((await mailbox(app, 'editor@a.example.org'))[0]!.links.accept!) })

  const before = await rowCounts(app)
  const cases: [string, typeof editor, string, Record<string, unknown>, number, string][] = [
    ['an editor', editor, a.organisation.id, { email: 'x@example.org', role: 'editor', lang: 'fr' }, 403, 'WEGOV_FORBIDDEN'],
    ['the owner of A, in B', a.owner, b.organisation.id, { email: 'x@example.org', role: 'editor', lang: 'fr' }, 403, 'WEGOV_FORBIDDEN'],
    ['the editor of A, in B', editor, b.organisation.id, { email: 'x@example.org', role: 'editor', lang: 'fr' }, 403, 'WEGOV_FORBIDDEN'],
    ['a role that does not exist', a.owner, a.organisation.id, { email: 'x@example.org', role: 'admin', lang: 'fr' }, 400, 'WEGOV_UNKNOWN_ROLE'],
    ['a bad address', a.owner, a.organisation.id, { email: 'x@@example', role: 'editor', lang: 'fr' }, 400, 'WEGOV_INVALID_EMAIL'],
    ['a language WeGov does not speak', a.owner, a.organisation.id, { email: 'x@example.org', role: 'editor', lang: 'de' }, 400, 'WEGOV_UNSUPPORTED_LANGUAGE'],
    ['no role', a.owner, a.organisation.id, { email: 'x@example.org', lang: 'fr' }, 400, 'WEGOV_VALIDATION'],
  ]
  for (const [name, who, organisationId, body, status, code] of cases) {
    const response = await who.post(url(organisationId), body)
    t.equal(response.statusCode, status, `${name}: ${response.body}`)
    t.equal(response.json().code, code, name)
  }
  t.equal((await editor.get(url(a.organisation.id))).statusCode, 403, 'an editor does not list invitations')
  t.same(await rowCounts(app), before, 'no invitation, change or mail was written')
  t.equal((await admin.post(url(b.organisation.id), { email: 'by-admin@example.org', role: 'editor', lang: 'en' })).statusCode, 201, 'an admin invites anywhere')
})

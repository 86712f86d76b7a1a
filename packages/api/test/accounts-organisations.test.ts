import { randomUUID } from 'node:crypto'
import t from 'tap'
import { hashToken } from '../src/domains/accounts/secret-tokens.js'
import { CONTENT_CHANNEL } from '../src/http/read-cache.js'
import { eventuallyTrue } from './helpers/eventually-true.js'
import { notificationsHeard } from './helpers/notifications-heard.js'
import {
  ADMIN,
  type Browser,
  browserOf,
  buildAccountsApp,
  changes,
  mailbox,
  organisationBody,
  organisationWithOwner,
  rowCounts,
  tokenOf,
} from './helpers/organisation-accounts.js'
import { addPetition } from './helpers/petition-fixtures.js'

/**
 * Organisations as admins create them and owners edit them: the one public table (what GET /v1/organisations
 * shows changes at once), profiles in three languages, members and the last-owner rule.
 */

async function publicOrganisation(app: Parameters<typeof browserOf>[0], slug: string, lang = 'en') {
  const list = await app.inject({ url: `/v1/organisations?lang=${lang}&limit=100` })
  return (list.json().items as { slug: string; name: { text: string }; isPartner: boolean }[]).find((o) => o.slug === slug)
}

t.test('an admin creates an organisation: public at once, slug from its Latin-script name, change logged', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  // A first read fills the cache: the creation must invalidate it.
  t.same((await app.inject({ url: '/v1/organisations?lang=en&limit=100' })).json().items, [], 'nothing yet (and now cached)')

  const created = await admin.post('/v1/organisations', organisationBody({ name: { fr: 'Réseau Œil Citoyen', ar: 'شبكة عين المواطن' }, logoUrl: 'https://cdn.example.org/logo.png' }))
  t.equal(created.statusCode, 201, created.body)
  const organisation = created.json()
  t.match(organisation, {
    slug: 'reseau-oeil-citoyen',
    name: { fr: 'Réseau Œil Citoyen', ar: 'شبكة عين المواطن' },
    description: { fr: 'Accompagne les communes dans la participation citoyenne.' },
    kind: 'ngo',
    country: 'TN',
    website: 'https://atgl.example.org',
    logoUrl: 'https://cdn.example.org/logo.png',
    isPartner: false,
    originalLang: 'fr',
  })
  t.same(organisation.missing, { ar: ['description'], fr: [], en: ['name', 'description'] }, 'what is left to translate, per language')
  t.match(created.headers['cache-control'], /\bno-store\b/)

  const shown = await publicOrganisation(app, 'reseau-oeil-citoyen')
  t.ok(shown, 'the public list shows it at once')
  t.equal(shown?.name.text, 'Réseau Œil Citoyen', 'in its original language where there is no English')
  t.equal((await app.inject({ url: `/v1/organisations/${organisation.id}?lang=ar` })).json().name.text, 'شبكة عين المواطن')

  const [event] = await changes(app, 'organisation.created')
  t.match(event, { subject_type: 'organisation', subject_id: organisation.id, organisation_id: organisation.id, actor_person_id: admin.personId, before: null })
  t.match(event?.after, { slug: 'reseau-oeil-citoyen', name: { fr: 'Réseau Œil Citoyen' }, isPartner: false })
  t.ok(event?.request_id, 'with the request id')

  const again = await admin.post('/v1/organisations', organisationBody({ name: { fr: 'Réseau Œil Citoyen' } }))
  t.equal(again.json().slug, 'reseau-oeil-citoyen-2', 'the same name gets the next free slug')
  const third = await admin.post('/v1/organisations', organisationBody({ name: { fr: 'RÉSEAU œil citoyen !' } }))
  t.equal(third.json().slug, 'reseau-oeil-citoyen-3')
  const arabicOnly = await admin.post('/v1/organisations', organisationBody({ name: { ar: 'جمعية الشفافية' }, description: undefined, originalLang: 'ar' }))
  t.match(arabicOnly.json().slug, /^organisation-[0-9a-f]{8}$/, 'no Latin-script name: no guessed transliteration')
  const englishName = await admin.post('/v1/organisations', organisationBody({ name: { ar: 'شبكة', en: 'Open Budget Network' }, originalLang: 'ar' }))
  t.equal(englishName.json().slug, 'open-budget-network', 'an Arabic organisation with an English name')

  const chosen = await admin.post('/v1/organisations', organisationBody({ slug: 'atgl' }))
  t.equal(chosen.json().slug, 'atgl', 'a slug asked for is kept')
  const taken = await admin.post('/v1/organisations', organisationBody({ slug: 'atgl' }))
  t.equal(taken.statusCode, 409)
  t.equal(taken.json().code, 'WEGOV_SLUG_TAKEN')

  const partner = await admin.post('/v1/organisations', organisationBody({ name: { fr: 'Partenaire' }, isPartner: true }))
  t.equal(partner.json().isPartner, true, 'an admin may create a partner')
})

t.test('creating: bad input is refused with its code, in the reader’s language, and nothing is written', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const citizen = await browserOf(app, 'citizen@example.org')
  const before = await rowCounts(app)
  const cases: [string, Browser | null, Record<string, unknown>, number, string][] = [
    ['unknown country', admin, organisationBody({ country: 'ZZ' }), 400, 'WEGOV_INVALID_COUNTRY'],
    ['lower-case country', admin, organisationBody({ country: 'tn' }), 400, 'WEGOV_INVALID_COUNTRY'],
    ['unknown kind', admin, organisationBody({ kind: 'company' }), 400, 'WEGOV_VALIDATION'],
    ['javascript: website', admin, organisationBody({ website: 'javascript:alert(1)' }), 400, 'WEGOV_VALIDATION'],
    ['data: logo', admin, organisationBody({ logoUrl: 'data:image/png;base64,AAAA' }), 400, 'WEGOV_VALIDATION'],
    ['no name in the original language', admin, organisationBody({ name: { ar: 'اسم' }, originalLang: 'fr' }), 400, 'WEGOV_NAME_REQUIRED'],
    ['a blank name', admin, organisationBody({ name: { fr: '   ' } }), 400, 'WEGOV_NAME_REQUIRED'],
    ['a control character', admin, organisationBody({ name: { fr: 'A\u202Eevil' } }), 400, 'WEGOV_VALIDATION'],
    ['unknown language', admin, organisationBody({ originalLang: 'de' }), 400, 'WEGOV_UNSUPPORTED_LANGUAGE'],
    ['bad owner address', admin, organisationBody({ ownerEmail: 'not-an-address' }), 400, 'WEGOV_INVALID_EMAIL'],
    ['unknown field', admin, organisationBody({ colour: 'red' }), 400, 'WEGOV_UNKNOWN_PARAMETER'],
    ['bad slug', admin, organisationBody({ slug: 'Not A Slug' }), 400, 'WEGOV_VALIDATION'],
    ['a citizen', citizen, organisationBody(), 403, 'WEGOV_FORBIDDEN'],
    ['nobody', null, organisationBody(), 401, 'WEGOV_UNAUTHENTICATED'],
  ]
  for (const [name, who, body, status, code] of cases) {
    const response = who ? await who.post('/v1/organisations', body) : await app.inject({ method: 'POST', url: '/v1/organisations', payload: body })
    t.equal(response.statusCode, status, `${name}: ${response.body}`)
    t.equal(response.json().code, code, name)
    t.match(response.headers['content-type'], /application\/problem\+json/)
  }
  t.same(await rowCounts(app), before, 'no organisation, invitation, change or mail was written')

  const french = await admin.post('/v1/organisations', organisationBody({ country: 'ZZ' }))
  const inArabic = await app.inject({ method: 'POST', url: '/v1/organisations?lang=ar', payload: organisationBody({ country: 'ZZ' }), headers: { cookie: admin.cookie, origin: 'http://localhost', host: 'localhost', 'accept-language': 'ar' } })
  t.equal(french.json().lang, 'fr')
  t.equal(inArabic.json().lang, 'ar', 'the problem speaks the reader’s language')
  t.not(inArabic.json().detail, french.json().detail)
})

t.test('owners edit the profile in three languages; the public pages follow; only admins set the partner flag', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const { organisation, owner } = await organisationWithOwner(app, admin, 'owner@atgl.example.org')
  const profileUrl = `/v1/organisations/${organisation.id}/profile`
  t.equal((await publicOrganisation(app, organisation.slug))?.name.text, 'Association Tunisienne de la Gouvernance Locale', 'cached in English: the French name')

  const read = await owner.get(profileUrl)
  t.equal(read.statusCode, 200)
  t.same(read.json().name, organisation.name)

  const patched = await owner.patch(profileUrl, {
    name: { en: '  Tunisian Association for Local Governance ', ar: null },
    description: { ar: 'ترافق البلديات\r\n\r\n\r\nفي المشاركة', en: '' },
    website: null,
  })
  t.equal(patched.statusCode, 200, patched.body)
  t.same(patched.json().name, { fr: 'Association Tunisienne de la Gouvernance Locale', en: 'Tunisian Association for Local Governance' }, 'en added (trimmed), ar removed')
  t.same(patched.json().description, { ar: 'ترافق البلديات\n\nفي المشاركة', fr: 'Accompagne les communes dans la participation citoyenne.' }, 'line breaks kept, an empty text is no text')
  t.equal(patched.json().website, null)
  t.same(patched.json().missing, { ar: ['name'], fr: [], en: ['description'] })
  t.equal((await publicOrganisation(app, organisation.slug))?.name.text, 'Tunisian Association for Local Governance', 'the public list shows the change at once')

  const [updated] = await changes(app, 'organisation.updated')
  t.match(updated, { subject_id: organisation.id, organisation_id: organisation.id, actor_person_id: owner.personId })
  t.match(updated?.before, { name: { ar: 'الجمعية التونسية للحوكمة المحلية' }, website: 'https://atgl.example.org' })
  t.match(updated?.after, { name: { en: 'Tunisian Association for Local Governance' }, website: null })
  t.notOk('ar' in (updated?.after as { name: object }).name)

  const unchanged = await owner.patch(profileUrl, { kind: 'ngo' })
  t.equal(unchanged.statusCode, 200)
  t.equal((await changes(app, 'organisation.updated')).length, 1, 'a patch that changes nothing records nothing')

  const partner = await owner.patch(profileUrl, { isPartner: true, name: { en: 'Should not be saved' } })
  t.equal(partner.statusCode, 403)
  t.equal(partner.json().code, 'WEGOV_FORBIDDEN')
  t.equal((await owner.get(profileUrl)).json().name.en, 'Tunisian Association for Local Governance', 'nothing of the refused patch was saved')
  t.equal((await owner.patch(profileUrl, { isPartner: false })).statusCode, 200, 'the flag as it is may be sent back')
  const adminPartner = await admin.patch(profileUrl, { isPartner: true })
  t.equal(adminPartner.json().isPartner, true)
  t.equal((await publicOrganisation(app, organisation.slug))?.isPartner, true)

  const noName = await owner.patch(profileUrl, { name: { fr: null } })
  t.equal(noName.statusCode, 400)
  t.equal(noName.json().code, 'WEGOV_NAME_REQUIRED', 'the original language’s name cannot be removed')
  const switchLang = await owner.patch(profileUrl, { originalLang: 'ar' })
  t.equal(switchLang.json().code, 'WEGOV_NAME_REQUIRED', 'nor can the original language become one with no name')
  const switched = await owner.patch(profileUrl, { originalLang: 'en', name: { fr: null } })
  t.equal(switched.statusCode, 200, 'changing the original language and removing the old one’s name together is fine')
  t.equal((await owner.patch(profileUrl, { country: 'XY' })).json().code, 'WEGOV_INVALID_COUNTRY')
  t.equal((await owner.patch(profileUrl, { logoUrl: 'ftp://example.org/logo.png' })).json().code, 'WEGOV_VALIDATION')
  t.equal((await owner.patch(profileUrl, { slug: 'new-slug' })).json().code, 'WEGOV_UNKNOWN_PARAMETER', 'the slug is a permanent address')
})

t.test('a petition shows its organisation’s new name at once on the instance that renamed it', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const { organisation, owner } = await organisationWithOwner(app, admin, 'owner@atgl.example.org')
  const heard = await notificationsHeard(t, app.database, CONTENT_CHANNEL)
  const petition = await addPetition(app.db, { organisationSlug: organisation.slug })
  // The petition's creation clears the caches when its NOTIFY arrives: read it only once that is done.
  t.ok(await eventuallyTrue(() => heard('petitions')), 'the petition’s creation was announced')
  const launcher = async () => (await app.inject({ url: `/v1/petitions/${petition.slug}?lang=en` })).json().launcher.organisation.name.text as string
  t.equal(await launcher(), 'Association Tunisienne de la Gouvernance Locale', 'read, and now cached')

  const renamed = await owner.patch(`/v1/organisations/${organisation.id}/profile`, { name: { en: 'Tunisian Association for Local Governance' } })
  t.equal(renamed.statusCode, 200, renamed.body)
  // The rename's own NOTIFY reaches this instance a moment later (on PostgreSQL): not waited for.
  t.equal(await launcher(), 'Tunisian Association for Local Governance', 'the petition’s row was dropped with the read cache')
})

t.test('who may read and edit a profile: members read, owners edit, nobody touches another organisation', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const a = await organisationWithOwner(app, admin, 'owner@a.example.org', { name: { fr: 'Organisation A' } })
  const b = await organisationWithOwner(app, admin, 'owner@b.example.org', { name: { fr: 'Organisation B' } })
  const invited = await a.owner.post(`/v1/organisations/${a.organisation.id}/invitations`, { email: 'editor@a.example.org', role: 'editor', lang: 'fr' })
  t.equal(invited.statusCode, 201)
  const editorA = await browserOf(app, 'editor@a.example.org')
  const [mail] = await mailbox(app, 'editor@a.example.org')
  t.equal((await editorA.post('/v1/invitations/accept', { token: tokenOf(mail!.links.accept!) })).statusCode, 200)
  const citizen = await browserOf(app, 'citizen@example.org')
  const profile = (id: string) => `/v1/organisations/${id}/profile`

  t.equal((await editorA.get(profile(a.organisation.id))).statusCode, 200, 'an editor reads the profile')
  t.equal((await editorA.patch(profile(a.organisation.id), { kind: 'network' })).statusCode, 403, 'but does not edit it')
  for (const [name, who] of [['editor of A', editorA], ['owner of A', a.owner], ['citizen', citizen]] as const) {
    t.equal((await who.get(profile(b.organisation.id))).statusCode, 403, `${name} cannot read B`)
    const write = await who.patch(profile(b.organisation.id), { kind: 'network' })
    t.equal(write.statusCode, 403, `${name} cannot edit B`)
    t.equal(write.json().code, 'WEGOV_FORBIDDEN')
  }
  t.equal((await app.inject({ url: profile(a.organisation.id) })).statusCode, 401, 'nobody signed in: 401')
  t.equal((await admin.get(profile(b.organisation.id))).statusCode, 200, 'an admin reads every profile')
  t.equal((await admin.get(profile('00000000-0000-4000-8000-000000000000'))).statusCode, 404)
  const malformed = await admin.get('/v1/organisations/not-a-uuid/profile')
  t.equal(malformed.json().code, 'WEGOV_INVALID_ID')
  t.equal((await citizen.get('/v1/organisations/not-a-uuid/profile')).statusCode, 403, 'the policy answers before validation')

  const crossSite = await app.inject({ method: 'PATCH', url: profile(a.organisation.id), payload: { kind: 'network' }, headers: { cookie: a.owner.cookie, origin: 'https://evil.example', host: 'localhost' } })
  t.equal(crossSite.statusCode, 403)
  t.equal(crossSite.json().code, 'WEGOV_CSRF', 'a cross-site write with the cookie is refused')

  // An API key of A with content:write edits A's profile, but never the partner flag, nor B.
  const secret = 'wgk_test-key-for-organisation-a-000000000000'
  await app.db.insertInto('api_keys').values({ id: randomUUID(), organisation_id: a.organisation.id, name: 'site', prefix: secret.slice(0, 12), secret_hash: hashToken(secret), scopes: ['content:write'] }).execute()
  const key = { authorization: `Bearer ${secret}` }
  const byKey = await app.inject({ method: 'PATCH', url: profile(a.organisation.id), payload: { name: { en: 'Organisation A (en)' } }, headers: key })
  t.equal(byKey.statusCode, 200, byKey.body)
  const [logged] = (await changes(app, 'organisation.updated')).filter((e) => e.organisation_id === a.organisation.id)
  t.ok(logged?.actor_key_id, 'the change log names the key')
  t.equal((await app.inject({ method: 'PATCH', url: profile(a.organisation.id), payload: { isPartner: true }, headers: key })).statusCode, 403)
  t.equal((await app.inject({ method: 'PATCH', url: profile(b.organisation.id), payload: { kind: 'network' }, headers: key })).statusCode, 403)
})

t.test('members: owners see addresses and change roles; an organisation always keeps an owner', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const { organisation, owner } = await organisationWithOwner(app, admin, 'owner@atgl.example.org')
  const membersUrl = `/v1/organisations/${organisation.id}/members`
  await owner.post(`/v1/organisations/${organisation.id}/invitations`, { email: 'editor@atgl.example.org', role: 'editor', lang: 'en' })
  const editor = await browserOf(app, 'editor@atgl.example.org')
  await editor.post('/v1/invitations/accept', { token: tokenOf((await mailbox(app, 'editor@atgl.example.org'))[0]!.links.accept!) })

  const asOwner = (await owner.get(membersUrl)).json().items
  t.match(asOwner, [
    { personId: owner.personId, email: 'owner@atgl.example.org', role: 'owner' },
    { personId: editor.personId, email: 'editor@atgl.example.org', role: 'editor' },
  ])
  t.ok(Date.parse(asOwner[0].since), 'since is a date')
  const asEditor = (await editor.get(membersUrl)).json().items
  t.same(asEditor.map((m: { email: string | null }) => m.email), [null, null], 'an editor sees who the members are, not their addresses')

  const selfDemotion = await owner.patch(`${membersUrl}/${owner.personId}`, { role: 'editor' })
  t.equal(selfDemotion.statusCode, 409)
  t.equal(selfDemotion.json().code, 'WEGOV_LAST_OWNER', 'the last owner cannot be demoted')
  const leaving = await owner.delete(`${membersUrl}/${owner.personId}`)
  t.equal(leaving.json().code, 'WEGOV_LAST_OWNER', 'nor leave')
  t.equal((await admin.delete(`${membersUrl}/${owner.personId}`)).json().code, 'WEGOV_LAST_OWNER', 'nor be removed, even by an admin')

  const unknownRole = await owner.patch(`${membersUrl}/${editor.personId}`, { role: 'superuser' })
  t.equal(unknownRole.statusCode, 400)
  t.equal(unknownRole.json().code, 'WEGOV_UNKNOWN_ROLE')
  t.equal((await editor.patch(`${membersUrl}/${owner.personId}`, { role: 'editor' })).statusCode, 403, 'an editor manages nobody')
  t.equal((await editor.delete(`${membersUrl}/${owner.personId}`)).statusCode, 403)
  t.equal((await owner.patch(`${membersUrl}/${admin.personId}`, { role: 'editor' })).statusCode, 404, 'not a member: 404')

  const promoted = await owner.patch(`${membersUrl}/${editor.personId}`, { role: 'owner' })
  t.equal(promoted.statusCode, 200)
  t.match(promoted.json(), { personId: editor.personId, role: 'owner' })
  t.equal((await editor.get(`/v1/organisations/${organisation.id}/invitations`)).statusCode, 200, 'the new owner’s very next request has the role (no stale session)')
  const [roleChange] = await changes(app, 'membership.role_changed')
  t.match(roleChange, { subject_type: 'membership', subject_id: editor.personId, organisation_id: organisation.id, before: { role: 'editor' }, after: { role: 'owner' } })

  t.equal((await owner.delete(`${membersUrl}/${owner.personId}`)).statusCode, 204, 'with another owner, an owner may leave')
  t.equal((await owner.get(membersUrl)).statusCode, 403, 'and at once has no access')
  const [removal] = await changes(app, 'membership.removed')
  t.match(removal, { subject_id: owner.personId, organisation_id: organisation.id, before: { role: 'owner' }, after: null })
  t.same((await editor.get(membersUrl)).json().items.map((m: { personId: string }) => m.personId), [editor.personId])
})

t.test('two owners leaving at the same moment: one leaves, the other stays the last owner', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const { organisation, owner } = await organisationWithOwner(app, admin, 'first@atgl.example.org')
  await owner.post(`/v1/organisations/${organisation.id}/invitations`, { email: 'second@atgl.example.org', role: 'owner', lang: 'fr' })
  const second = await browserOf(app, 'second@atgl.example.org')
  t.equal((await second.post('/v1/invitations/accept', { token: tokenOf((await mailbox(app, 'second@atgl.example.org'))[0]!.links.accept!) })).statusCode, 200)

  const membersUrl = `/v1/organisations/${organisation.id}/members`
  const answers = await Promise.all([owner.delete(`${membersUrl}/${owner.personId}`), second.delete(`${membersUrl}/${second.personId}`)])
  t.same(answers.map((a) => a.statusCode).sort(), [204, 409], 'one leaves, one is refused')
  t.equal(answers.find((a) => a.statusCode === 409)?.json().code, 'WEGOV_LAST_OWNER')
  const owners = await app.db.selectFrom('memberships').select('person_id').where('organisation_id', '=', organisation.id).where('role', '=', 'owner').execute()
  t.equal(owners.length, 1, 'the organisation kept exactly one owner')
})

import { sql } from 'kysely'
import t from 'tap'
import { ADMIN, addPerson, browserOf, buildAccountsApp, changes, mailbox, rowCounts } from './helpers/organisation-accounts.js'

/**
 * Join applications: an association applies, an admin approves (the organisation exists, public, with the
 * applicant as owner) or declines with a reason; the applicant learns it by mail in their own language.
 */

function applicationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: { ar: 'جمعية البوصلة', fr: 'Association Al Bawsala' },
    description: { ar: 'مراقبة عمل البرلمان' },
    originalLang: 'ar',
    kind: 'ngo',
    country: 'TN',
    website: 'https://albawsala.example.org',
    motivation: 'نريد نشر تقاريرنا على WeGov',
    ...overrides,
  }
}

t.test('an association applies; an admin approves; the organisation is public with the applicant as owner', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  await addPerson(app, 'leila@albawsala.example.org', { name: 'ليلى', lang: 'ar' })
  const applicant = await browserOf(app, 'leila@albawsala.example.org')
  const stranger = await browserOf(app, 'stranger@example.org')
  t.same((await app.inject({ url: '/v1/organisations' })).json().items, [], 'no organisation yet (and now cached)')

  const submitted = await applicant.post('/v1/organisation-applications', applicationBody())
  t.equal(submitted.statusCode, 201, submitted.body)
  const application = submitted.json()
  t.match(application, {
    applicant: { id: applicant.personId, name: 'ليلى', email: 'leila@albawsala.example.org' },
    name: { ar: 'جمعية البوصلة', fr: 'Association Al Bawsala' },
    originalLang: 'ar',
    status: 'pending',
    reason: null,
    organisationId: null,
    decidedAt: null,
  })
  t.match(await changes(app, 'application.submitted'), [{ subject_id: application.id, actor_person_id: applicant.personId, organisation_id: null }])

  t.same((await applicant.get('/v1/organisation-applications')).json().items.map((a: { id: string }) => a.id), [application.id], 'the applicant sees their own')
  t.same((await stranger.get('/v1/organisation-applications')).json().items, [], 'nobody else’s')
  t.same((await admin.get('/v1/organisation-applications?status=pending')).json().items.map((a: { id: string }) => a.id), [application.id], 'admins see every one')
  t.same((await admin.get('/v1/organisation-applications?status=approved')).json().items, [])
  t.equal((await admin.get('/v1/organisation-applications?status=maybe')).json().code, 'WEGOV_UNKNOWN_FILTER_VALUE')

  const approved = await admin.post(`/v1/organisation-applications/${application.id}/approve`)
  t.equal(approved.statusCode, 200, approved.body)
  const decided = approved.json()
  t.match(decided, { id: application.id, status: 'approved', reason: null })
  t.ok(decided.organisationId && Date.parse(decided.decidedAt), 'the organisation made from it, and when')

  const listed = (await app.inject({ url: '/v1/organisations?lang=fr' })).json().items
  t.match(listed, [{ id: decided.organisationId, slug: 'association-al-bawsala', name: { text: 'Association Al Bawsala' }, country: 'TN', isPartner: false }], 'public at once')
  const members = await applicant.get(`/v1/organisations/${decided.organisationId}/members`)
  t.equal(members.statusCode, 200, 'the applicant’s session knows the new role at once')
  t.match(members.json().items, [{ personId: applicant.personId, role: 'owner' }])
  t.equal((await applicant.get(`/v1/organisations/${decided.organisationId}/profile`)).json().description.ar, 'مراقبة عمل البرلمان')

  const [mail] = await mailbox(app, 'leila@albawsala.example.org')
  t.ok(mail, 'the applicant is told by mail')
  t.equal(mail!.subject, 'تم قبول طلبك الخاص بـ جمعية البوصلة', 'in the applicant’s language')
  t.match(mail!.html, /<html lang="ar" dir="rtl">/)
  t.match(mail!.text, /^مرحبًا ليلى،/)
  t.equal(mail!.links.console, 'http://localhost/console/?lang=ar')

  const [event] = await changes(app, 'application.approved')
  t.match(event, { subject_id: application.id, organisation_id: decided.organisationId, actor_person_id: admin.personId, before: { status: 'pending' }, after: { status: 'approved', organisationId: decided.organisationId } })
  t.match(await changes(app, 'organisation.created'), [{ subject_id: decided.organisationId }])
  t.match(await changes(app, 'membership.added'), [{ subject_id: applicant.personId, organisation_id: decided.organisationId, after: { role: 'owner' } }])

  const before = await rowCounts(app)
  const twice = await admin.post(`/v1/organisation-applications/${application.id}/approve`)
  t.equal(twice.statusCode, 409)
  t.equal(twice.json().code, 'WEGOV_APPLICATION_DECIDED')
  t.equal((await admin.post(`/v1/organisation-applications/${application.id}/decline`, { reason: 'Non' })).json().code, 'WEGOV_APPLICATION_DECIDED')
  t.same(await rowCounts(app), before, 'deciding again writes nothing')
})

t.test('an admin declines with a reason, quoted as written in the applicant’s language', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  await addPerson(app, 'marc@example.org', { name: 'Marc', lang: 'fr' })
  const applicant = await browserOf(app, 'marc@example.org')
  const application = (await applicant.post('/v1/organisation-applications', applicationBody({ name: { fr: 'Collectif <Citoyen>' }, originalLang: 'fr', description: undefined, motivation: 'Publier nos pétitions' }))).json()

  const reason = 'Votre site ne mentionne aucune activité.\nلم نجد <أي> نشاط.'
  const declined = await admin.post(`/v1/organisation-applications/${application.id}/decline`, { reason })
  t.equal(declined.statusCode, 200, declined.body)
  t.match(declined.json(), { status: 'declined', reason, organisationId: null })
  t.same((await app.inject({ url: '/v1/organisations' })).json().items, [], 'no organisation')

  const [mail] = await mailbox(app, 'marc@example.org')
  t.equal(mail!.subject, 'Votre demande pour Collectif <Citoyen> a été refusée')
  t.match(mail!.html, /<html lang="fr" dir="ltr">/)
  t.match(mail!.html, /<blockquote dir="auto"[^>]*>Votre site ne mentionne aucune activité\.\nلم نجد &lt;أي&gt; نشاط\.<\/blockquote>/, 'the reason as written, escaped, in its own direction')
  t.match(mail!.html, /<span dir="auto">Collectif &lt;Citoyen&gt;<\/span>/, 'a typed name is escaped')
  t.match(mail!.text, /Motif indiqué :\n> Votre site ne mentionne aucune activité\.\n> لم نجد <أي> نشاط\./)
  t.match(await changes(app, 'application.declined'), [{ subject_id: application.id, before: { status: 'pending', reason: null }, after: { status: 'declined', reason } }])
  t.same((await applicant.get('/v1/organisation-applications?status=declined')).json().items.map((a: { reason: string }) => a.reason), [reason], 'the applicant reads the reason too')

  // English: the applicant changed their language since they applied; the mail follows the person.
  await addPerson(app, 'sam@example.org', { lang: 'ar' })
  const sam = await browserOf(app, 'sam@example.org')
  const second = (await sam.post('/v1/organisation-applications', applicationBody())).json()
  await app.db.updateTable('people').set({ lang: 'en' }).where('id', '=', sam.personId).execute()
  await admin.post(`/v1/organisation-applications/${second.id}/decline`, { reason: 'Duplicate of an existing organisation.' })
  const [english] = await mailbox(app, 'sam@example.org')
  t.equal(english!.subject, 'Your application for جمعية البوصلة was declined', 'in English; with no English name, the name in its original language')
  t.match(english!.text, /^Hello,\n/, 'no name: no blank in the greeting')
})

t.test('bad applications and decisions are refused; a failed approval leaves nothing behind', async (t) => {
  const app = await buildAccountsApp(t)
  const admin = await browserOf(app, ADMIN)
  const applicant = await browserOf(app, 'applicant@example.org')
  await addPerson(app, 'moderator@example.org', { platformRole: 'moderator' })
  const moderator = await browserOf(app, 'moderator@example.org')
  const before = await rowCounts(app)
  const cases: [string, Record<string, unknown>, string][] = [
    ['unknown country', applicationBody({ country: 'QQ' }), 'WEGOV_INVALID_COUNTRY'],
    ['no motivation', applicationBody({ motivation: undefined }), 'WEGOV_VALIDATION'],
    ['a blank motivation', applicationBody({ motivation: ' \n ' }), 'WEGOV_VALIDATION'],
    ['no name in the original language', applicationBody({ originalLang: 'en' }), 'WEGOV_NAME_REQUIRED'],
    ['unknown kind', applicationBody({ kind: 'party' }), 'WEGOV_VALIDATION'],
    ['a javascript: website', applicationBody({ website: 'javascript:void(0)' }), 'WEGOV_VALIDATION'],
    ['an unknown field', applicationBody({ isPartner: true }), 'WEGOV_UNKNOWN_PARAMETER'],
  ]
  for (const [name, body, code] of cases) {
    const response = await applicant.post('/v1/organisation-applications', body)
    t.equal(response.statusCode, 400, name)
    t.equal(response.json().code, code, name)
  }
  t.equal((await app.inject({ method: 'POST', url: '/v1/organisation-applications', payload: applicationBody() })).statusCode, 401, 'signed in only')
  t.same(await rowCounts(app), before, 'nothing written')

  const application = (await applicant.post('/v1/organisation-applications', applicationBody())).json()
  const url = `/v1/organisation-applications/${application.id}`
  for (const [name, who] of [['the applicant', applicant], ['a moderator', moderator]] as const) {
    t.equal((await who.post(`${url}/approve`)).statusCode, 403, `${name} cannot approve`)
    t.equal((await who.post(`${url}/decline`, { reason: 'no' })).statusCode, 403, `${name} cannot decline`)
  }
  t.equal((await admin.post(`${url}/decline`, { reason: '   ' })).json().code, 'WEGOV_VALIDATION', 'a decline needs a reason')
  t.equal((await admin.post(`${url}/decline`, {})).json().code, 'WEGOV_VALIDATION')
  t.equal((await admin.post('/v1/organisation-applications/00000000-0000-4000-8000-000000000000/approve')).statusCode, 404)
  t.equal((await admin.post('/v1/organisation-applications/123/approve')).json().code, 'WEGOV_INVALID_ID')

  // The approval fails after the organisation was inserted (the database refuses the membership): the
  // organisation, the decision, the change-log events and the mail all roll back together.
  await sql`CREATE FUNCTION refuse_membership() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`.execute(app.db)
  await sql`CREATE TRIGGER refuse_membership BEFORE INSERT ON memberships FOR EACH ROW EXECUTE FUNCTION refuse_membership()`.execute(app.db)
  const counts = await rowCounts(app)
  const failed = await admin.post(`${url}/approve`)
  t.equal(failed.statusCode, 500)
  t.equal(failed.json().code, 'WEGOV_INTERNAL')
  t.same(await rowCounts(app), counts, 'nothing half-written')
  t.equal((await applicant.get('/v1/organisation-applications')).json().items[0].status, 'pending', 'still pending')
  await sql`DROP TRIGGER refuse_membership ON memberships`.execute(app.db)
  t.equal((await admin.post(`${url}/approve`)).statusCode, 200, 'and it can be approved once the fault is gone')
})

import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { ADMIN, addPerson, browserOf, changes, mailbox as accountMailbox } from './helpers/organisation-accounts.js'
import { grantMembership, organisationIdOf } from './helpers/roles.js'
import { PETITION_TEST_CONFIG, addPetition, mailbox, signBody } from './helpers/petition-fixtures.js'
import { buildTestApp } from './helpers/test-app.js'
import { ORGANISATIONS, createFixtureOrganisations } from './helpers/content-fixtures.js'

/** Petitions launched by anyone: drafting, sponsors through the private link, moderation, who may do what. */

const inWeeks = (weeks: number) => new Date(Date.now() + weeks * 7 * 86_400_000).toISOString()

const arabicDraft = {
  originalLang: 'ar',
  title: { ar: 'إنارة الشوارع في حي النصر' },
  summary: { ar: 'نطالب البلدية بإصلاح الإنارة العمومية.' },
  text: { ar: '<p>نطالب البلدية بإصلاح الإنارة.</p><script>alert(1)</script>' },
  authority: { ar: 'بلدية صفاقس' },
  country: 'TN',
  themes: ['local-democracy'],
  goal: 500,
  closesAt: inWeeks(8),
}

async function buildLaunchApp(t: Parameters<typeof buildTestApp>[0]): Promise<FastifyInstance> {
  const app = await buildTestApp(t, { config: { ...PETITION_TEST_CONFIG, adminEmails: [ADMIN] }, portal: false })
  await addPerson(app, ADMIN, { platformRole: 'admin', name: 'Admin WeGov' })
  return app
}

async function sponsor(app: FastifyInstance, token: string, email: string) {
  const signed = await app.inject({ method: 'POST', url: `/v1/sponsor-links/${token}/signatures`, payload: signBody(email, { locale: 'ar' }) })
  if (signed.statusCode !== 202) throw new Error(`sponsoring answered ${signed.statusCode}: ${signed.body}`)
  const [mail] = await mailbox(app, email)
  const petitionId = signed.json().petitionId
  const confirmed = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition: petitionId, email, code: mail!.code } })
  if (confirmed.statusCode !== 200) throw new Error(`confirming answered ${confirmed.statusCode}: ${confirmed.body}`)
}

t.test('a citizen drafts in Arabic, five sponsors confirm through the link, a moderator approves, and it opens', async (t) => {
  const app = await buildLaunchApp(t)
  await addPerson(app, 'citizen@example.org', { name: 'سلمى', lang: 'ar' })
  await addPerson(app, 'stranger@example.org', { name: 'Stranger' })
  await addPerson(app, 'moderator@example.org', { name: 'Mona', platformRole: 'moderator' })
  await addPerson(app, 'moderator2@example.org', { name: 'Omar', platformRole: 'moderator' })
  const citizen = await browserOf(app, 'citizen@example.org')
  const stranger = await browserOf(app, 'stranger@example.org')
  const moderator = await browserOf(app, 'moderator@example.org')
  const moderator2 = await browserOf(app, 'moderator2@example.org')

  const anonymous = await app.inject({ method: 'POST', url: '/v1/petition-launches', payload: arabicDraft, headers: { origin: 'http://localhost' } })
  t.equal(anonymous.statusCode, 401)

  const drafted = await citizen.post('/v1/petition-launches', arabicDraft)
  t.equal(drafted.statusCode, 201, drafted.body)
  const draft = drafted.json()
  t.equal(draft.status, 'draft')
  t.equal(draft.launcherName, 'سلمى', 'launched under the account’s name')
  t.equal(draft.slug, 'inara-alshwara-fy-hy-alnsr', 'the slug transliterates the Arabic title')
  t.notMatch(draft.texts.text.ar, /script/, 'the text is sanitised')
  t.same(draft.sponsors, { needed: 5, confirmed: null, token: null }, 'no link before it is submitted')

  t.equal((await app.inject(`/v1/petitions/${draft.id}`)).statusCode, 404, 'a draft is not public')
  t.equal((await stranger.get(`/v1/petition-launches/${draft.id}`)).statusCode, 404, 'nor shown to another citizen')
  t.equal((await stranger.patch(`/v1/petition-launches/${draft.id}`, { goal: 1 })).statusCode, 404, 'who may not edit it')

  const french = await citizen.patch(`/v1/petition-launches/${draft.id}`, { title: { fr: 'L’éclairage public à El Nasr' } })
  t.equal(french.statusCode, 200, french.body)
  t.same(french.json().texts.title, { ar: arabicDraft.title.ar, fr: 'L’éclairage public à El Nasr' }, 'a translation is added without resending the others')
  t.equal(french.json().slug, 'l-eclairage-public-a-el-nasr', 'a draft’s slug follows its Latin-script title')

  const submitted = await citizen.post(`/v1/petition-launches/${draft.id}/submit`)
  t.equal(submitted.statusCode, 200, submitted.body)
  t.equal(submitted.json().status, 'collecting_sponsors')
  const token: string = submitted.json().sponsors.token
  t.match(token, /^[A-Za-z0-9_-]{40,}$/)
  t.equal((await citizen.patch(`/v1/petition-launches/${draft.id}`, { goal: 10 })).json().code, 'WEGOV_PETITION_STATE', 'its text is frozen once submitted')

  const page = await app.inject({ url: `/v1/sponsor-links/${token}?lang=fr` })
  t.equal(page.statusCode, 200, page.body)
  t.equal(page.json().petition.title.text, 'L’éclairage public à El Nasr')
  t.equal(page.json().sponsorsNeeded, 5)
  const forged = `${token.slice(0, -4)}AAAA`
  t.equal((await app.inject({ url: `/v1/sponsor-links/${forged}` })).statusCode, 404, 'a forged link names nothing')
  t.equal((await moderator.get('/v1/moderation/petitions')).json().items.length, 0, 'moderators do not see it before its sponsors')

  for (let n = 1; n <= 4; n++) await sponsor(app, token, `sponsor${n}@example.org`)
  const four = (await citizen.get(`/v1/petition-launches/${draft.id}`)).json()
  t.equal(four.status, 'collecting_sponsors', 'four sponsors are not enough')
  t.equal(four.sponsors.confirmed, 4, 'its creator sees how many confirmed')
  await sponsor(app, token, 'sponsor5@example.org')
  const awaiting = (await citizen.get(`/v1/petition-launches/${draft.id}`)).json()
  t.equal(awaiting.status, 'pending_review', 'the fifth confirmed sponsor sends it to moderation')
  t.ok(awaiting.moderation.dueAt, 'with a due date')
  const late = await app.inject({ method: 'POST', url: `/v1/sponsor-links/${token}/signatures`, payload: signBody('late@example.org') })
  t.equal(late.json().code, 'WEGOV_SPONSORING_CLOSED')

  t.equal((await citizen.get('/v1/moderation/petitions')).statusCode, 403, 'a citizen is no moderator')
  t.equal((await citizen.post(`/v1/moderation/petitions/${draft.id}/approve`)).statusCode, 403, 'nor approves their own petition')
  const queue = (await moderator.get('/v1/moderation/petitions')).json().items
  t.same(queue.map((item: { id: string }) => item.id), [draft.id])

  const claimed = await moderator.post(`/v1/moderation/petitions/${draft.id}/claim`)
  t.equal(claimed.statusCode, 200, claimed.body)
  t.equal(claimed.json().moderation.claimedBy.name, 'Mona')
  t.equal((await moderator2.post(`/v1/moderation/petitions/${draft.id}/approve`)).json().code, 'WEGOV_MODERATION_CLAIMED', 'another moderator waits')
  const approved = await moderator.post(`/v1/moderation/petitions/${draft.id}/approve`)
  t.equal(approved.statusCode, 200, approved.body)
  t.equal(approved.json().status, 'open')
  t.equal((await moderator.post(`/v1/moderation/petitions/${draft.id}/approve`)).json().code, 'WEGOV_PETITION_STATE', 'approving twice is refused')

  const shown = await app.inject(`/v1/petitions/${draft.id}?lang=ar`)
  t.equal(shown.statusCode, 200, shown.body)
  t.equal(shown.json().status, 'open')
  t.equal(shown.json().signatureCount, 5, 'its sponsors are its first signatures')
  t.equal(shown.json().launcher.name, 'سلمى')

  const [told] = await accountMailbox(app, 'citizen@example.org')
  t.equal(told?.subject, 'عريضتك مفتوحة للتوقيع', 'the creator is told in their own language')
  t.match(told?.text, /\/console\/petitions\?lang=ar\b/, 'its link leads to the creator’s own petitions')
  t.match(told?.text, 'إنارة الشوارع في حي النصر')

  const actions = (await app.db.selectFrom('change_log').select('action').where('subject_id', '=', draft.id).orderBy('seq').execute()).map((row) => row.action)
  t.same(actions, ['petition.drafted', 'petition.updated', 'petition.submitted', 'petition.sponsored', 'petition.claimed', 'petition.published'], 'every move is in the change log')
})

t.test('an organisation’s petition goes straight to moderation; rejections are public or hidden by their code', async (t) => {
  const app = await buildLaunchApp(t)
  const admin = await browserOf(app, ADMIN)
  await createFixtureOrganisations(app.db)
  const organisationId = await organisationIdOf(app, ORGANISATIONS.ngo)
  await addPerson(app, 'editor@example.org', { name: 'Editor' })
  await addPerson(app, 'outsider@example.org', { name: 'Outsider' })
  await grantMembership(app, 'editor@example.org', organisationId, 'editor')
  await grantMembership(app, 'outsider@example.org', await organisationIdOf(app, ORGANISATIONS.funder), 'editor')
  const editor = await browserOf(app, 'editor@example.org')
  const outsider = await browserOf(app, 'outsider@example.org')
  const frenchDraft = { ...arabicDraft, originalLang: 'fr', title: { fr: 'Un budget participatif à Sfax' }, organisationId }

  t.equal((await outsider.post('/v1/petition-launches', frenchDraft)).statusCode, 403, 'only its own editors draft for an organisation')
  const drafted = await editor.post('/v1/petition-launches', frenchDraft)
  t.equal(drafted.statusCode, 201, drafted.body)
  t.equal(drafted.json().sponsors, null, 'an organisation needs no sponsors')
  const listed = await editor.get(`/v1/organisations/${organisationId}/petition-launches`)
  t.same(listed.json().items.map((item: { id: string }) => item.id), [drafted.json().id], 'the organisation lists its drafts')
  t.equal((await outsider.get(`/v1/organisations/${organisationId}/petition-launches`)).statusCode, 403)
  const submitted = await editor.post(`/v1/petition-launches/${drafted.json().id}/submit`)
  t.equal(submitted.json().status, 'pending_review')

  const rejected = await admin.post(`/v1/moderation/petitions/${drafted.json().id}/reject`, { code: 'unclear', note: 'Précisez à qui elle s’adresse.' })
  t.equal(rejected.statusCode, 200, rejected.body)
  t.equal(rejected.json().status, 'rejected')
  const shown = (await app.inject(`/v1/petitions/${drafted.json().id}?lang=fr`)).json()
  t.equal(shown.status, 'rejected', 'a rejected petition stays public')
  t.equal(shown.rejectionCode, 'unclear')
  t.equal(shown.rejectionReason.text, 'Précisez à qui elle s’adresse.', 'with the moderator’s note')

  const [told] = await accountMailbox(app, 'editor@example.org')
  t.equal(told?.subject, 'Votre pétition n’a pas été acceptée', 'the creator hears of the rejection in French')
  t.match(told?.text, /\/console\/organisations\/[0-9a-f-]{36}\/petitions\?lang=fr\b/, 'its link leads to the organisation’s petitions')
  t.match(told?.text, 'Elle ne dit pas clairement ce qu’elle demande')
  t.match(told?.text, 'Précisez à qui elle s’adresse.')

  const second = (await editor.post('/v1/petition-launches', { ...frenchDraft, title: { fr: 'Une autre demande' } })).json()
  await editor.post(`/v1/petition-launches/${second.id}/submit`)
  const hidden = await admin.post(`/v1/moderation/petitions/${second.id}/reject`, { code: 'defamatory' })
  t.equal(hidden.json().status, 'hidden')
  t.equal((await app.inject(`/v1/petitions/${second.id}`)).statusCode, 404, 'a defamatory petition is taken off the site')
  t.equal((await editor.get(`/v1/petition-launches/${second.id}?lang=fr`)).json().moderation.rejectionCode, 'defamatory', 'its creator still sees why')
  t.equal((await changes(app, 'petition.hidden')).length, 1)
})

t.test('bad drafts get field-by-field problems; withdrawal', async (t) => {
  const app = await buildLaunchApp(t)
  await addPerson(app, 'citizen@example.org', { name: 'Karim' })
  const citizen = await browserOf(app, 'citizen@example.org', { 'accept-language': 'ar' })

  const noOriginal = await citizen.post('/v1/petition-launches', { ...arabicDraft, title: { fr: 'Seulement en français' } })
  t.equal(noOriginal.statusCode, 422)
  t.equal(noOriginal.json().code, 'WEGOV_ORIGINAL_LANGUAGE_REQUIRED')
  t.equal(noOriginal.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(noOriginal.json().errors[0].field, 'title.ar')

  const tooSoon = await citizen.post('/v1/petition-launches', { ...arabicDraft, closesAt: inWeeks(0.5) })
  t.equal(tooSoon.json().code, 'WEGOV_PETITION_CLOSES_TOO_SOON')
  const tooLate = await citizen.post('/v1/petition-launches', { ...arabicDraft, closesAt: inWeeks(60) })
  t.equal(tooLate.json().code, 'WEGOV_PETITION_CLOSES_TOO_SOON')
  t.equal((await citizen.post('/v1/petition-launches', { ...arabicDraft, country: 'ZZ' })).json().code, 'WEGOV_INVALID_COUNTRY')
  const unknownField = await citizen.post('/v1/petition-launches', { ...arabicDraft, status: 'open' })
  t.equal(unknownField.statusCode, 400, 'a draft cannot set its own status')

  const draft = (await citizen.post('/v1/petition-launches', arabicDraft)).json()
  const withdrawn = await citizen.post(`/v1/petition-launches/${draft.id}/withdraw`)
  t.equal(withdrawn.json().status, 'withdrawn')
  t.equal((await citizen.post(`/v1/petition-launches/${draft.id}/submit`)).json().code, 'WEGOV_PETITION_STATE')
  const mine = (await citizen.get('/v1/petition-launches')).json().items
  t.same(mine.map((item: { status: string }) => item.status), ['withdrawn'], 'the creator lists their petitions')
})

t.test('at the response threshold, online and paper signatures together, a petition awaits its response until one is recorded', async (t) => {
  const app = await buildTestApp(t, { config: { ...PETITION_TEST_CONFIG, adminEmails: [ADMIN], responseThreshold: 3 }, portal: false })
  await addPerson(app, ADMIN, { platformRole: 'admin', name: 'Admin' })
  await createFixtureOrganisations(app.db)
  const ngo = await organisationIdOf(app, ORGANISATIONS.ngo)
  await addPerson(app, 'editor@example.org', { name: 'Editor' })
  await grantMembership(app, 'editor@example.org', ngo, 'editor')
  const editor = await browserOf(app, 'editor@example.org')
  const petition = await addPetition(app.db, { slug: 'threshold', organisationSlug: ORGANISATIONS.ngo })
  const awaiting = async () => (await app.inject(`/v1/petitions/${petition.id}`)).json().awaitingResponse

  for (const email of ['a@example.org', 'b@example.org']) {
    await app.inject({ method: 'POST', url: `/v1/petitions/${petition.id}/signatures`, payload: signBody(email) })
    const [mail] = await mailbox(app, email)
    await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition: petition.id, email, code: mail!.code } })
  }
  t.equal(await awaiting(), false, 'two signatures are below the threshold of three')
  const paper = await editor.post(`/v1/organisations/${ngo}/petitions/${petition.id}/paper-signatures`, { count: 1, country: 'TN', collectedOn: '2026-11-01' })
  t.equal(paper.statusCode, 201, paper.body)
  t.equal(await awaiting(), true, 'a paper signature brings it to the threshold')
  const listed = (await app.inject('/v1/petitions?limit=100')).json().items.find((item: { id: string }) => item.id === petition.id)
  t.equal(listed.awaitingResponse, true, 'lists say so too')
  const responded = await editor.put(`/v1/organisations/${ngo}/petitions/${petition.id}/response`, {
    text: { fr: '<p>La commune publiera son budget.</p>' }, originalLang: 'fr', respondedAt: '2026-11-20',
  })
  t.equal(responded.statusCode, 200, responded.body)
  t.equal(await awaiting(), false, 'a recorded response ends the wait')
})

t.test('its organiser closes an open petition early: only from open, only whoever manages it; the public sees it closed', async (t) => {
  const app = await buildLaunchApp(t)
  await createFixtureOrganisations(app.db)
  const ngo = await organisationIdOf(app, ORGANISATIONS.ngo)
  const citizenId = await addPerson(app, 'citizen@example.org', { name: 'Karim' })
  await addPerson(app, 'editor@example.org', { name: 'Editor' })
  await addPerson(app, 'outsider@example.org', { name: 'Outsider' })
  await grantMembership(app, 'editor@example.org', ngo, 'editor')
  const citizen = await browserOf(app, 'citizen@example.org')
  const editor = await browserOf(app, 'editor@example.org')
  const outsider = await browserOf(app, 'outsider@example.org', { 'accept-language': 'ar' })
  const ours = await addPetition(app.db, { organisationSlug: ORGANISATIONS.ngo })
  const theirs = await addPetition(app.db, { organisationSlug: null, launcherName: 'Karim', creatorPersonId: citizenId })

  t.equal((await app.inject({ method: 'POST', url: `/v1/petition-launches/${ours.id}/close`, headers: { origin: 'http://localhost' } })).statusCode, 401)
  const refused = await outsider.post(`/v1/petition-launches/${ours.id}/close`)
  t.equal(refused.statusCode, 404, 'another organisation’s editor does not see it to close')
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal((await citizen.post(`/v1/petition-launches/${ours.id}/close`)).statusCode, 404, 'nor does a citizen')

  const closed = await editor.post(`/v1/petition-launches/${ours.id}/close`)
  t.equal(closed.statusCode, 200, closed.body)
  t.equal(closed.json().status, 'closed')
  const shown = (await app.inject(`/v1/petitions/${ours.id}`)).json()
  t.equal(shown.status, 'closed', 'the public sees it closed')
  t.ok(shown.endedAt, 'ended now')
  const signing = await app.inject({ method: 'POST', url: `/v1/petitions/${ours.id}/signatures`, payload: signBody('late@example.org') })
  t.not(signing.statusCode, 202, 'it takes no more signatures')
  const twice = await editor.post(`/v1/petition-launches/${ours.id}/close`)
  t.equal(twice.statusCode, 409)
  t.equal(twice.json().code, 'WEGOV_PETITION_STATE', 'closing twice is refused')
  t.same((await changes(app, 'petition.closed')).map((row) => row.subject_id), [ours.id], 'the move is logged (the webhooks’ petition.closed)')

  const draft = (await citizen.post('/v1/petition-launches', arabicDraft)).json()
  t.equal((await citizen.post(`/v1/petition-launches/${draft.id}/close`)).json().code, 'WEGOV_PETITION_STATE', 'a draft cannot be closed')
  t.equal((await outsider.post(`/v1/petition-launches/${theirs.id}/close`)).statusCode, 404)
  const own = await citizen.post(`/v1/petition-launches/${theirs.id}/close`)
  t.equal(own.statusCode, 200, own.body)
  t.equal((await app.inject(`/v1/petitions/${theirs.id}`)).json().status, 'closed', 'its creator closes a citizen’s petition')
})

import t from 'tap'
import { buildWritersApp } from './helpers/content-writers.js'
import { ORGANISATIONS } from './helpers/content-fixtures.js'
import { multipartBody, pdfBytes } from './helpers/file-samples.js'
import { PETITION_TEST_CONFIG, addPetition, mailbox, sign, signBody, tokenOf } from './helpers/petition-fixtures.js'
import { organisationIdOf } from './helpers/roles.js'
import { expandFanoutChunk, queueFanoutChunk } from '../src/mail/mail-fanouts.js'

const DAY = 86_400_000
// The NGO is a WeGov partner (content-fixtures.ts); the funder and the network are not.
// Chunks of two: the response email below goes to more consenting signers than one chunk holds.
const { app, ngo, funder, writers, keySecret } = await buildWritersApp(t, { ...PETITION_TEST_CONFIG, mailFanoutChunk: 2 })
const network = await organisationIdOf(app, ORGANISATIONS.network)

const responseUrl = (organisationId: string, petitionId: string) => `/v1/organisations/${organisationId}/petitions/${petitionId}/response`
const response = (overrides: Record<string, unknown> = {}) => ({
  text: { fr: '<p>Le conseil municipal a voté <strong>le budget</strong>.</p><script>alert(1)</script>', en: '<p>The council voted the budget.</p>' },
  originalLang: 'fr',
  respondedAt: new Date(Date.now() - DAY).toISOString(),
  ...overrides,
})
const events = (petitionId: string) =>
  app.db.selectFrom('change_log').selectAll().where('subject_type', '=', 'petition').where('subject_id', '=', petitionId).where('action', '=', 'petition.responded').execute()

t.test('who may record a response: the petition’s organisation, a partner, an admin', async (t) => {
  const ofFunder = await addPetition(app.db, { organisationSlug: ORGANISATIONS.funder })
  const ofNetwork = await addPetition(app.db, { organisationSlug: ORGANISATIONS.network })
  const cases: [keyof typeof writers, string, string, number, string | null][] = [
    ['otherEditor', funder, ofFunder.id, 200, null], // the funder's editor: its own petition
    ['editor', ngo, ofFunder.id, 200, null], // the NGO's editor: a partner
    ['key', ngo, ofNetwork.id, 200, null], // the NGO's content:write key: a partner
    ['admin', network, ofFunder.id, 200, null], // an admin, for any organisation
    ['otherEditor', funder, ofNetwork.id, 403, 'WEGOV_NOT_A_PARTNER'], // neither the petition's nor a partner
    ['otherKey', funder, ofNetwork.id, 403, 'WEGOV_NOT_A_PARTNER'],
    ['citizen', ngo, ofFunder.id, 403, 'WEGOV_FORBIDDEN'],
    ['editor', funder, ofFunder.id, 403, 'WEGOV_FORBIDDEN'], // not a member of the organisation named
    ['anonymous', ngo, ofFunder.id, 401, 'WEGOV_UNAUTHENTICATED'],
  ]
  for (const [who, organisationId, petitionId, status, code] of cases) {
    const res = await writers[who].request('PUT', responseUrl(organisationId, petitionId), { payload: response() })
    t.equal(res.statusCode, status, `${writers[who].name}: ${status}`)
    if (code) t.equal(res.json().code, code)
  }
  t.equal((await events(ofFunder.id)).length, 3)
  t.equal((await events(ofNetwork.id)).length, 1)
})

t.test('only an open or closed petition gets a response; bad input is a problem', async (t) => {
  const draft = await addPetition(app.db, { status: 'draft' })
  const rejected = await addPetition(app.db, { status: 'rejected', rejectionReason: { fr: 'Hors sujet' } })
  const upcoming = await addPetition(app.db, { opensAt: new Date(Date.now() + DAY), closesAt: new Date(Date.now() + 30 * DAY) })
  for (const petition of [draft, rejected, upcoming]) {
    const res = await writers.editor.request('PUT', responseUrl(ngo, petition.id), { payload: response() })
    t.equal(res.statusCode, 409)
    t.equal(res.json().code, 'WEGOV_PETITION_NOT_ACTIVE')
    t.equal((await events(petition.id)).length, 0)
  }
  const closed = await addPetition(app.db, { status: 'closed', endedAt: new Date(Date.now() - DAY) })
  t.equal((await writers.editor.request('PUT', responseUrl(ngo, closed.id), { payload: response() })).statusCode, 200, 'a closed petition gets one')

  const open = await addPetition(app.db)
  const bad: [Record<string, unknown>, string][] = [
    [response({ originalLang: 'ar' }), 'WEGOV_VALIDATION'],
    [response({ text: { fr: '<script>x</script>' } }), 'WEGOV_VALIDATION'],
    [response({ respondedAt: new Date(Date.now() + 10 * DAY).toISOString() }), 'WEGOV_INVALID_DATE'],
    [response({ respondedAt: 'yesterday' }), 'WEGOV_INVALID_DATE'],
    [response({ documentId: '00000000-0000-4000-8000-000000000000' }), 'WEGOV_VALIDATION'],
  ]
  for (const [payload, code] of bad) {
    const res = await writers.editor.request('PUT', responseUrl(ngo, open.id), { payload })
    t.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 80))
    t.equal(res.json().code, code)
  }
  t.equal((await events(open.id)).length, 0, 'nothing was recorded')
})

t.test('the public reply shows the response, sanitised, with its public document', async (t) => {
  const petition = await addPetition(app.db)
  const before = (await app.inject({ url: `/v1/petitions/${petition.slug}` })).json()
  t.equal(before.response, null, 'read before: the petition is cached now')

  const body = multipartBody(await pdfBytes('Lettre du conseil'), 'reponse.pdf')
  const upload = await app.inject({ method: 'POST', url: `/v1/organisations/${ngo}/files`, headers: { ...body.headers, authorization: `Bearer ${keySecret}` }, payload: body.payload })
  t.equal(upload.statusCode, 201)
  const documentId = upload.json().id as string
  t.equal((await app.inject({ url: `/v1/files/${documentId}` })).statusCode, 404, 'an upload is private until it is a response’s document')

  const recorded = await writers.editor.request('PUT', responseUrl(ngo, petition.id), { payload: response({ documentId, respondedAt: '2026-01-15' }) })
  t.equal(recorded.statusCode, 200)
  t.match(recorded.json(), { petitionId: petition.id, documentId, organisationId: ngo, firstResponse: true, respondedAt: '2026-01-15T00:00:00.000Z' })

  const shown = (await app.inject({ url: `/v1/petitions/${petition.slug}?lang=fr` })).json()
  t.match(shown.response, { text: { text: '<p>Le conseil municipal a voté <strong>le budget</strong>.</p>', lang: 'fr' }, respondedAt: '2026-01-15T00:00:00.000Z' })
  t.notMatch(JSON.stringify(shown.response), /script/, 'the text is sanitised')
  t.match(shown.response.document, { id: documentId, url: new RegExp(`/v1/files/${documentId}$`) })
  t.equal((await app.inject({ url: `/v1/petitions/${petition.slug}?lang=en` })).json().response.text.text, '<p>The council voted the budget.</p>')
  t.equal((await app.inject({ url: `/v1/files/${documentId}` })).statusCode, 200, 'the document is public with the response')
  const listed = (await app.inject({ url: '/v1/petitions?status=responded&limit=100' })).json()
  t.ok(listed.items.some((item: { id: string }) => item.id === petition.id), 'it is listed as responded')

  const [event] = await events(petition.id)
  t.match(event, { organisation_id: ngo, after: { documentId, firstResponse: true, originalLang: 'fr' } })
  t.ok(event!.actor_person_id, 'the change log says who recorded it')
  const row = await app.db.selectFrom('petitions').select(['response_document_id', 'response_organisation_id', 'response_actor_person_id']).where('id', '=', petition.id).executeTakeFirstOrThrow()
  t.match(row, { response_document_id: documentId, response_organisation_id: ngo, response_actor_person_id: event!.actor_person_id })
})

t.test('the response email reaches the confirmed signers who asked for it, each in their language, and nobody else, chunk by chunk', async (t) => {
  const petition = await addPetition(app.db, { title: { fr: 'Budget ouvert', ar: 'ميزانية مفتوحة', en: 'Open budget' }, organisationSlug: ORGANISATIONS.funder })
  const signers = [
    { email: 'reply-ar@example.org', locale: 'ar', consent: true, confirm: true },
    { email: 'reply-fr@example.org', locale: 'fr', consent: true, confirm: true },
    { email: 'reply-en@example.org', locale: 'en', consent: true, confirm: true },
    { email: 'reply-en2@example.org', locale: 'en', consent: true, confirm: true },
    { email: 'quiet-ar@example.org', locale: 'ar', consent: false, confirm: true },
    { email: 'quiet-en@example.org', locale: 'en', consent: false, confirm: true },
    { email: 'pending-fr@example.org', locale: 'fr', consent: true, confirm: false },
  ] as const
  for (const signer of signers) {
    const consents = { processing: true, ...(signer.consent ? { response: true } : {}) }
    const res = await sign(app, petition.id, signBody(signer.email, { locale: signer.locale, consents }))
    t.equal(res.statusCode, 202)
  }
  const kept = await app.db.selectFrom('signatures').select(['email', 'consent_response']).where('petition_id', '=', petition.id).execute()
  t.same(
    kept.map((row) => [row.email, row.consent_response]).sort(),
    signers.map((s) => [s.consent ? s.email : null, s.consent]).sort(),
    'the address is kept only for those who asked to hear of the response',
  )
  for (const signer of signers.filter((s) => s.confirm)) {
    const [mail] = await mailbox(app, signer.email)
    const confirmed = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail!.links.confirm) } })
    t.equal(confirmed.statusCode, 200)
  }

  const recorded = await writers.otherEditor.request('PUT', responseUrl(funder, petition.id), {
    payload: { text: { fr: '<p>La mairie publiera le budget en ligne.</p>', ar: '<p>ستنشر البلدية الميزانية على الإنترنت.</p>' }, originalLang: 'fr', respondedAt: '2026-02-01' },
  })
  t.equal(recorded.statusCode, 200)

  // The consumer records one fan-out; the worker queues it two signers at a time. A chunk that dies before
  // it commits leaves neither mail nor progress behind, and the next round queues those signers again.
  await app.changeConsumers.catchUp()
  const progress = () => app.db.selectFrom('mail_fanouts').select('after_signature_id').where('petition_id', '=', petition.id).executeTakeFirstOrThrow()
  const responseMails = async () => (await app.db.selectFrom('mail_outbox').select('id').where('kind', '=', 'petition-response').execute()).length
  const crash = () =>
    app.db.transaction().execute(async (trx) => {
      t.equal(await queueFanoutChunk(trx, 2), 2)
      throw new Error('crash')
    })
  await t.rejects(crash(), /crash/)
  t.same([await progress(), await responseMails()], [{ after_signature_id: null }, 0], 'a crashed first chunk queued nothing')
  t.equal(await expandFanoutChunk(app.db, 2), 2, 'the first chunk')
  const afterFirst = await progress()
  await t.rejects(crash(), /crash/)
  t.same([await progress(), await responseMails()], [afterFirst, 2], 'a crashed second chunk changed nothing')

  const expected = {
    'reply-ar@example.org': { subject: 'تلقّت العريضة «ميزانية مفتوحة» ردًّا', text: 'ستنشر البلدية الميزانية على الإنترنت.', html: /<html lang="ar" dir="rtl">/ },
    'reply-fr@example.org': { subject: 'La pétition « Budget ouvert » a reçu une réponse', text: 'La mairie publiera le budget en ligne.', html: /<html lang="fr" dir="ltr">/ },
    'reply-en@example.org': { subject: 'The petition “Open budget” received a response', text: 'La mairie publiera le budget en ligne.', html: /<html lang="en" dir="ltr">/ },
    'reply-en2@example.org': { subject: 'The petition “Open budget” received a response', text: 'La mairie publiera le budget en ligne.', html: /<html lang="en" dir="ltr">/ },
  } as Record<string, { subject: string; text: string; html: RegExp }>
  for (const signer of signers) {
    const mails = await mailbox(app, signer.email)
    const replies = mails.filter((mail) => /response|réponse|ردًّا/.test(mail.subject))
    if (signer.consent && signer.confirm) {
      t.equal(replies.length, 1, `${signer.email} is told once`)
      const want = expected[signer.email]!
      t.equal(replies[0]!.subject, want.subject)
      t.ok(replies[0]!.text.includes(want.text), `${signer.email}: the response in their language, or the original`)
      t.match(replies[0]!.html, want.html)
    } else {
      t.equal(replies.length, 0, `${signer.email} is not told (${signer.confirm ? 'did not ask' : 'never confirmed'})`)
    }
  }
  t.equal((await app.db.selectFrom('mail_fanouts').select('id').execute()).length, 0, 'the fan-out is done once its last, short chunk is queued')
  t.ok((await mailbox(app, 'reply-en@example.org'))[0]!.text.includes('Its original language is not yours'), 'the English reader is told the text is the original')

  const corrected = await writers.otherEditor.request('PUT', responseUrl(funder, petition.id), {
    payload: { text: { fr: '<p>La mairie publiera le budget en ligne, chaque trimestre.</p>' }, originalLang: 'fr', respondedAt: '2026-02-01' },
  })
  t.equal(corrected.statusCode, 200)
  t.equal(corrected.json().firstResponse, false)
  const after = await mailbox(app, 'reply-fr@example.org')
  t.equal(after.filter((mail) => /réponse/.test(mail.subject)).length, 1, 'a correction emails nobody again')
  t.equal((await events(petition.id)).length, 2, 'both recordings are in the change log')
})

t.test('signing without the response consent keeps working as before', async (t) => {
  const petition = await addPetition(app.db)
  const res = await sign(app, petition.id, signBody('plain@example.org', { consents: { processing: true, newsFromOrganiser: false } }))
  t.equal(res.statusCode, 202)
  const bad = await sign(app, petition.id, signBody('typo@example.org', { consents: { processing: true, response: 'yes' } }))
  t.equal(bad.statusCode, 400, 'the consent is a boolean')
  const row = await app.db.selectFrom('signatures').select(['email', 'consent_response']).where('petition_id', '=', petition.id).executeTakeFirstOrThrow()
  t.same(row, { email: null, consent_response: false }, 'no consent: no address kept')
})

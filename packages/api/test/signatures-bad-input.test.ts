import t, { type Test } from 'tap'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, mailbox, sign, signBody, writtenRows } from './helpers/petition-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

const DAY = 86_400_000
const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)

/** Checks a refused request: a 4xx problem+json with a stable code, and nothing written for the petition. */
async function refused(
  t: Test,
  response: { statusCode: number; headers: Record<string, unknown>; json(): { code: string; detail: string } },
  status: number,
  code: string,
) {
  t.equal(response.statusCode, status, `${code}: status ${status}`)
  t.match(response.headers['content-type'], /^application\/problem\+json/, `${code}: problem+json`)
  t.equal(response.json().code, code)
  t.ok(response.json().detail.length > 0, `${code}: a message for people`)
}

t.test('bad signing input: a clear 4xx with a stable code, and nothing written', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  const ok = signBody('ok@example.org')
  const consents = { processing: true }

  const cases: [string, Record<string, unknown>, number, string][] = [
    ['malformed email', { ...ok, email: 'not-an-email' }, 400, 'WEGOV_INVALID_EMAIL'],
    ['email without a domain dot', { ...ok, email: 'amal@localhost' }, 400, 'WEGOV_INVALID_EMAIL'],
    ['email with a space', { ...ok, email: 'amal ben@example.org' }, 400, 'WEGOV_INVALID_EMAIL'],
    ['email too long for the schema', { ...ok, email: `${'a'.repeat(400)}@example.org` }, 400, 'WEGOV_INVALID_EMAIL'],
    ['missing email', { ...ok, email: undefined }, 400, 'WEGOV_INVALID_EMAIL'],
    ['first name too long', { ...ok, firstName: 'ب'.repeat(101) }, 400, 'WEGOV_INVALID_NAME'],
    ['first name far too long', { ...ok, firstName: 'x'.repeat(300) }, 400, 'WEGOV_INVALID_NAME'],
    ['control character in a name', { ...ok, lastName: 'Ben\u0000Salah' }, 400, 'WEGOV_INVALID_NAME'],
    ['newline in a name', { ...ok, firstName: 'Amal\nDrop' }, 400, 'WEGOV_INVALID_NAME'],
    ['bidi override in a name', { ...ok, firstName: 'Amal\u202Egnp.exe' }, 400, 'WEGOV_INVALID_NAME'],
    ['blank name', { ...ok, firstName: '   ' }, 400, 'WEGOV_INVALID_NAME'],
    ['an address as a name', { ...ok, firstName: 'amal@example.org' }, 400, 'WEGOV_INVALID_NAME'],
    ['control character in a comment', { ...ok, comment: 'hello\u0007' }, 400, 'WEGOV_INVALID_TEXT'],
    ['an email address in a published comment', { ...ok, comment: 'write to me: amal@example.org' }, 400, 'WEGOV_INVALID_TEXT'],
    ['comment too long', { ...ok, comment: 'a'.repeat(501) }, 400, 'WEGOV_INVALID_TEXT'],
    ['missing consents', { ...ok, consents: undefined }, 400, 'WEGOV_CONSENT_REQUIRED'],
    ['consent refused', { ...ok, consents: { processing: false } }, 400, 'WEGOV_CONSENT_REQUIRED'],
    ['consent as a string', { ...ok, consents: { processing: 'true' } }, 400, 'WEGOV_CONSENT_REQUIRED'],
    ['consent as a number', { ...ok, consents: { processing: 1 } }, 400, 'WEGOV_CONSENT_REQUIRED'],
    ['consent missing', { ...ok, consents: { newsFromOrganiser: true } }, 400, 'WEGOV_CONSENT_REQUIRED'],
    ['lowercase country', { ...ok, country: 'tn', consents }, 400, 'WEGOV_INVALID_COUNTRY'],
    ['unassigned country code', { ...ok, country: 'ZZ' }, 400, 'WEGOV_INVALID_COUNTRY'],
    ['withdrawn country code', { ...ok, country: 'YU' }, 400, 'WEGOV_INVALID_COUNTRY'],
    ['missing country', { ...ok, country: undefined }, 400, 'WEGOV_INVALID_COUNTRY'],
    ['unknown display', { ...ok, display: 'everyone' }, 400, 'WEGOV_VALIDATION'],
    ['unsupported locale', { ...ok, locale: 'de' }, 400, 'WEGOV_UNSUPPORTED_LANGUAGE'],
    ['unknown field', { ...ok, phone: '+216 00 000 000' }, 400, 'WEGOV_UNKNOWN_PARAMETER'],
  ]
  for (const [name, body, status, code] of cases) {
    await t.test(name, async (t) => refused(t, await sign(app, petition.id, body), status, code))
  }
  t.same(await writtenRows(app.db, petition.id), { signatures: 0, outbox: 0, counts: 0 }, 'nothing was written')
  t.equal((await mailbox(app, 'ok@example.org')).length, 0, 'and nobody was mailed')
})

t.test('petitions that do not take signatures', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const body = signBody('state@example.org')
  const closed = await addPetition(app.db, { opensAt: new Date(Date.now() - 60 * DAY), closesAt: new Date(Date.now() - DAY) })
  const closedByOwner = await addPetition(app.db, { status: 'closed', endedAt: new Date() })
  const upcoming = await addPetition(app.db, { opensAt: new Date(Date.now() + DAY), closesAt: new Date(Date.now() + 30 * DAY) })
  const rejected = await addPetition(app.db, { status: 'rejected', rejectionReason: { en: 'Out of scope' } })
  const draft = await addPetition(app.db, { status: 'draft' })
  const review = await addPetition(app.db, { status: 'pending_review' })
  const withdrawn = await addPetition(app.db, { status: 'withdrawn' })

  await refused(t, await sign(app, closed.id, body), 409, 'WEGOV_PETITION_CLOSED')
  await refused(t, await sign(app, closedByOwner.slug, body), 409, 'WEGOV_PETITION_CLOSED')
  await refused(t, await sign(app, rejected.id, body), 409, 'WEGOV_PETITION_CLOSED')
  await refused(t, await sign(app, upcoming.id, body), 409, 'WEGOV_PETITION_NOT_OPEN')
  for (const hidden of [draft, review, withdrawn]) await refused(t, await sign(app, hidden.id, body), 404, 'WEGOV_NOT_FOUND')
  await refused(t, await sign(app, '4f1b7d3e-0000-4000-8000-000000000000', body), 404, 'WEGOV_NOT_FOUND')
  await refused(t, await sign(app, 'no-such-petition', body), 404, 'WEGOV_NOT_FOUND')
  await refused(t, await sign(app, 'Not A Slug!', body), 400, 'WEGOV_INVALID_ID')
  for (const petition of [closed, closedByOwner, upcoming, rejected, draft, review, withdrawn]) {
    t.same(await writtenRows(app.db, petition.id), { signatures: 0, outbox: 0, counts: 0 })
  }
})

t.test('transport-level problems: body too large, wrong content type, malformed JSON, bad Idempotency-Key', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  const url = `/v1/petitions/${petition.id}/signatures`

  const huge = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ ...signBody('big@example.org'), comment: 'x'.repeat(20_000) }) })
  await refused(t, huge, 413, 'WEGOV_BODY_TOO_LARGE')
  const form = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=form@example.org' })
  await refused(t, form, 415, 'WEGOV_UNSUPPORTED_MEDIA_TYPE')
  const text = await app.inject({ method: 'POST', url, headers: { 'content-type': 'text/plain' }, payload: 'hello' })
  await refused(t, text, 415, 'WEGOV_UNSUPPORTED_MEDIA_TYPE')
  const broken = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{"email": ' })
  await refused(t, broken, 400, 'WEGOV_MALFORMED_BODY')
  const badKey = await sign(app, petition.id, signBody('key@example.org'), { 'idempotency-key': 'short' })
  await refused(t, badKey, 400, 'WEGOV_IDEMPOTENCY_KEY_INVALID')
  t.same(await writtenRows(app.db, petition.id), { signatures: 0, outbox: 0, counts: 0 })
})

t.test('confirmation: wrong, unknown, locked and expired codes', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  await sign(app, petition.id, signBody('code@example.org'))
  const [mail] = await mailbox(app, 'code@example.org')
  const code = mail!.code!
  const wrongCode = code === '123456' ? '654321' : '123456'
  const confirm = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload })

  await refused(t, await confirm({ token: 'not-a-token' }), 400, 'WEGOV_CONFIRMATION_INVALID')
  await refused(t, await confirm({ token: 'A'.repeat(43) }), 400, 'WEGOV_CONFIRMATION_INVALID')
  await refused(t, await confirm({ petition: petition.id, email: 'code@example.org', code: '12ab56' }), 400, 'WEGOV_CONFIRMATION_INVALID')
  await refused(t, await confirm({ petition: petition.id, email: 'code@example.org' }), 400, 'WEGOV_VALIDATION')
  await refused(t, await confirm({ petition: petition.id, email: 'not-an-email', code }), 400, 'WEGOV_INVALID_EMAIL')
  await refused(t, await confirm({ token: 'x', extra: 1 }), 400, 'WEGOV_UNKNOWN_PARAMETER')
  // An address that never signed gets exactly the answer of a wrong code: the API never tells who signed.
  const stranger = await confirm({ petition: petition.id, email: 'never-signed@example.org', code })
  const wrong = await confirm({ petition: petition.id, email: 'code@example.org', code: wrongCode })
  await refused(t, stranger, 400, 'WEGOV_CONFIRMATION_INVALID')
  await refused(t, wrong, 400, 'WEGOV_CONFIRMATION_INVALID')
  t.equal(stranger.json().detail, wrong.json().detail)

  for (let attempt = 2; attempt <= 5; attempt++) await confirm({ petition: petition.id, email: 'code@example.org', code: wrongCode })
  const locked = await confirm({ petition: petition.id, email: 'code@example.org', code })
  await refused(t, locked, 400, 'WEGOV_CONFIRMATION_INVALID')
  t.equal((await writtenRows(app.db, petition.id)).counts, 0, 'after five wrong codes even the right one is refused')

  // The link still works (it is 256 bits, not 6 digits), until the confirmation expires.
  await app.db.updateTable('signatures').set({ confirmation_sent_at: new Date(Date.now() - 8 * DAY) }).where('petition_id', '=', petition.id).execute()
  const token = new URL(mail!.links.confirm).searchParams.get('token')!
  await refused(t, await confirm({ token }), 410, 'WEGOV_CONFIRMATION_EXPIRED')
  const page = await app.inject({ method: 'POST', url: '/signatures/confirm', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${token}&lang=en` })
  t.equal(page.statusCode, 410)
  t.match(page.body, /This confirmation has expired/)
  t.equal((await writtenRows(app.db, petition.id)).counts, 0, 'nothing was counted')

  await refused(t, await app.inject({ method: 'POST', url: '/v1/signatures/withdraw', payload: { token: 'nope' } }), 400, 'WEGOV_WITHDRAWAL_INVALID')
  await refused(t, await app.inject({ method: 'POST', url: '/v1/signatures/withdraw', payload: {} }), 400, 'WEGOV_VALIDATION')
  const invalidPage = await app.inject({ method: 'GET', url: '/signatures/withdraw?token=nope&lang=ar' })
  t.equal(invalidPage.statusCode, 400)
  t.match(invalidPage.body, /<html lang="ar" dir="rtl">/)
})

import t from 'tap'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import {
  PETITION_TEST_CONFIG,
  addPetition,
  countOf,
  mailbox,
  idempotencyKeyStored,
  sign,
  signBody,
  tokenOf,
  writtenRows,
} from './helpers/petition-fixtures.js'
import { solvedAltcha } from './helpers/pow.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

// One database for the file (a PGlite takes seconds to start): each test has its own petition and addresses.
const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)

t.test('sign, receive the email in the signer’s language, confirm with the code: the signature counts once', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db, { slug: 'eau-potable-sfax' })

  const response = await sign(app, petition.slug, signBody('amal@example.org', { locale: 'ar' }), { 'accept-language': 'ar' })
  t.equal(response.statusCode, 202)
  t.same(response.json(), {
    petitionId: petition.id,
    status: 'pending_confirmation',
    detail: 'شكرًا! تفقّد بريدك الإلكتروني: يُحتسب توقيعك بعد تأكيده.',
    lang: 'ar',
  })
  t.equal(await countOf(app, petition.slug), 0, 'an unconfirmed signature does not count')

  const [mail] = await mailbox(app, 'amal@example.org')
  t.ok(mail, 'the confirmation email was delivered')
  t.match(mail!.subject, /^أكّد توقيعك: عريضة تجريبية$/)
  t.match(mail!.html, /<html lang="ar" dir="rtl">/, 'the Arabic email is right to left')
  t.match(mail!.code, /^\d{6}$/)
  t.ok(mail!.text.includes(mail!.code!), 'the code is in the text part')
  t.ok(mail!.html.includes(mail!.links.confirm.replaceAll('&', '&amp;')), 'the confirmation link is in the HTML part')

  const wrong = await app.inject({
    method: 'POST',
    url: '/v1/signatures/confirm',
    payload: { petition: petition.slug, email: 'amal@example.org', code: mail!.code === '000000' ? '111111' : '000000' },
  })
  t.equal(wrong.statusCode, 400)
  t.equal(wrong.json().code, 'WEGOV_CONFIRMATION_INVALID')

  const signersBefore = (await app.inject({ method: 'GET', url: `/v1/petitions/${petition.slug}/signatures` })).json()
  t.same(signersBefore.items, [], 'no public signer before confirmation (and this read is now cached)')

  // Typed on an Arabic keyboard, with a space in the middle.
  const arabicDigits = mail!.code!.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)))
  const confirmed = await app.inject({
    method: 'POST',
    url: '/v1/signatures/confirm',
    payload: { petition: petition.id, email: 'Amal@Example.org', code: `${arabicDigits.slice(0, 3)} ${arabicDigits.slice(3)}` },
  })
  t.equal(confirmed.statusCode, 200)
  t.same(confirmed.json(), { petitionId: petition.id, status: 'confirmed' })
  t.equal(await countOf(app, petition.slug), 1)

  const again = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail!.links.confirm) } })
  t.equal(again.statusCode, 200, 'confirming twice is not an error')
  t.equal(await countOf(app, petition.slug), 1, 'and does not count twice')

  const one = (await app.inject({ method: 'GET', url: `/v1/petitions/${petition.slug}` })).json()
  t.equal(one.signatureCount, 1)
  t.equal(one.goal, 100)

  const signers = (await app.inject({ method: 'GET', url: `/v1/petitions/${petition.slug}/signatures` })).json()
  t.same(signers.items.map((s: Record<string, unknown>) => [s.firstName, s.lastInitial, s.city, s.country]), [['Amal', 'B', 'Sfax', 'TN']])
  t.notOk(JSON.stringify(signers).includes('Youssef'), 'the full surname is never published')
})

t.test('the emailed link opens a page; only its POST button confirms (mail scanners follow GETs)', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  t.equal((await sign(app, petition.id, signBody('karim@example.org', { locale: 'en' }))).statusCode, 202)
  const [mail] = await mailbox(app, 'karim@example.org')
  const link = new URL(mail!.links.confirm)

  const page = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /^text\/html/)
  t.match(page.headers['content-security-policy'], /default-src 'none'/)
  t.equal(page.headers['cache-control'], 'no-store')
  t.match(page.body, /<html lang="en" dir="ltr">/, 'the signer’s language')
  t.notMatch(page.body, /تأكيد توقيعي|Confirmer ma signature/, 'and that language only')
  t.match(page.body, /<form method="post" action="\/signatures\/confirm">/)
  t.equal(await countOf(app, petition.id), 0, 'opening the link (GET) confirms nothing')
  const again = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` })
  t.equal(again.statusCode, 200)
  t.equal(await countOf(app, petition.id), 0, 'however often a scanner opens it')

  const posted = await app.inject({
    method: 'POST',
    url: '/signatures/confirm',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ token: tokenOf(mail!.links.confirm), lang: 'en' }).toString(),
  })
  t.equal(posted.statusCode, 200)
  t.match(posted.body, /Your signature is confirmed and counted\./)
  t.equal(await countOf(app, petition.id), 1)

  const forged = await app.inject({
    method: 'POST',
    url: '/signatures/confirm',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'token=not-a-token&lang=fr',
  })
  t.equal(forged.statusCode, 400)
  t.match(forged.body, /Ce code ou ce lien de confirmation n&#39;est pas valide/)

  const asJson = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'token=x' })
  t.equal(asJson.statusCode, 415, 'the JSON API still refuses form bodies')
})

t.test('withdrawal deletes the personal data and takes the signature off the count', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  await sign(app, petition.id, signBody('sara@example.org', { firstName: 'Sara', consents: { processing: true, newsFromOrganiser: true } }))
  await sign(app, petition.id, signBody('omar@example.org', { firstName: 'Omar' }))
  const [saraMail] = await mailbox(app, 'sara@example.org')
  const [omarMail] = await mailbox(app, 'omar@example.org')
  for (const mail of [saraMail!, omarMail!]) {
    await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail.links.confirm) } })
  }
  t.equal(await countOf(app, petition.id), 2)

  const page = await app.inject({ method: 'GET', url: new URL(saraMail!.links.withdraw).pathname + new URL(saraMail!.links.withdraw).search })
  t.equal(page.statusCode, 200)
  t.match(page.body, /action="\/signatures\/withdraw"/)
  t.equal(await countOf(app, petition.id), 2, 'opening the withdrawal link withdraws nothing')

  const withdrawn = await app.inject({ method: 'POST', url: '/v1/signatures/withdraw', payload: { token: tokenOf(saraMail!.links.withdraw) } })
  t.equal(withdrawn.statusCode, 200)
  t.same(withdrawn.json(), { petitionId: petition.id, status: 'withdrawn' })
  t.equal(await countOf(app, petition.id), 1)
  const names = await app.db.selectFrom('signatures').select(['first_name', 'email']).where('petition_id', '=', petition.id).execute()
  t.same(names, [{ first_name: 'Omar', email: null }], 'Sara’s row (and the address she left for news) is gone')

  const twice = await app.inject({ method: 'POST', url: '/v1/signatures/withdraw', payload: { token: tokenOf(saraMail!.links.withdraw) } })
  t.equal(twice.statusCode, 400)
  t.equal(twice.json().code, 'WEGOV_WITHDRAWAL_INVALID')

  const byForm = await app.inject({
    method: 'POST',
    url: '/signatures/withdraw',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `token=${tokenOf(omarMail!.links.withdraw)}&lang=ar`,
  })
  t.equal(byForm.statusCode, 200)
  t.match(byForm.body, /تمّ سحب توقيعك/)
  t.equal(await countOf(app, petition.id), 0)
})

t.test('signing twice is a silent no-op: same answer, one row, one email, counted once', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  const first = await sign(app, petition.id, signBody('Nour.Haddad@gmail.com'))
  // The same Gmail mailbox: dots, a +tag, googlemail.com and capitals are all one person.
  const second = await sign(app, petition.id, signBody('nourhaddad+petitions@googlemail.com', { firstName: 'Someone' }))
  t.equal(second.statusCode, 202)
  t.same(second.json(), first.json(), 'the answer never reveals that this address signed before')
  t.equal((await writtenRows(app.db, petition.id)).signatures, 1)
  t.equal((await mailbox(app, 'Nour.Haddad@gmail.com')).length, 1)
  t.equal((await mailbox(app, 'nourhaddad+petitions@googlemail.com')).length, 0, 'no second email within the hour')

  // An hour later the pending confirmation may be sent once more (to the address just typed).
  await app.db.updateTable('signatures').set({ confirmation_sent_at: new Date(Date.now() - 2 * 3_600_000) }).where('petition_id', '=', petition.id).execute()
  t.equal((await sign(app, petition.id, signBody('nourhaddad+petitions@googlemail.com'))).statusCode, 202)
  const [resent] = await mailbox(app, 'nourhaddad+petitions@googlemail.com')
  t.ok(resent, 'a fresh confirmation is sent after an hour')
  t.equal((await sign(app, petition.id, signBody('nour.haddad@gmail.com'))).statusCode, 202)
  t.equal((await mailbox(app, 'nour.haddad@gmail.com')).length, 1, 'and not again in the same hour')

  const confirmed = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(resent!.links.confirm) } })
  t.equal(confirmed.statusCode, 200)
  t.equal((await sign(app, petition.id, signBody('nour.haddad@gmail.com'))).statusCode, 202, 'signing after confirming is still a 202')
  t.equal(await countOf(app, petition.id), 1)
  t.equal((await writtenRows(app.db, petition.id)).signatures, 1)
  const [row] = await app.db.selectFrom('signatures').select(['first_name']).where('petition_id', '=', petition.id).execute()
  t.equal(row!.first_name, 'Amal', 'the first signature stands')
})

t.test('an Idempotency-Key makes a retry safe, across instances, and refuses a different request', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const other = await buildTestApp(t, { database: app.database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  const headers = { 'idempotency-key': 'retry-0b7f3c2e-1d4a' }
  const first = await sign(app, petition.id, signBody('lina@example.org'), headers)
  const retry = await sign(other, petition.id, signBody('lina@example.org'), headers)
  t.equal(retry.statusCode, 202)
  t.same(retry.json(), first.json(), 'same key, same answer')
  t.equal(retry.headers['idempotent-replayed'], 'true')
  t.equal((await writtenRows(app.db, petition.id)).signatures, 1)
  t.ok(await idempotencyKeyStored(app.db, headers['idempotency-key']), 'the key is kept in the database, for every instance')
  t.equal((await mailbox(app, 'lina@example.org')).length, 1, 'nothing written twice: one email')

  const different = await sign(app, petition.id, signBody('rami@example.org'), headers)
  t.equal(different.statusCode, 422)
  t.equal(different.json().code, 'WEGOV_IDEMPOTENCY_KEY_REUSED')
  t.equal((await writtenRows(app.db, petition.id)).signatures, 1)

  // Two copies of one request racing each other: one write, two identical answers.
  const raceHeaders = { 'idempotency-key': 'race-5f2d9a71-aa' }
  const [a, b] = await Promise.all([
    sign(app, petition.id, signBody('race@example.org'), raceHeaders),
    sign(app, petition.id, signBody('race@example.org'), raceHeaders),
  ])
  t.same([a!.statusCode, b!.statusCode], [202, 202])
  t.same(a!.json(), b!.json())
  t.equal((await writtenRows(app.db, petition.id)).signatures, 2)
  t.equal((await mailbox(app, 'race@example.org')).length, 1)
})

t.test('a filled honeypot is answered like any signature, but mails no one and never counts', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  const bot = await sign(app, petition.id, signBody('victim@example.org', { firstName: 'Bot', website: 'https://spam.example', consents: { processing: true, newsFromOrganiser: true, newsFromPartner: false } }))
  const human = await sign(app, petition.id, signBody('human@example.org'))
  t.equal(bot.statusCode, 202)
  t.same(bot.json(), human.json())
  t.equal((await mailbox(app, 'victim@example.org')).length, 0, 'no email to an address a bot typed')
  const [row] = await app.db.selectFrom('signatures').select(['validity', 'flag_reason']).where('petition_id', '=', petition.id).where('first_name', '=', 'Bot').execute()
  t.same(row, { validity: 'flagged', flag_reason: 'honeypot' })

  // The person whose address the bot typed can still sign, straight away, and is counted.
  const victim = await sign(app, petition.id, signBody('victim@example.org', { firstName: 'Salma', consents: { processing: true, newsFromOrganiser: true, newsFromPartner: false } }))
  t.equal(victim.statusCode, 202)
  const [mail] = await mailbox(app, 'victim@example.org')
  t.ok(mail, 'the real person gets their confirmation email')
  const confirmed = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail!.links.confirm) } })
  t.equal(confirmed.statusCode, 200)
  t.equal(await countOf(app, petition.id), 1, 'only the real person counts')
  const withAddress = await app.db.selectFrom('signatures').select('first_name').where('petition_id', '=', petition.id).where('email', '=', 'victim@example.org').execute()
  t.same(withAddress, [{ first_name: 'Salma' }], 'the bot’s row keeps no address')
})

t.test('with proof of work on, a solution from altcha-lib signs once; a replay is refused and writes nothing', async (t) => {
  const app = await buildTestApp(t, { database, config: { ...PETITION_TEST_CONFIG, pow: true, powMaxNumber: 2000 } })
  const petition = await addPetition(app.db)
  const missing = await sign(app, petition.id, signBody('pow@example.org'))
  t.equal(missing.statusCode, 400)
  t.equal(missing.json().code, 'WEGOV_POW_REQUIRED')

  const altcha = await solvedAltcha(app)
  t.equal((await sign(app, petition.id, signBody('pow@example.org', { altcha }))).statusCode, 202)
  const replay = await sign(app, petition.id, signBody('other@example.org', { altcha }))
  t.equal(replay.statusCode, 400)
  t.equal(replay.json().code, 'WEGOV_POW_REPLAYED')
  t.equal((await writtenRows(app.db, petition.id)).signatures, 1)

  const tampered = await sign(app, petition.id, signBody('third@example.org', { altcha: Buffer.from('{"algorithm":"SHA-256"}').toString('base64') }))
  t.equal(tampered.json().code, 'WEGOV_POW_INVALID')
  t.equal((await writtenRows(app.db, petition.id)).signatures, 1)
})

t.test('rate limits guard signing, confirming and withdrawing', async (t) => {
  const app = await buildTestApp(t, { database, config: { ...PETITION_TEST_CONFIG, rateLimit: true } })
  const petition = await addPetition(app.db)
  const routes = [
    { url: `/v1/petitions/${petition.id}/signatures`, payload: signBody('limits@example.org') },
    { url: '/v1/signatures/confirm', payload: { token: 'x'.repeat(43) } },
    { url: '/v1/signatures/withdraw', payload: { token: 'x'.repeat(43) } },
  ]
  for (const route of routes) {
    const response = await app.inject({ method: 'POST', ...route })
    t.ok(response.headers['ratelimit-limit'], `POST ${route.url} is rate limited`)
  }
  const form = await app.inject({
    method: 'POST',
    url: '/signatures/confirm',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'token=x',
  })
  t.ok(form.headers['ratelimit-limit'], 'so is the confirmation page’s POST')
})

t.test('one person per petition: provider aliases are one mailbox, where the provider says so', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  const samePerson: [string, string][] = [
    ['hana.k@outlook.com', 'Hana.K+news@outlook.com'],
    ['rami@hotmail.fr', 'rami+wegov@hotmail.fr'],
    ['yusra@yahoo.com', 'yusra-petitions@yahoo.com'],
    ['adel@proton.me', 'adel+x@proton.me'],
    ['mona@icloud.com', 'MONA+y@icloud.com'],
    ['tarek@fastmail.com', 'tarek+z@fastmail.com'],
  ]
  const different: [string, string][] = [
    ['salma@example.org', 'salma+other@example.org'],
    ['first.last@example.org', 'firstlast@example.org'],
  ]
  for (const [a, b] of [...samePerson, ...different]) {
    t.equal((await sign(app, petition.id, signBody(a))).statusCode, 202)
    t.equal((await sign(app, petition.id, signBody(b))).statusCode, 202)
  }
  t.equal((await writtenRows(app.db, petition.id)).signatures, samePerson.length + 2 * different.length)
})

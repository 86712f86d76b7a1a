import t from 'tap'
import { ORGANISATIONS, createFixtureOrganisations, daysFromNow } from '../../api/test/helpers/content-fixtures.js'
import { createPetition } from '../../api/src/domains/petitions/create-petition.js'
import { deliverPendingMail } from '../../api/src/mail/mail-plugin.js'
import { ConflictError, createClient, type SignatureInput, ValidationError, type WeGovError } from '../src/index.js'
import { startApi, startProxy } from './helpers/servers.js'

/**
 * Signing end to end through the SDK against the real API: proof of work, idempotency, double opt-in
 * (read from the development mailbox), counts and public signers.
 */
t.test('signing', async (t) => {
  const { app, baseUrl } = await startApi(t, { config: { powMaxNumber: 1000 } })
  await createFixtureOrganisations(app.db)
  const petition = {
    organisationSlug: ORGANISATIONS.ngo,
    originalLang: 'fr' as const,
    country: 'TN',
    themes: ['public-services' as const],
    signatureGoal: 500,
    opensAt: daysFromNow(-1),
    closesAt: daysFromNow(30),
    status: 'open' as const,
  }
  await createPetition(app.db, { ...petition, slug: 'clean-water', title: { fr: 'De l’eau potable à Gafsa', ar: 'ماء صالح للشرب في قفصة' } })
  await createPetition(app.db, { ...petition, slug: 'lights-on', title: { fr: 'Éclairage public' } })
  await createPetition(app.db, { ...petition, slug: 'old-road', title: { fr: 'La route' }, opensAt: daysFromNow(-60), closesAt: daysFromNow(-30), status: 'closed' })

  const signer = (name: string, extra: Partial<SignatureInput> = {}): SignatureInput => ({
    firstName: name,
    lastName: 'Trabelsi',
    email: `${name.toLowerCase()}@example.org`,
    country: 'TN',
    city: 'Gafsa',
    display: 'public',
    consents: { processing: true },
    ...extra,
  })
  /** The 6-digit code and links of the latest confirmation mail to an address. */
  const mailTo = async (email: string) => {
    await deliverPendingMail(app)
    const response = await fetch(`${baseUrl}/dev/mailbox?to=${encodeURIComponent(email)}`)
    const { items } = (await response.json()) as { items: { code: string; links: Record<string, string> }[] }
    return { count: items.length, code: items[0]?.code ?? '', withdrawToken: new URL(items[0]?.links.withdraw ?? 'http://x/').searchParams.get('token') ?? '' }
  }

  t.test('reads: list, get, count, public signers', async (t) => {
    const wegov = createClient({ baseUrl, lang: 'ar' })
    t.same((await wegov.petitions.list({ status: 'open' }).collect()).map((p) => p.slug).sort(), ['clean-water', 'lights-on'])
    const water = await wegov.petitions.get('clean-water')
    t.same([water.title.text, water.acceptingSignatures, water.goal], ['ماء صالح للشرب في قفصة', true, 500])
    t.match(await wegov.petitions.count('clean-water'), { petitionId: water.id, total: 0, goal: 500 })
    // Public signers are cached a few seconds by the API: read them here on a petition nobody signs below.
    t.same(await wegov.petitions.signatures('old-road').collect(), [])
  })

  t.test('sign solves the challenge, then confirm and withdraw move the count', async (t) => {
    const proxy = await startProxy(t, baseUrl)
    const wegov = createClient({ baseUrl: proxy.url, lang: 'fr' })
    const receipt = await wegov.petitions.sign('clean-water', signer('Amel', { comment: 'Enfin !' }))
    t.match(receipt, { status: 'pending_confirmation', lang: 'fr' })
    t.same(proxy.received.map((r) => `${r.method} ${r.url.split('?')[0]}`), ['GET /v1/challenge', 'POST /v1/petitions/clean-water/signatures'])
    t.match(JSON.parse(proxy.received[1]!.body).altcha, /^[A-Za-z0-9+/]+=*$/)

    const mail = await mailTo('amel@example.org')
    const confirmed = await wegov.signatures.confirm({ petition: 'clean-water', email: 'amel@example.org', code: mail.code })
    t.match(confirmed, { status: 'confirmed' })
    t.match(await wegov.petitions.count('clean-water'), { total: 1, byCountry: [{ country: 'TN', count: 1 }] })
    t.match(await wegov.petitions.signatures('clean-water').collect(), [{ firstName: 'Amel', lastInitial: 'T', city: 'Gafsa', comment: 'Enfin !' }])

    t.match(await wegov.signatures.withdraw({ token: mail.withdrawToken }), { status: 'withdrawn' })
    t.match(await wegov.petitions.count('clean-water'), { total: 0 })
  })

  t.test('a response lost after the API signed: the retry signs nothing twice', async (t) => {
    // The proxy forwards the first POST to the API, lets it sign, and drops the answer.
    const proxy = await startProxy(t, baseUrl, (request, index) => request.method === 'POST' && index === 1)
    const wegov = createClient({ baseUrl: proxy.url })
    const receipt = await wegov.petitions.sign('lights-on', signer('Karim'))
    t.match(receipt, { status: 'pending_confirmation' })

    const posts = proxy.received.filter((r) => r.method === 'POST')
    t.equal(posts.length, 2, 'the SDK sent the signature again after losing the response')
    t.equal(posts[0]!.headers['idempotency-key'], posts[1]!.headers['idempotency-key'], 'with the same idempotency key')
    t.equal(posts[0]!.body, posts[1]!.body, 'and the same body (the spent proof of work included)')
    t.same(proxy.answered.filter((_, i) => proxy.received[i]!.method === 'POST').map((a) => a.status), [202, 202])
    t.equal(proxy.answered.at(-1)!.headers.get('idempotent-replayed'), 'true', 'the API answered the retry from its memory')

    const mail = await mailTo('karim@example.org')
    t.equal(mail.count, 1, 'one signature, one confirmation email')
    await wegov.signatures.confirm({ petition: 'lights-on', email: 'karim@example.org', code: mail.code })
    t.match(await wegov.petitions.count('lights-on'), { total: 1 })
  })

  t.test('a solution prepared while the visitor types is used, and replaced if already spent', async (t) => {
    const proxy = await startProxy(t, baseUrl)
    const wegov = createClient({ baseUrl: proxy.url })
    const prepared = await wegov.petitions.prepareSignature('clean-water')
    t.match(prepared.altcha, /\S/)
    const challengesBefore = proxy.received.length
    await wegov.petitions.sign('clean-water', { ...signer('Nour'), ...prepared })
    t.equal(proxy.received.length, challengesBefore + 1, 'sign() used the prepared solution and fetched no challenge')

    // The same solution again is refused (spent) by the API: sign() solves a fresh one and succeeds.
    await wegov.petitions.sign('clean-water', { ...signer('Hedi'), ...prepared })
    const tail = proxy.received.slice(challengesBefore + 1).map((r) => `${r.method} ${r.url.split('?')[0]}`)
    t.same(tail, ['POST /v1/petitions/clean-water/signatures', 'GET /v1/challenge', 'POST /v1/petitions/clean-water/signatures'])
    t.same(proxy.answered.slice(challengesBefore + 1).map((a) => a.status), [400, 200, 202])
    t.equal((await mailTo('hedi@example.org')).count, 1)
  })

  t.test('refusals are typed errors the widget can switch on', async (t) => {
    const wegov = createClient({ baseUrl, lang: 'ar' })
    const closed = (await wegov.petitions.sign('old-road', signer('Sonia')).catch((e: unknown) => e)) as WeGovError
    t.ok(closed instanceof ConflictError)
    t.match(closed, { status: 409, code: 'WEGOV_PETITION_CLOSED', lang: 'ar' })
    const noConsent = (await wegov.petitions
      .sign('clean-water', signer('Sonia', { consents: { processing: false as never } }))
      .catch((e: unknown) => e)) as WeGovError
    t.ok(noConsent instanceof ValidationError)
    t.equal(noConsent.code, 'WEGOV_CONSENT_REQUIRED')
    const wrongCode = (await wegov.signatures
      .confirm({ petition: 'clean-water', email: 'nobody@example.org', code: '000000' })
      .catch((e: unknown) => e)) as WeGovError
    t.match(wrongCode, { status: 400, code: 'WEGOV_CONFIRMATION_INVALID' })
  })
})

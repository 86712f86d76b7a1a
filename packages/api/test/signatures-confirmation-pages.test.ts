import t from 'tap'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, mailbox, sign, signBody, tokenOf } from './helpers/petition-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/**
 * The pages the emailed links open, over HTTP: in the signer's language only, about their petition, with
 * the new count and a safe way back; and the petition and count replies they lead back to, which
 * browsers must revalidate (a signer was shown the old count out of their own cache).
 */
const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)

const form = (token: string, lang?: string) => ({
  method: 'POST' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams({ token, ...(lang ? { lang } : {}) }).toString(),
})

t.test('the pages speak the language stored with the signature, whatever the link says', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db, { title: { fr: 'Des bancs au jardin', ar: 'مقاعد في الحديقة', en: 'Benches in the garden' } })
  await sign(app, petition.id, signBody('rania@example.org', { locale: 'ar' }))
  const [mail] = await mailbox(app, 'rania@example.org')
  const token = tokenOf(mail!.links.confirm)

  const page = await app.inject({ method: 'GET', url: `/signatures/confirm?token=${token}&lang=en` })
  t.equal(page.statusCode, 200)
  t.match(page.body, /<html lang="ar" dir="rtl">/)
  t.match(page.body, /مقاعد في الحديقة/, 'the petition’s title, in that language')
  t.notMatch(page.body, /Benches in the garden|Confirm my signature|Confirmer ma signature/, 'and nothing in another')
  t.match(page.body, /<input type="hidden" name="lang" value="ar">/, 'the button keeps the language')
  t.equal(page.body.match(/<main\b/g)?.length, 1, 'one main landmark')
  t.match(page.body, /<link rel="stylesheet" href="\/assets\/portal.css">/, 'the portal’s look')
  t.equal(page.headers['referrer-policy'], 'no-referrer')
  t.equal(page.headers['cache-control'], 'no-store')
  t.match(page.headers['content-security-policy'], /default-src 'none'.*form-action 'self'/)

  const unknown = await app.inject({ method: 'GET', url: `/signatures/confirm?token=${'A'.repeat(43)}&lang=fr` })
  t.equal(unknown.statusCode, 400, 'a token no signature has is refused at once')
  t.match(unknown.body, /<html lang="fr" dir="ltr">/, 'in the link’s language, the only one known')
  t.match(unknown.body, /href="\/fr\/petitions"/, 'with a way to the petitions')
})

t.test('after confirming: the petition, its new count and the way back to the page signed from', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db, { signatureGoal: 1500 })
  await sign(app, petition.id, signBody('from.partner@example.org', { locale: 'en', source: { url: 'https://partner.example.org/petitions/benches?ref=mail' } }))
  await sign(app, petition.id, signBody('hostile.source@example.org', { locale: 'fr', source: { url: 'javascript:alert(document.cookie)' } }))
  const [partnerMail] = await mailbox(app, 'from.partner@example.org')
  const [hostileMail] = await mailbox(app, 'hostile.source@example.org')

  const thanks = await app.inject({ url: '/signatures/confirm', ...form(tokenOf(partnerMail!.links.confirm), 'en') })
  t.equal(thanks.statusCode, 200)
  t.match(thanks.body, /Test petition/)
  t.match(thanks.body, /Signatures so far: 1 of 1,500/)
  t.match(thanks.body, /href="https:\/\/partner.example.org\/petitions\/benches" data-link="back">Back to the page where you signed <span dir="ltr">\(partner.example.org\)<\/span>/)

  const other = await app.inject({ url: '/signatures/confirm', ...form(tokenOf(hostileMail!.links.confirm)) })
  t.match(other.body, /<html lang="fr" dir="ltr">/, 'a form without its language: the signer’s')
  t.match(other.body, /Signatures à ce jour : 2 sur 1\u202f500/)
  t.notMatch(other.body, /javascript:/, 'a page address that is not http(s) is never a link')
  t.match(other.body, new RegExp(`href="/fr/petitions/${petition.slug}" data-link="back">Revenir à la pétition`), 'the petition’s portal page instead')

  const withdrawn = await app.inject({ url: '/signatures/withdraw', ...form(tokenOf(hostileMail!.links.withdraw), 'fr') })
  t.match(withdrawn.body, /Signatures à ce jour : 1 sur 1\u202f500/, 'withdrawing shows the count without it')
})

t.test('petition and count replies: browsers revalidate them, shared caches keep them seconds', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  for (const [index, url] of [`/v1/petitions/${petition.slug}?lang=fr`, `/v1/petitions/${petition.slug}/count`].entries()) {
    const first = await app.inject({ method: 'GET', url })
    t.equal(first.headers['cache-control'], 'public, max-age=0, s-maxage=5, stale-if-error=25', `${url}: no browser reuses it unasked`)
    const etag = String(first.headers.etag)
    t.match(etag, /^"/, `${url}: it has an ETag`)
    const unchanged = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } })
    t.equal(unchanged.statusCode, 304, `${url}: so revalidating an unchanged reply costs a 304`)

    await sign(app, petition.id, signBody(`revalidate.${index}@example.org`))
    const [mail] = await mailbox(app, `revalidate.${index}@example.org`)
    await app.inject({ url: '/signatures/confirm', ...form(tokenOf(mail!.links.confirm), 'fr') })
    const changed = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } })
    t.equal(changed.statusCode, 200, `${url}: after a confirmation, the browser gets the new reply`)
    const body = changed.json() as { signatureCount?: number; total?: number }
    t.equal(body.signatureCount ?? body.total, index + 1, `${url}: with the new count`)
  }
})

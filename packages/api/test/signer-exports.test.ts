import t from 'tap'
import { ADMIN, addPerson, browserOf, changes } from './helpers/organisation-accounts.js'
import { ORGANISATIONS, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, mailbox, sign, signBody } from './helpers/petition-fixtures.js'
import { grantMembership, organisationIdOf } from './helpers/roles.js'
import { buildTestApp } from './helpers/test-app.js'

/** Signers' addresses leave WeGov only to the organisation they consented to hear from, and every export is audited. */
t.test('owners download the signers who consented to hear from them, and no one else', async (t) => {
  const app = await buildTestApp(t, { config: { ...PETITION_TEST_CONFIG, adminEmails: [ADMIN] }, portal: false })
  await addPerson(app, ADMIN, { platformRole: 'admin', name: 'Admin' })
  await createFixtureOrganisations(app.db)
  const ngo = await organisationIdOf(app, ORGANISATIONS.ngo)
  const funder = await organisationIdOf(app, ORGANISATIONS.funder)
  for (const [email, organisationId, role] of [
    ['owner@ngo.example', ngo, 'owner'],
    ['editor@ngo.example', ngo, 'editor'],
    ['owner@funder.example', funder, 'owner'],
  ] as const) {
    await addPerson(app, email, { name: email })
    await grantMembership(app, email, organisationId, role)
  }
  const petition = await addPetition(app.db, { slug: 'export-me', organisationSlug: ORGANISATIONS.ngo })

  const signers = [
    { email: 'organiser-fan@example.org', firstName: 'Amal', consents: { processing: true, newsFromOrganiser: true, newsFromPartner: false } },
    { email: 'partner-fan@example.org', firstName: 'ليلى', consents: { processing: true, newsFromOrganiser: false, newsFromPartner: true }, source: { partner: ORGANISATIONS.funder } },
    { email: 'private@example.org', firstName: 'Private', consents: { processing: true, newsFromOrganiser: false, newsFromPartner: false }, source: { partner: ORGANISATIONS.funder } },
  ]
  for (const { email, ...rest } of signers) {
    const signed = await sign(app, petition.slug, signBody(email, rest))
    t.equal(signed.statusCode, 202, signed.body)
    const [mail] = await mailbox(app, email)
    await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition: petition.slug, email, code: mail!.code } })
  }

  const url = (organisationId: string, as: string) => `/v1/organisations/${organisationId}/signer-exports/${petition.id}?as=${as}`
  const ngoOwner = await browserOf(app, 'owner@ngo.example')
  const asOrganiser = await ngoOwner.get(url(ngo, 'organiser'))
  t.equal(asOrganiser.statusCode, 200, asOrganiser.body)
  t.match(asOrganiser.headers['content-type'], /^text\/csv; charset=utf-8/)
  t.match(asOrganiser.headers['content-disposition'], /attachment; filename="signers-export-me-organiser.csv"/)
  t.ok(asOrganiser.body.startsWith('\uFEFFfirst_name,last_name,email,city,country,language,confirmed_at\r\n'), 'a BOM, then the header')
  const organiserLines = asOrganiser.body.trim().split('\r\n').slice(1)
  t.equal(organiserLines.length, 1, 'only the signer who consented to news from the organiser')
  t.match(organiserLines[0], /organiser-fan@example\.org/)
  t.notMatch(asOrganiser.body, /private@example\.org|partner-fan/)

  t.equal((await (await browserOf(app, 'editor@ngo.example')).get(url(ngo, 'organiser'))).statusCode, 403, 'editors do not export')
  t.equal((await (await browserOf(app, ADMIN)).get(url(ngo, 'organiser'))).statusCode, 403, 'nor do platform admins')
  t.equal((await app.inject(url(ngo, 'organiser'))).statusCode, 401)

  const funderOwner = await browserOf(app, 'owner@funder.example')
  t.equal((await funderOwner.get(url(funder, 'organiser'))).statusCode, 403, 'a partner is not the organiser')
  const asPartner = await funderOwner.get(url(funder, 'partner'))
  const partnerLines = asPartner.body.trim().split('\r\n').slice(1)
  t.equal(partnerLines.length, 1, 'only who signed through the partner’s site and consented to hear from it')
  t.match(partnerLines[0], /^ليلى,.*partner-fan@example\.org/)
  t.equal((await ngoOwner.get(url(ngo, 'partner'))).body.trim().split('\r\n').length, 1, 'no one signed through the organiser’s own site: a header only')

  const exported = await changes(app, 'signers.exported')
  t.same(exported.map((row) => [row.organisation_id, row.after]), [
    [ngo, { as: 'organiser', signers: 1 }],
    [funder, { as: 'partner', signers: 1 }],
    [ngo, { as: 'partner', signers: 0 }],
  ], 'every download is audited, with how many and never whom')
})

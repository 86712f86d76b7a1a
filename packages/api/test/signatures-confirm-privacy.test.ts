import t from 'tap'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, countOf, mailbox, sign, signBody, tokenOf } from './helpers/petition-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/**
 * Confirming with a code must not tell a stranger who signed, nor let one lock a signer out. (That a wrong
 * code takes as long for an unknown address as for a signer's is measured, not asserted: see
 * docs/ARCHITECTURE.md, Operations.)
 */

const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000')

t.test('a wrong code gets the same answer, byte for byte, whether or not the address signed', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  t.equal((await sign(app, petition.slug, signBody('signed@example.org'))).statusCode, 202)
  const [mail] = await mailbox(app, 'signed@example.org')
  const attempt = (email: string) =>
    app.inject({ method: 'POST', url: '/v1/signatures/confirm', headers: { 'accept-language': 'fr' }, payload: { petition: petition.slug, email, code: wrongCode(mail!.code!) } })
  const [known, unknown] = [await attempt('signed@example.org'), await attempt('never-signed@example.org')]
  const comparable = (response: typeof known) => {
    const { 'x-request-id': _id, date: _date, ...headers } = response.headers
    return { status: response.statusCode, headers, body: response.body.replace(response.json().requestId, 'REQUEST-ID') }
  }
  t.equal(known.statusCode, 400)
  t.equal(known.json().code, 'WEGOV_CONFIRMATION_INVALID')
  t.same(comparable(known), comparable(unknown))
})

t.test("a stranger's wrong codes spend the code, never the signer's emailed link", async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  t.equal((await sign(app, petition.slug, signBody('target@example.org'))).statusCode, 202)
  const [mail] = await mailbox(app, 'target@example.org')
  for (let i = 0; i < 6; i++) {
    const probe = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition: petition.slug, email: 'target@example.org', code: wrongCode(mail!.code!) } })
    t.equal(probe.json().code, 'WEGOV_CONFIRMATION_INVALID')
  }
  const byCode = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition: petition.slug, email: 'target@example.org', code: mail!.code } })
  t.equal(byCode.json().code, 'WEGOV_CONFIRMATION_INVALID', 'five wrong codes close the code: no sixth guess')
  const byLink = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail!.links.confirm) } })
  t.equal(byLink.statusCode, 200, 'the emailed link still confirms')
  t.equal(await countOf(app, petition.slug), 1)
})

t.test('wrong codes typed for an address before it signed are not held against the signer', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  for (let i = 0; i < 5; i++) {
    const probe = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition: petition.slug, email: 'later@example.org', code: '123456' } })
    t.equal(probe.json().code, 'WEGOV_CONFIRMATION_INVALID')
  }
  t.equal((await sign(app, petition.slug, signBody('later@example.org'))).statusCode, 202)
  const [mail] = await mailbox(app, 'later@example.org')
  const confirmed = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition: petition.slug, email: 'later@example.org', code: mail!.code } })
  t.equal(confirmed.statusCode, 200)
})

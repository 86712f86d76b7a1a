import t from 'tap'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, sign, signBody, writtenRows } from './helpers/petition-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)

t.test('a country that is not an assigned ISO 3166-1 code is refused in the signer’s language', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  const expected = {
    ar: 'يرجى اختيار بلد إقامتك من القائمة.',
    fr: 'Choisissez votre pays de résidence dans la liste.',
    en: 'Please choose your country of residence from the list.',
  }
  for (const [lang, detail] of Object.entries(expected)) {
    const response = await sign(app, petition.id, signBody(`zz-${lang}@example.org`, { country: 'ZZ', locale: lang }), { 'accept-language': lang })
    t.equal(response.statusCode, 400, lang)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    const problem = response.json()
    t.equal(problem.code, 'WEGOV_INVALID_COUNTRY')
    t.equal(problem.detail, detail, `the message is in ${lang}`)
    t.same(problem.errors.map((error: { field: string }) => error.field), ['country'], 'the form can point at the country field')
  }
  t.same(await writtenRows(app.db, petition.id), { signatures: 0, outbox: 0, counts: 0 }, 'nothing was written')
})

t.test('assigned codes are accepted, WeGov’s four countries and Kosovo’s XK included', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  for (const country of ['TN', 'LY', 'PS', 'JO', 'FR', 'AX', 'SS', 'XK']) {
    const response = await sign(app, petition.id, signBody(`${country.toLowerCase()}@example.org`, { country }))
    t.equal(response.statusCode, 202, country)
  }
  t.equal((await writtenRows(app.db, petition.id)).signatures, 8)
})

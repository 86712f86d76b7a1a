import t from 'tap'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, mailbox, sign, signBody, writtenRows } from './helpers/petition-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/** Names and addresses beyond ASCII: real names in any script go through; invisible or look-alike ones do not. */

const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)

t.test('names and cities that would show as blanks or hide text are refused, per field, in three languages', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  const ok = signBody('unicode-refused@example.org')
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['a Hangul filler (U+3164) as a name', { firstName: '\u3164' }, 'firstName', 'WEGOV_INVALID_NAME'],
    ['Hangul fillers around a space', { lastName: '\u3164 \u3164' }, 'lastName', 'WEGOV_INVALID_NAME'],
    ['halfwidth and leading fillers', { firstName: '\uFFA0\u115F\u1160' }, 'firstName', 'WEGOV_INVALID_NAME'],
    ['tag characters only', { firstName: '\u{E0041}\u{E0042}\u{E0043}' }, 'firstName', 'WEGOV_INVALID_NAME'],
    ['tag characters hidden in a name', { lastName: 'Salah\u{E0068}\u{E0069}' }, 'lastName', 'WEGOV_INVALID_NAME'],
    ['the Mongolian vowel separator (U+180E)', { firstName: '\u180E' }, 'firstName', 'WEGOV_INVALID_NAME'],
    ['zero-width characters only', { firstName: '\u200B\u200C\u200D' }, 'firstName', 'WEGOV_INVALID_NAME'],
    ['99 combining marks on a letter', { firstName: `a${'\u0301'.repeat(99)}` }, 'firstName', 'WEGOV_INVALID_NAME'],
    ['combining marks only', { lastName: '\u0301\u0302\u0303' }, 'lastName', 'WEGOV_INVALID_NAME'],
    ['a city of Hangul fillers', { city: '\u3164\u3164' }, 'city', 'WEGOV_INVALID_TEXT'],
    ['tag characters in a city', { city: 'Sfax\u{E0041}' }, 'city', 'WEGOV_INVALID_TEXT'],
    ['marks piled on a city', { city: `Sfax${'\u0308'.repeat(20)}` }, 'city', 'WEGOV_INVALID_TEXT'],
  ]
  for (const [name, fields, field, code] of cases) {
    await t.test(name, async (t) => {
      for (const lang of ['ar', 'fr', 'en']) {
        const response = await sign(app, petition.id, { ...ok, ...fields }, { 'accept-language': lang })
        t.equal(response.statusCode, 400)
        t.match(response.headers['content-type'], /^application\/problem\+json/)
        t.match(response.json(), { code, lang, errors: [{ field }] })
        t.ok(response.json().detail.length > 0)
      }
    })
  }
  t.same(await writtenRows(app.db, petition.id), { signatures: 0, outbox: 0, counts: 0 }, 'nothing was written')
})

t.test('Arabic names with their harakat, and French and other names with diacritics, are taken as written', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  const names: [string, string, string | undefined][] = [
    ['مُحَمَّد', 'عَبْدُ ٱللَّٰه', 'صَفَاقِس'],
    ['Hélène', 'Lefèvre-Çelik', 'Saint-Étienne'],
    ['François', "N'Guessan", undefined],
    ['نگار', 'نیک\u200Cنام', 'تهران'],
    ['Nguyễn', 'Thị Ánh', 'Hà Nội'],
    ['יִשְׂרָאֵל', 'כֹּהֵן', undefined],
  ]
  for (const [index, [firstName, lastName, city]] of names.entries()) {
    const response = await sign(app, petition.id, signBody(`diacritics-${index}@example.org`, { firstName, lastName, ...(city ? { city } : {}) }))
    t.equal(response.statusCode, 202, `${firstName} ${lastName}`)
  }
  const rows = await app.db.selectFrom('signatures').select(['first_name', 'last_name', 'city']).where('petition_id', '=', petition.id).execute()
  t.same(
    rows.map((row) => [row.first_name, row.last_name, row.city ?? undefined]).sort(),
    names.map(([first, last, city]) => [first.normalize('NFC'), last.normalize('NFC'), city?.normalize('NFC') ?? 'Sfax']).sort(),
  )
})

t.test('an address with look-alike characters is normalised (NFKC) before it is checked, and mail goes to that form', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  // U+212A KELVIN SIGN, and a fullwidth commercial at.
  t.equal((await sign(app, petition.id, signBody('\u212Aarim@example.org'))).statusCode, 202)
  t.equal((await sign(app, petition.id, signBody('rania\uFF20example.org'))).statusCode, 202)
  t.equal((await mailbox(app, 'karim@example.org')).length, 1, 'mailed to the normalised address')
  t.equal((await mailbox(app, 'rania@example.org')).length, 1)
  const delivered = await app.db.selectFrom('dev_mailbox').select('recipient').where('recipient', 'in', ['karim@example.org', 'rania@example.org']).execute()
  t.equal(delivered.length, 2, 'as plain ASCII')
  t.equal((await sign(app, petition.id, signBody('karim@example.org'))).statusCode, 202)
  t.equal((await writtenRows(app.db, petition.id)).signatures, 2, 'karim@ is the same person, not a second one')
  for (const email of ['k\u00E4rim@example.org', 'karim@ex\u0430mple.org', '\u0130lker@example.org']) {
    const refused = await sign(app, petition.id, signBody(email))
    t.equal(refused.json().code, 'WEGOV_INVALID_EMAIL', email)
  }
})

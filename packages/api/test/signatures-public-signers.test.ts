import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, mailbox, sign, signBody, tokenOf } from './helpers/petition-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)

/** Signs and confirms with the emailed link, as a signer would. */
async function signAndConfirm(app: FastifyInstance, petition: string, email: string, fields: Record<string, unknown>) {
  const response = await sign(app, petition, signBody(email, fields))
  if (response.statusCode !== 202) throw new Error(`signing answered ${response.statusCode}: ${response.body}`)
  const [mail] = await mailbox(app, email)
  const confirmed = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail!.links.confirm) } })
  if (confirmed.statusCode !== 200) throw new Error(`confirming answered ${confirmed.statusCode}`)
}

async function publicSigners(app: FastifyInstance, petition: string) {
  const response = await app.inject({ method: 'GET', url: `/v1/petitions/${petition}/signatures?limit=100` })
  if (response.statusCode !== 200) throw new Error(`the list answered ${response.statusCode}`)
  return response.json().items as { firstName: string; lastInitial: string; comment: string | null }[]
}

t.test('the surname initial skips the article and the particles a name is not known by', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  const surnames: [string, string][] = [
    ['الحداد', 'ح'],
    ['ال حلبي', 'ح'],
    ['ابن خلدون', 'خ'],
    ['El-Mansouri', 'M'],
    ['al Haddad', 'H'],
    ["d'Alembert", 'A'],
    ['d’Ormesson', 'O'],
    ['de la Fontaine', 'F'],
    ['De Gaulle', 'G'],
    ['Ibn al-Haytham', 'H'],
    ['bin Rashid', 'R'],
    // Not particles: a Maghrebi "Ben" is the family name itself, and these only start like one.
    ['Ben Ammar', 'B'],
    ['Alami', 'A'],
    ['Delacroix', 'D'],
    ['بن علي', 'ب'],
    // Nothing but a particle: its own first letter rather than nothing.
    ['ال', 'ا'],
  ]
  for (const [index, [lastName]] of surnames.entries()) {
    await signAndConfirm(app, petition.slug, `initial-${index}@example.org`, { firstName: `Signer${index}`, lastName })
  }
  const initials = new Map((await publicSigners(app, petition.slug)).map((signer) => [signer.firstName, signer.lastInitial]))
  for (const [index, [lastName, initial]] of surnames.entries()) t.equal(initials.get(`Signer${index}`), initial, `${lastName} → ${initial}`)
})

t.test('a public signer’s comment is listed once confirmed, as plain text; anonymous and unconfirmed signers are not', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const petition = await addPetition(app.db)
  await signAndConfirm(app, petition.slug, 'salma@example.org', {
    firstName: 'سلمى',
    lastName: 'الحداد',
    city: 'تونس',
    comment: '  الماء حق للجميع <b>الآن</b>\r\n\r\n\r\n\r\nمن أجل أطفالنا  ',
  })
  await signAndConfirm(app, petition.slug, 'hidden@example.org', { firstName: 'Hidden', display: 'anonymous', comment: 'Not shown' })
  await sign(app, petition.slug, signBody('pending@example.org', { firstName: 'Pending', comment: 'Not yet' }))

  const signers = await publicSigners(app, petition.slug)
  t.same(
    signers.map(({ firstName, lastInitial, comment }) => ({ firstName, lastInitial, comment })),
    [{ firstName: 'سلمى', lastInitial: 'ح', comment: 'الماء حق للجميع <b>الآن</b>\n\nمن أجل أطفالنا' }],
    'trimmed, line breaks normalised, markup kept as text (pages escape it)',
  )
  const body = JSON.stringify(signers)
  for (const secret of ['الحداد', 'salma@example.org', 'Not shown', 'Not yet']) t.notOk(body.includes(secret), `never published: ${secret}`)
})

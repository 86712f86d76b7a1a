import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { createPetition } from '../src/domains/petitions/create-petition.js'
import { ORGANISATIONS, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { eventuallyTrue } from './helpers/eventually-true.js'
import { PETITION_TEST_CONFIG, addPetition, mailbox, petitionInput, sign, signBody, tokenOf } from './helpers/petition-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

const DAY = 86_400_000
const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)
const ago = (days: number) => new Date(Date.now() - days * DAY)

// The public and the hidden petitions every test below reads. Slugs are prefixed so q searches stay scoped.
const fixtures = {
  water: await addPetition(database.db, {
    slug: 'reads-water',
    title: { ar: 'المياه الصالحة للشرب في القرى', fr: 'De l’eau potable dans les villages' },
    originalLang: 'ar',
    country: 'TN',
    themes: ['public-services'],
    signatureGoal: 250,
    opensAt: ago(3),
    targets: [{ ar: 'وزارة الفلاحة', fr: "Ministère de l'Agriculture" }],
  }),
  budget: await addPetition(database.db, {
    slug: 'reads-budget',
    organisationSlug: ORGANISATIONS.network,
    title: { en: 'Open municipal budgets', fr: 'Des budgets municipaux ouverts' },
    originalLang: 'en',
    country: 'JO',
    themes: ['transparency'],
    opensAt: ago(2),
  }),
  archives: await addPetition(database.db, {
    slug: 'reads-archives',
    organisationSlug: null,
    launcherName: 'Collectif des habitants',
    title: { fr: 'Ouvrir les archives' },
    country: 'TN',
    themes: ['transparency'],
    opensAt: ago(100),
    closesAt: ago(10),
    response: { text: { fr: 'Les archives seront ouvertes.' }, originalLang: 'fr', respondedAt: ago(5) },
  }),
  rejected: await addPetition(database.db, {
    slug: 'reads-rejected',
    title: { en: 'Out of scope' },
    originalLang: 'en',
    status: 'rejected',
    opensAt: ago(20),
    rejectionReason: { en: 'Not a public authority', ar: 'ليست سلطة عمومية' },
  }),
  upcoming: await addPetition(database.db, { slug: 'reads-upcoming', opensAt: new Date(Date.now() + 5 * DAY), closesAt: new Date(Date.now() + 50 * DAY) }),
}
const hidden = {
  draft: await addPetition(database.db, { slug: 'reads-draft', status: 'draft' }),
  review: await addPetition(database.db, { slug: 'reads-review', status: 'pending_review' }),
  withdrawn: await addPetition(database.db, { slug: 'reads-withdrawn', status: 'withdrawn' }),
}

async function get(app: FastifyInstance, url: string) {
  const response = await app.inject({ method: 'GET', url })
  return { status: response.statusCode, body: response.json(), headers: response.headers }
}

const slugs = (body: { items: { slug: string }[] }) => body.items.map((item) => item.slug).filter((slug) => slug.startsWith('reads-'))

t.test('the list shows public petitions only, filtered, localized, with live counts', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const all = await get(app, '/v1/petitions?limit=100')
  t.equal(all.status, 200)
  t.same(slugs(all.body).sort(), ['reads-archives', 'reads-budget', 'reads-rejected', 'reads-upcoming', 'reads-water'])
  t.equal(all.headers['cache-control'], 'public, max-age=0, s-maxage=5, stale-if-error=25')

  const status = async (value: string) => slugs((await get(app, `/v1/petitions?limit=100&status=${value}`)).body)
  t.same((await status('open')).sort(), ['reads-budget', 'reads-water'])
  t.same(await status('closed'), ['reads-archives'])
  t.same(await status('rejected'), ['reads-rejected'])
  t.same(await status('upcoming'), ['reads-upcoming'])
  t.same(await status('responded'), ['reads-archives'])
  t.same(slugs((await get(app, '/v1/petitions?limit=100&country=JO')).body), ['reads-budget'])
  t.same(slugs((await get(app, '/v1/petitions?limit=100&theme=transparency&country=TN')).body), ['reads-archives'])
  t.same(slugs((await get(app, `/v1/petitions?limit=100&organisation=${ORGANISATIONS.network}`)).body), ['reads-budget'])
  t.same(slugs((await get(app, '/v1/petitions?q=مياه')).body), ['reads-water'], 'q finds Arabic text without its article')
  t.same(slugs((await get(app, '/v1/petitions?q=potable')).body), ['reads-water'])

  const water = (await get(app, '/v1/petitions?limit=100&lang=fr')).body.items.find((p: { slug: string }) => p.slug === 'reads-water')
  t.same(water.title, { text: 'De l’eau potable dans les villages', lang: 'fr', dir: 'ltr', fallback: false })
  t.same(water.targets, [{ text: "Ministère de l'Agriculture", lang: 'fr', dir: 'ltr', fallback: false }])
  t.equal(water.status, 'open')
  t.equal(water.acceptingSignatures, true)
  t.equal(water.goal, 250)
  t.equal(water.signatureCount, 0)
  const arabic = (await get(app, '/v1/petitions?limit=100&lang=ar')).body.items.find((p: { slug: string }) => p.slug === 'reads-budget')
  t.same(arabic.title, { text: 'Open municipal budgets', lang: 'en', dir: 'ltr', fallback: true }, 'missing Arabic falls back to the original')
  t.equal(arabic.launcher.organisation.slug, ORGANISATIONS.network)

  // Walk every page: no petition skipped or repeated.
  const walked: string[] = []
  let cursor: string | null = null
  for (let page = 0; page < 20; page++) {
    const body: { items: { slug: string }[]; nextCursor: string | null } = (await get(app, `/v1/petitions?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body
    walked.push(...body.items.map((item) => item.slug))
    cursor = body.nextCursor
    if (!cursor) break
  }
  t.same(slugs({ items: walked.map((slug) => ({ slug })) }).sort(), slugs(all.body).sort())
  t.equal(new Set(walked).size, walked.length)
})

t.test('bad list input answers problem+json exactly like the content lists', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const cases: [string, string][] = [
    ['status=draft', 'WEGOV_UNKNOWN_FILTER_VALUE'],
    ['status=whatever', 'WEGOV_UNKNOWN_FILTER_VALUE'],
    ['theme=cooking', 'WEGOV_UNKNOWN_FILTER_VALUE'],
    ['country=tunisia', 'WEGOV_UNKNOWN_FILTER_VALUE'],
    ['organisation=Not%20A%20Slug', 'WEGOV_UNKNOWN_FILTER_VALUE'],
    ['limit=0', 'WEGOV_LIMIT_OUT_OF_RANGE'],
    ['limit=101', 'WEGOV_LIMIT_OUT_OF_RANGE'],
    ['cursor=!!!', 'WEGOV_BAD_CURSOR'],
    ['cursor=WyJub3QtYS1kYXRlIiwibm90LWEtdXVpZCJd', 'WEGOV_BAD_CURSOR'],
    ['lang=de', 'WEGOV_UNSUPPORTED_LANGUAGE'],
    ['colour=blue', 'WEGOV_UNKNOWN_PARAMETER'],
    [`q=${'a'.repeat(201)}`, 'WEGOV_QUERY_TOO_LONG'],
  ]
  for (const [query, code] of cases) {
    const response = await app.inject({ method: 'GET', url: `/v1/petitions?${query}` })
    t.equal(response.statusCode, 400, query)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    t.equal(response.json().code, code, query)
  }
})

t.test('one petition: content, status of the moment, response or rejection reason; hidden ones are 404', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const archives = await get(app, '/v1/petitions/reads-archives?lang=en')
  t.equal(archives.status, 200)
  t.equal(archives.body.status, 'closed', 'past its closing date, an open petition is closed')
  t.equal(archives.body.acceptingSignatures, false)
  t.same(archives.body.launcher, { organisation: null, name: 'Collectif des habitants' })
  t.same(archives.body.response.text, { text: 'Les archives seront ouvertes.', lang: 'fr', dir: 'ltr', fallback: true })
  const rejected = await get(app, `/v1/petitions/${fixtures.rejected.id}?lang=ar`)
  t.same(rejected.body.rejectionReason, { text: 'ليست سلطة عمومية', lang: 'ar', dir: 'rtl', fallback: false })
  t.equal((await get(app, '/v1/petitions/reads-upcoming')).body.status, 'upcoming')

  for (const petition of Object.values(hidden)) {
    for (const path of ['', '/count', '/signatures']) {
      const response = await get(app, `/v1/petitions/${petition.slug}${path}`)
      t.equal(response.status, 404, `${petition.slug}${path} is not public`)
      t.equal(response.body.code, 'WEGOV_NOT_FOUND')
    }
  }
  t.equal((await get(app, '/v1/petitions/no-such-petition')).body.code, 'WEGOV_NOT_FOUND')
  t.equal((await get(app, '/v1/petitions/NOT_A_SLUG')).body.code, 'WEGOV_INVALID_ID')
})

t.test('counts by source and country, public signers in display form, and never an email anywhere', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  const { id } = fixtures.water
  const signers = [
    { email: 'Private.Person+wegov@Gmail.com', body: { firstName: 'Hédi', lastName: 'Ben Ammar', city: 'Gafsa', comment: 'Pour nos villages', source: { partner: ORGANISATIONS.ngo, url: 'https://ngo.example.org/sign?email=leak@example.org' } } },
    { email: 'second.person@example.org', body: { firstName: 'ريم', lastName: 'الزين', city: 'قفصة', country: 'TN', source: { partner: 'unknown-partner' } } },
    { email: 'third.person@example.org', body: { firstName: 'Jamal', lastName: 'Odeh', country: 'JO', display: 'anonymous' } },
    { email: 'pending.person@example.org', body: { firstName: 'Never', lastName: 'Confirmed' } },
  ]
  const responses: string[] = []
  const record = (body: string) => responses.push(body)
  for (const signer of signers) {
    const response = await sign(app, id, signBody(signer.email, signer.body))
    t.equal(response.statusCode, 202)
    record(response.body)
  }
  for (const signer of signers.slice(0, 3)) {
    const [mail] = await mailbox(app, signer.email)
    const confirmed = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail!.links.confirm) } })
    record(confirmed.body)
  }

  const count = await get(app, `/v1/petitions/${fixtures.water.slug}/count`)
  t.equal(count.headers['cache-control'], 'public, max-age=0, s-maxage=5, stale-if-error=25')
  t.same({ ...count.body, updatedAt: 'x' }, {
    petitionId: id,
    total: 3,
    goal: 250,
    bySource: [{ partner: null, count: 2 }, { partner: ORGANISATIONS.ngo, count: 1 }],
    byCountry: [{ country: 'TN', count: 2 }, { country: 'JO', count: 1 }],
    invalidated: 0,
    paper: { total: 0 },
    updatedAt: 'x',
  })
  const stored = await app.db.selectFrom('signatures').select(['source_url', 'email']).where('petition_id', '=', id).where('first_name', '=', 'Hédi').executeTakeFirstOrThrow()
  t.same(stored, { source_url: 'https://ngo.example.org/sign', email: null }, 'no query string, and no address without a request for news')

  const page1 = await get(app, `/v1/petitions/${id}/signatures?limit=1`)
  const page2 = await get(app, `/v1/petitions/${id}/signatures?limit=1&cursor=${page1.body.nextCursor}`)
  t.same(
    [...page1.body.items, ...page2.body.items].map((s: Record<string, unknown>) => ({ ...s, signedAt: typeof s.signedAt })),
    [
      { firstName: 'ريم', lastInitial: 'ز', city: 'قفصة', country: 'TN', signedAt: 'string', comment: null },
      { firstName: 'Hédi', lastInitial: 'B', city: 'Gafsa', country: 'TN', signedAt: 'string', comment: 'Pour nos villages' },
    ],
    'public, confirmed signers only, newest first, surname as an initial',
  )
  t.equal(page2.body.nextCursor, null)

  for (const url of [
    '/v1/petitions?limit=100',
    `/v1/petitions/${id}`,
    `/v1/petitions/${id}/count`,
    `/v1/petitions/${id}/signatures?limit=100`,
    '/openapi.json',
  ]) {
    record((await app.inject({ method: 'GET', url })).body)
  }
  record((await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { petition: id, email: 'pending.person@example.org', code: '000000' } })).body)
  record((await app.inject({ method: 'POST', url: '/v1/signatures/withdraw', payload: { token: 'x'.repeat(43) } })).body)
  const everything = responses.join('\n').toLowerCase()
  for (const signer of signers) {
    t.notOk(everything.includes(signer.email.toLowerCase()), `${signer.email} appears in no response`)
    t.notOk(everything.includes(signer.email.toLowerCase().split('@')[0]!), `nor does its local part`)
  }
  t.notOk(everything.includes('leak@example.org'))
})

t.test('new and changed petitions reach the cached reads through the content notification', async (t) => {
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })
  t.same(slugs((await get(app, '/v1/petitions?limit=100&country=PS')).body), [])
  await createPetition(app.db, petitionInput({ slug: 'reads-late', country: 'PS' }))
  let seen: string[] = []
  await eventuallyTrue(async () => {
    seen = slugs((await get(app, '/v1/petitions?limit=100&country=PS')).body)
    return seen.length > 0
  })
  t.same(seen, ['reads-late'])
})

import t from 'tap'
import { signIn } from './helpers/accounts.js'
import { buildWritersApp } from './helpers/content-writers.js'
import { ORGANISATIONS } from './helpers/content-fixtures.js'
import { multipartBody, pngBytes } from './helpers/file-samples.js'
import { PETITION_TEST_CONFIG, addPetition } from './helpers/petition-fixtures.js'
import { grantPlatformRole } from './helpers/roles.js'

const SAME_ORIGIN = { origin: 'http://localhost' }
const DAY = 86_400_000
const today = () => new Date().toISOString().slice(0, 10)
const batch = (overrides: Record<string, unknown> = {}) => ({ count: 120, country: 'TN', collectedOn: today(), ...overrides })

// The NGO is a WeGov partner (content-fixtures.ts); the funder is not.
const world = await buildWritersApp(t, PETITION_TEST_CONFIG)
const { app, ngo, funder, writers } = world
const moderatorCookie = await signIn(app, 'moderator@example.org')
await grantPlatformRole(app, 'moderator@example.org', 'moderator')
const moderator = {
  post: (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie: moderatorCookie, ...SAME_ORIGIN } }),
}

const paperUrl = (organisationId: string, petitionId: string) => `/v1/organisations/${organisationId}/petitions/${petitionId}/paper-signatures`
const count = async (petition: string) => (await app.inject({ url: `/v1/petitions/${petition}/count` })).json()
const changes = (petitionId: string, action: string) =>
  app.db.selectFrom('change_log').selectAll().where('subject_type', '=', 'petition').where('subject_id', '=', petitionId).where('action', '=', action).execute()

t.test('who may add paper signatures: a partner’s editors and content:write key; nobody else', async (t) => {
  const petition = await addPetition(app.db, { organisationSlug: ORGANISATIONS.network })
  const cases: [keyof typeof writers, string, number, string | null][] = [
    ['editor', ngo, 201, null],
    ['key', ngo, 201, null],
    ['admin', ngo, 201, null],
    ['otherEditor', funder, 403, 'WEGOV_NOT_A_PARTNER'],
    ['otherKey', funder, 403, 'WEGOV_NOT_A_PARTNER'],
    ['otherEditor', ngo, 403, 'WEGOV_FORBIDDEN'],
    ['citizen', ngo, 403, 'WEGOV_FORBIDDEN'],
    ['readOnlyKey', ngo, 403, 'WEGOV_INSUFFICIENT_SCOPE'],
    ['anonymous', ngo, 401, 'WEGOV_UNAUTHENTICATED'],
  ]
  for (const [who, organisationId, status, code] of cases) {
    const res = await writers[who].request('POST', paperUrl(organisationId, petition.id), { payload: batch({ count: 10 }) })
    t.equal(res.statusCode, status, `${writers[who].name} for ${organisationId === ngo ? 'the partner' : 'a non-partner'}: ${status}`)
    if (code) t.equal(res.json().code, code)
  }
  const added = await changes(petition.id, 'petition.paper_signatures_added')
  t.equal(added.length, 3, 'each accepted batch is in the change log, and only those')
  t.equal((await count(petition.id)).paper.total, 30)
})

t.test('a batch counts apart from the online signatures; the list shows it without personal data', async (t) => {
  const petition = await addPetition(app.db)
  t.same((await count(petition.slug)).paper, { total: 0 }, 'read before: the count is cached now')
  const res = await writers.editor.request('POST', paperUrl(ngo, petition.id), { payload: batch({ count: 250, country: 'LY', collectedOn: '2025-03-01' }) })
  t.equal(res.statusCode, 201)
  t.match(res.json(), { petitionId: petition.id, count: 250, country: 'LY', collectedOn: '2025-03-01', partner: { id: ngo, slug: ORGANISATIONS.ngo }, voided: false, voidReason: null })

  const counted = await count(petition.slug)
  t.equal(counted.total, 0, 'total stays the online confirmed signatures')
  t.same(counted.paper, { total: 250 }, 'the paper count shows at once (this instance forgot its cached count)')
  const shown = (await app.inject({ url: `/v1/petitions/${petition.slug}` })).json()
  t.equal(shown.signatureCount, 0)
  t.equal(shown.paperCount, 250)

  const list = await app.inject({ url: `/v1/petitions/${petition.slug}/paper-signatures` })
  t.equal(list.statusCode, 200)
  t.equal(list.json().total, 250)
  t.equal(list.json().items.length, 1)
  t.notMatch(list.body, /scan|actor|person|editor@/, 'no scan, no person')

  const [event] = await changes(petition.id, 'petition.paper_signatures_added')
  t.match(event, { organisation_id: ngo, after: { count: 250, country: 'LY', collectedOn: '2025-03-01' } })
  t.ok(event!.actor_person_id, 'the audit says who added it')
})

t.test('bad input is a problem with its code, and writes nothing', async (t) => {
  const petition = await addPetition(app.db)
  const foreign = await app.inject({ method: 'POST', url: `/v1/organisations/${funder}/files`, ...uploadAs('otherKey') })
  t.equal(foreign.statusCode, 201, 'the funder uploaded a file')
  const cases: [Record<string, unknown>, number, string][] = [
    [batch({ count: 0 }), 400, 'WEGOV_VALIDATION'],
    [batch({ count: -5 }), 400, 'WEGOV_VALIDATION'],
    [batch({ count: 1.5 }), 400, 'WEGOV_VALIDATION'],
    [batch({ country: 'ZZ' }), 400, 'WEGOV_INVALID_COUNTRY'],
    [batch({ country: 'tunisia' }), 400, 'WEGOV_INVALID_COUNTRY'],
    [batch({ collectedOn: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) }), 400, 'WEGOV_INVALID_DATE'],
    [batch({ collectedOn: '2025-02-30' }), 400, 'WEGOV_INVALID_DATE'],
    [batch({ scanFileId: foreign.json().id }), 400, 'WEGOV_VALIDATION'],
    [batch({ scanFileId: '00000000-0000-4000-8000-000000000000' }), 400, 'WEGOV_VALIDATION'],
  ]
  for (const [payload, status, code] of cases) {
    const res = await writers.editor.request('POST', paperUrl(ngo, petition.id), { payload })
    t.equal(res.statusCode, status, JSON.stringify(payload))
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.equal(res.json().code, code)
  }
  const own = await app.inject({ method: 'POST', url: `/v1/organisations/${ngo}/files`, ...uploadAs('key') })
  const withScan = await writers.editor.request('POST', paperUrl(ngo, petition.id), { payload: batch({ scanFileId: own.json().id }) })
  t.equal(withScan.statusCode, 201, 'a scan the partner uploaded is accepted')
  t.equal((await changes(petition.id, 'petition.paper_signatures_added')).length, 1, 'only that one was written')

  for (const status of ['draft', 'rejected'] as const) {
    const other = await addPetition(app.db, { status, ...(status === 'rejected' ? { rejectionReason: { fr: 'Hors sujet' } } : {}) })
    const res = await writers.editor.request('POST', paperUrl(ngo, other.id), { payload: batch() })
    t.equal(res.statusCode, 409, `a ${status} petition takes none`)
    t.equal(res.json().code, 'WEGOV_PETITION_NOT_ACTIVE')
  }
  const closed = await addPetition(app.db, { status: 'closed', endedAt: new Date(Date.now() - DAY) })
  t.equal((await writers.editor.request('POST', paperUrl(ngo, closed.id), { payload: batch() })).statusCode, 201, 'a closed petition takes paper signatures')
  const missing = await writers.editor.request('POST', paperUrl(ngo, '00000000-0000-4000-8000-000000000000'), { payload: batch() })
  t.equal(missing.statusCode, 404)
})

t.test('a moderator voids a batch with a reason: it stops counting; an editor cannot', async (t) => {
  const petition = await addPetition(app.db)
  const first = (await writers.editor.request('POST', paperUrl(ngo, petition.id), { payload: batch({ count: 100 }) })).json()
  await writers.editor.request('POST', paperUrl(ngo, petition.id), { payload: batch({ count: 40 }) })
  t.equal((await count(petition.id)).paper.total, 140)

  const voidUrl = `/v1/petitions/${petition.id}/paper-signatures/${first.id}/void`
  for (const who of ['editor', 'owner', 'key', 'citizen'] as const) {
    const res = await writers[who].request('POST', voidUrl, { payload: { reason: 'Doublon' } })
    t.equal(res.statusCode, 403, `${writers[who].name} may not void`)
  }
  t.equal((await writers.anonymous.request('POST', voidUrl, { payload: { reason: 'Doublon' } })).statusCode, 401)
  t.equal((await moderator.post(voidUrl, { reason: '' })).statusCode, 400, 'a reason is required')

  const voided = await moderator.post(voidUrl, { reason: 'Les mêmes feuilles que le lot du 3 mars' })
  t.equal(voided.statusCode, 200)
  t.match(voided.json(), { id: first.id, voided: true, voidReason: 'Les mêmes feuilles que le lot du 3 mars' })
  t.equal((await count(petition.id)).paper.total, 40, 'a voided batch stops counting')
  t.equal((await app.inject({ url: `/v1/petitions/${petition.id}` })).json().paperCount, 40)
  const listed = (await app.inject({ url: `/v1/petitions/${petition.id}/paper-signatures` })).json()
  t.equal(listed.total, 40)
  t.same(listed.items.map((item: { voided: boolean }) => item.voided).sort(), [false, true], 'the voided batch stays listed')

  t.equal((await moderator.post(voidUrl, { reason: 'encore' })).statusCode, 200, 'voiding twice is not an error')
  const events = await changes(petition.id, 'petition.paper_signatures_voided')
  t.equal(events.length, 1, 'and records nothing more')
  t.match(events[0], { after: { batchId: first.id, voided: true, reason: 'Les mêmes feuilles que le lot du 3 mars' } })
  const otherPetition = await addPetition(app.db)
  t.equal((await moderator.post(`/v1/petitions/${otherPetition.id}/paper-signatures/${first.id}/void`, { reason: 'x' })).statusCode, 404, 'a batch of another petition is not found')
})

/** An upload (a scan) by the NGO's key or the funder's. */
function uploadAs(who: 'key' | 'otherKey') {
  const body = multipartBody(pngBytes(), 'scan.png')
  const secret = who === 'key' ? world.keySecret : otherKeySecret
  return { headers: { ...body.headers, authorization: `Bearer ${secret}` }, payload: body.payload }
}

// The funder's content:write key, for its uploads (buildWritersApp keeps only the NGO's secret).
const otherKeySecret = await (async () => {
  const owner = await signIn(app, 'funder-owner@example.org')
  const res = await app.inject({ method: 'POST', url: `/v1/organisations/${funder}/api-keys`, headers: { cookie: owner, ...SAME_ORIGIN }, payload: { name: 'uploads', scopes: ['content:write'] } })
  return res.json().secret as string
})()

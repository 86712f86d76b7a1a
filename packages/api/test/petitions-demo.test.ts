import t from 'tap'
import { loadDemoContent } from '../src/demo/load-demo.js'
import { reconcileCounts } from '../src/domains/signatures/count-reconciliation.js'
import { PETITION_TEST_CONFIG } from './helpers/petition-fixtures.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

interface PetitionJson {
  id: string
  slug: string
  status: string
  originalLang: string
  title: { text: string; lang: string; fallback: boolean }
  summary: { text: string } | null
  signatureCount: number
  goal: number
}

t.test('the demo has petitions in three languages and several states, some with public signers', async (t) => {
  const database = await openTestDatabase(t)
  t.ok(await loadDemoContent(database.db), 'the demo loads into an empty database')
  const app = await buildTestApp(t, { database, config: PETITION_TEST_CONFIG })

  const stored = await app.db.selectFrom('petitions').select(['status', 'original_lang']).execute()
  t.ok(stored.length >= 6, `${stored.length} demo petitions`)
  t.same([...new Set(stored.map((row) => row.original_lang))].sort(), ['ar', 'en', 'fr'], 'written in Arabic, French and English')

  const list = (await app.inject({ method: 'GET', url: '/v1/petitions?limit=100&lang=ar' })).json() as { items: PetitionJson[] }
  const statuses = new Set(list.items.map((petition) => petition.status))
  for (const status of ['open', 'closed', 'rejected', 'upcoming']) t.ok(statuses.has(status), `a ${status} petition is public`)
  t.equal(list.items.length, stored.filter((row) => ['open', 'closed', 'rejected'].includes(row.status)).length, 'drafts, petitions collecting sponsors or under review, and hidden ones stay hidden')
  t.ok(stored.length >= 10, 'at least ten petitions')
  for (const status of ['draft', 'collecting_sponsors', 'pending_review', 'hidden']) t.ok(stored.some((row) => row.status === status), `one is ${status}`)
  const moderation = await app.db.selectFrom('petitions').select('id').where('status', '=', 'pending_review').execute()
  t.ok(moderation.length >= 2, 'the moderators have a queue')
  for (const petition of list.items) {
    t.match(petition.summary?.text ?? petition.title.text, /\[(تجريبي|Demo|Démo)\]/, `${petition.slug} is marked as a demo`)
  }

  const withSigners = list.items.filter((petition) => petition.signatureCount > 0)
  t.ok(withSigners.length >= 2, 'several petitions have signatures')
  for (const petition of withSigners) {
    const count = (await app.inject({ method: 'GET', url: `/v1/petitions/${petition.slug}/count` })).json()
    t.equal(count.total, petition.signatureCount)
    const signers = (await app.inject({ method: 'GET', url: `/v1/petitions/${petition.slug}/signatures?limit=100` })).json()
    t.ok(signers.items.length > 0, `${petition.slug} lists public demo signers`)
    for (const signer of signers.items) t.match(signer.lastInitial, /^.$/u)
  }
  const { corrected } = await reconcileCounts(app.db, { petitionIds: list.items.map((petition) => petition.id) })
  t.equal(corrected, 0, 'the demo counts agree with the demo signatures')
})

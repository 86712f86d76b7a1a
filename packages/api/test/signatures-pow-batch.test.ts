import { randomBytes, randomUUID } from 'node:crypto'
import t from 'tap'
import type { ProofOfWork } from '../src/domains/abuse/proof-of-work.js'
import { signatureDraft } from '../src/domains/signatures/signature-input.js'
import { signatureWrite } from '../src/domains/signatures/signature-write-builder.js'
import { type SignatureWrite, writeSignatures } from '../src/domains/signatures/signature-writes.js'
import { signerKeys } from '../src/domains/signatures/signer-keys.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { PETITION_TEST_CONFIG, addPetition, idempotencyKeyStored, mailbox, sign, signBody, writtenRows } from './helpers/petition-fixtures.js'
import { solvedAltcha } from './helpers/pow.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

// Signing as the widget does: proof of work on, an Idempotency-Key. Both are settled in the signing batch
// (one statement per batch), and these tests hold it to the answers a request on its own would get.
const database = await openTestDatabase(t)
await createFixtureOrganisations(database.db)
const POW_CONFIG = { ...PETITION_TEST_CONFIG, pow: true, powMaxNumber: 1000 }
const codes = (responses: { statusCode: number; json(): { code?: string } }[]) =>
  responses.map((response) => (response.statusCode === 202 ? 202 : response.json().code)).sort()

t.test('one proof of work sent twice at once signs once: the other use is WEGOV_POW_REPLAYED', async (t) => {
  const app = await buildTestApp(t, { database, config: POW_CONFIG })
  const petition = await addPetition(app.db)
  const altcha = await solvedAltcha(app)
  const responses = await Promise.all([
    sign(app, petition.id, signBody('twice-a@example.org', { altcha })),
    sign(app, petition.id, signBody('twice-b@example.org', { altcha })),
  ])
  t.same(codes(responses), [202, 'WEGOV_POW_REPLAYED'])
  const refused = responses.find((response) => response.statusCode !== 202)!
  t.equal(refused.statusCode, 400)
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal((await writtenRows(app.db, petition.id)).signatures, 1, 'one signature')
  const mails = [...(await mailbox(app, 'twice-a@example.org')), ...(await mailbox(app, 'twice-b@example.org'))]
  t.equal(mails.length, 1, 'one email')
})

t.test('a proof of work spent on one instance is refused on another, also when both try at once', async (t) => {
  const a = await buildTestApp(t, { database, config: POW_CONFIG })
  const b = await buildTestApp(t, { database, config: POW_CONFIG })
  const petition = await addPetition(a.db)

  const altcha = await solvedAltcha(a)
  t.equal((await sign(a, petition.id, signBody('first@example.org', { altcha }))).statusCode, 202)
  const onB = await sign(b, petition.id, signBody('second@example.org', { altcha }))
  t.equal(onB.statusCode, 400)
  t.equal(onB.json().code, 'WEGOV_POW_REPLAYED')

  const racing = await solvedAltcha(b)
  const responses = await Promise.all([
    sign(a, petition.id, signBody('race-a@example.org', { altcha: racing })),
    sign(b, petition.id, signBody('race-b@example.org', { altcha: racing })),
  ])
  t.same(codes(responses), [202, 'WEGOV_POW_REPLAYED'], 'two batches on two instances: one wins')
  t.equal((await writtenRows(a.db, petition.id)).signatures, 2)
})

t.test('the same Idempotency-Key twice at once, with the same proof of work: one signature, one answer for both', async (t) => {
  const app = await buildTestApp(t, { database, config: POW_CONFIG })
  const petition = await addPetition(app.db)
  const altcha = await solvedAltcha(app)
  const headers = { 'idempotency-key': `twice-${randomUUID()}` }
  const body = signBody('retry@example.org', { altcha })
  const [first, second] = await Promise.all([sign(app, petition.id, body, headers), sign(app, petition.id, body, headers)])
  t.same([first!.statusCode, second!.statusCode], [202, 202], 'a retry racing its request is not refused for reusing its proof')
  t.same(first!.json(), second!.json())
  t.equal((await writtenRows(app.db, petition.id)).signatures, 1)
  t.equal((await mailbox(app, 'retry@example.org')).length, 1, 'one email')

  // On another instance, with the same (now spent) proof, or none at all: the stored answer.
  const other = await buildTestApp(t, { database, config: POW_CONFIG })
  for (const retryBody of [body, signBody('retry@example.org')]) {
    const retry = await sign(other, petition.id, retryBody, headers)
    t.equal(retry.statusCode, 202)
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.same(retry.json(), first!.json())
  }
  const different = await sign(other, petition.id, signBody('someone-else@example.org', { altcha }), headers)
  t.equal(different.statusCode, 422, 'a different request with the key is refused for the key, not for the proof')
  t.equal(different.json().code, 'WEGOV_IDEMPOTENCY_KEY_REUSED')
  t.equal((await writtenRows(app.db, petition.id)).signatures, 1)
})

t.test('a request refused for a spent proof leaves its key free for the retry with a fresh one (what the SDK does)', async (t) => {
  const app = await buildTestApp(t, { database, config: POW_CONFIG })
  const petition = await addPetition(app.db)
  const spent = await solvedAltcha(app)
  t.equal((await sign(app, petition.id, signBody('spender@example.org', { altcha: spent }))).statusCode, 202)

  const headers = { 'idempotency-key': `fresh-${randomUUID()}` }
  const refused = await sign(app, petition.id, signBody('late@example.org', { altcha: spent }), headers)
  t.equal(refused.json().code, 'WEGOV_POW_REPLAYED')
  t.notOk(await idempotencyKeyStored(app.db, headers['idempotency-key']), 'the refused request did not take the key')
  const retry = await sign(app, petition.id, signBody('late@example.org', { altcha: await solvedAltcha(app) }), headers)
  t.equal(retry.statusCode, 202)
  t.equal(retry.headers['idempotent-replayed'], undefined, 'written now, not replayed')
  t.equal((await writtenRows(app.db, petition.id)).signatures, 2)
})

t.test('within one batch: a proof signs once, a key follows its first use unless that use was refused', async (t) => {
  const keys = signerKeys('a-test-secret-that-is-long-enough-0123456789')
  const petition = await addPetition(database.db)
  const proof = (): ProofOfWork => ({ signature: randomBytes(32).toString('hex'), expiresAt: new Date(Date.now() + 60_000) })
  const write = (email: string, options: { proofOfWork?: ProofOfWork; key?: string } = {}): SignatureWrite => {
    const draft = signatureDraft(signBody(email) as never, 'fr', () => false)
    return signatureWrite({
      petitionId: petition.id,
      draft,
      emailHash: keys.emailHash(draft.email.canonical),
      flag: null,
      keys,
      idempotency: options.key ? { key: options.key, fingerprint: `fingerprint-of-${email}`, body: { email } } : null,
      proofOfWork: options.proofOfWork ?? null,
      baseUrl: 'https://wegov.example',
      pendingDays: 7,
    })
  }
  const kinds = async (writes: SignatureWrite[]) => (await writeSignatures(database.db, writes)).map((outcome) => outcome.kind)

  const shared = proof()
  t.same(await kinds([write('b1@example.org', { proofOfWork: shared }), write('b2@example.org', { proofOfWork: shared })]), ['written', 'pow-replayed'])
  t.same(await kinds([write('b3@example.org', { proofOfWork: shared })]), ['pow-replayed'], 'and it stays spent')

  const other = proof()
  const [k1, k2] = [`k1-${randomUUID()}`, `k2-${randomUUID()}`]
  t.same(
    await kinds([write('b4@example.org', { proofOfWork: other, key: k1 }), write('b5@example.org', { proofOfWork: other, key: k2 })]),
    ['written', 'pow-replayed'],
    'two keys, one proof',
  )
  t.notOk(await idempotencyKeyStored(database.db, k2))

  const k3 = `k3-${randomUUID()}`
  t.same(
    await kinds([write('b6@example.org', { proofOfWork: shared, key: k3 }), write('b6@example.org', { proofOfWork: proof(), key: k3 })]),
    ['pow-replayed', 'written'],
    'the first use of a key had a spent proof: the second is a request of its own',
  )
  const k4 = `k4-${randomUUID()}`
  const retried = proof()
  t.same(
    await kinds([write('b7@example.org', { proofOfWork: retried, key: k4 }), write('b7@example.org', { proofOfWork: retried, key: k4 })]),
    ['written', 'replayed'],
  )
  t.equal((await writtenRows(database.db, petition.id)).signatures, 4, 'b1, b4, b6, b7')
})

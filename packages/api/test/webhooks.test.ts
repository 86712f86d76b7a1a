import { Webhook } from 'standardwebhooks'
import { readFileSync } from 'node:fs'
import type { IncomingHttpHeaders } from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { purgeStaleRows } from '../src/jobs/purge-stale-rows.js'
import { deliverPendingWebhooks } from '../src/domains/webhooks/webhooks-plugin.js'
import { webhookSender } from '../src/domains/webhooks/webhook-sender.js'
import type { Config } from '../src/config.js'
import { signIn, lastMail } from './helpers/accounts.js'
import { MERGE_PATCH, type Writer, buildWritersApp, projectBody } from './helpers/content-writers.js'
import { eventuallyTrue } from './helpers/eventually-true.js'
import { personIdOf } from './helpers/roles.js'
import { addPetition, mailbox as signerMailbox, sign, signBody, tokenOf } from './helpers/petition-fixtures.js'
import { ORGANISATIONS } from './helpers/content-fixtures.js'

/**
 * Webhooks end to end: a partner's HTTPS receiver on 127.0.0.1 (a self-signed certificate from
 * test/fixtures, trusted through config.webhookCaCertificates), registered by the organisation's owner,
 * hears the organisation's events signed with the Standard Webhooks scheme, and verifies them with that
 * scheme's own library (`standardwebhooks`), as a partner would, independently of the server's code.
 */

const cert = readFileSync(new URL('./fixtures/webhook-receiver-cert.pem', import.meta.url), 'utf8')
const key = readFileSync(new URL('./fixtures/webhook-receiver-key.pem', import.meta.url), 'utf8')

/** Backoff of a millisecond: a failed delivery is due again at once (Retry-After still says otherwise). */
const FAST_RETRIES: Partial<Config> = { webhookCaCertificates: cert, webhookRetryBaseMs: 1, webhookRetryMaxMs: 2, webhookPollMs: 60_000 }

interface Received {
  headers: IncomingHttpHeaders
  body: string
}

/** A partner's receiver: answers each request with the next planned answer, then 200. */
async function startReceiver(t: Test, answers: { status: number; headers?: Record<string, string> }[] = []) {
  const received: Received[] = []
  const server = https.createServer({ key, cert }, (request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      const answer = answers.shift() ?? { status: 200 }
      response.writeHead(answer.status, answer.headers)
      response.end('thanks')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => {
    server.closeAllConnections()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  })
  const { port } = server.address() as AddressInfo
  return { url: `https://127.0.0.1:${port}/wegov-hooks`, port, received, answers }
}

/** The Standard Webhooks verification a partner runs, with the scheme's own library (npm `standardwebhooks`). */
function verifySignature(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  try {
    new Webhook(secret).verify(body, {
      'webhook-id': String(headers['webhook-id']),
      'webhook-timestamp': String(headers['webhook-timestamp']),
      'webhook-signature': String(headers['webhook-signature']),
    })
    return true
  } catch {
    return false
  }
}

async function createProject(editor: Writer, organisationId: string): Promise<{ id: string; etag: string }> {
  const created = await editor.request('POST', `/v1/organisations/${organisationId}/projects`, { payload: projectBody() })
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`)
  return { id: created.json().id, etag: created.headers.etag as string }
}

async function publishProject(editor: Writer, organisationId: string): Promise<string> {
  const { id, etag } = await createProject(editor, organisationId)
  const published = await editor.request('PATCH', `/v1/projects/${id}`, { headers: { ...MERGE_PATCH, 'if-match': etag }, payload: { state: 'published' } })
  if (published.statusCode !== 200) throw new Error(`publish: ${published.statusCode} ${published.body}`)
  return id
}

async function registerWebhook(owner: Writer, organisationId: string, url: string, eventTypes: string[] = ['project.published']) {
  const response = await owner.request('POST', `/v1/organisations/${organisationId}/webhooks`, { payload: { url, eventTypes } })
  if (response.statusCode !== 201) throw new Error(`register: ${response.statusCode} ${response.body}`)
  return response.json() as { id: string; secret: string; url: string; enabled: boolean }
}

interface DeliveryLog {
  id: string
  messageId: string
  status: string
  nextAttemptAt: string | null
  payload: Record<string, unknown>
  attempts: { at: string; statusCode: number | null; error: string | null }[]
}

async function deliveries(owner: Writer, organisationId: string, webhookId: string): Promise<DeliveryLog[]> {
  const response = await owner.request('GET', `/v1/organisations/${organisationId}/webhooks/${webhookId}/deliveries`)
  if (response.statusCode !== 200) throw new Error(`deliveries: ${response.statusCode} ${response.body}`)
  return response.json().items
}

/** Runs the consumer and the worker until `check` holds (each pass sends whatever is due). */
function deliverUntil(app: FastifyInstance, check: () => Promise<boolean> | boolean): Promise<boolean> {
  return eventuallyTrue(async () => {
    await deliverPendingWebhooks(app)
    return check()
  })
}

t.test('a partner’s HTTPS receiver gets a signed project.published without personal data, and can have it again', async (t) => {
  const { app, ngo, funder, writers } = await buildWritersApp(t, FAST_RETRIES)
  const receiver = await startReceiver(t)
  const webhook = await registerWebhook(writers.owner, ngo, receiver.url)
  t.match(webhook.secret, /^whsec_[A-Za-z0-9+/]{43}=$/, 'a Standard Webhooks secret, shown at creation')
  t.equal(webhook.enabled, true)

  const listed = await writers.owner.request('GET', `/v1/organisations/${ngo}/webhooks`)
  t.equal(listed.statusCode, 200)
  t.equal(listed.json().items.length, 1)
  t.notOk('secret' in listed.json().items[0], 'the secret is never listed')
  t.match(listed.headers['cache-control'], /no-store/)
  const stored = await app.db.selectFrom('webhook_endpoints').select('secret').where('id', '=', webhook.id).executeTakeFirstOrThrow()
  t.notOk(stored.secret.includes(webhook.secret.slice(6)), 'the database keeps the secret sealed, not as it is')

  // A draft is not subscribed to: only its publication is sent.
  const projectId = await publishProject(writers.editor, ngo)
  t.ok(await deliverUntil(app, () => receiver.received.length >= 1), 'delivered')
  await deliverPendingWebhooks(app)
  t.equal(receiver.received.length, 1, 'one delivery: project.created and project.updated are not subscribed to')
  const [delivery] = receiver.received
  t.ok(verifySignature(webhook.secret, delivery!.headers, delivery!.body), 'the signature verifies with the secret')
  t.notOk(verifySignature(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, delivery!.headers, delivery!.body), 'and not with another secret')
  t.match(delivery!.headers['webhook-id'], /^msg_\d+$/)
  t.equal(delivery!.headers['content-type'], 'application/json')
  const body = JSON.parse(delivery!.body)
  t.match(body, { type: 'project.published', data: { id: projectId, subjectType: 'project', organisationId: ngo, version: 2 } })
  t.ok(Date.parse(body.timestamp))

  // No personal data: neither who published it nor any address.
  const editorId = await personIdOf(app, 'editor@example.org')
  t.notOk(delivery!.body.includes(editorId), 'no person id')
  t.notOk(delivery!.body.includes('@'), 'no email address')

  const log = await deliveries(writers.owner, ngo, webhook.id)
  t.equal(log.length, 1)
  t.equal(log[0]!.status, 'delivered')
  t.equal(log[0]!.messageId, delivery!.headers['webhook-id'])
  t.same(log[0]!.attempts.map((attempt) => [attempt.statusCode, attempt.error]), [[200, null]])

  // Redelivery from the log: the same message (same webhook-id), signed again.
  const redelivered = await writers.owner.request('POST', `/v1/organisations/${ngo}/webhooks/${webhook.id}/deliveries/${log[0]!.id}/redeliver`)
  t.equal(redelivered.statusCode, 202, redelivered.body)
  t.ok(await deliverUntil(app, () => receiver.received.length >= 2), 'redelivered')
  t.equal(receiver.received[1]!.headers['webhook-id'], delivery!.headers['webhook-id'])
  t.equal(receiver.received[1]!.body, delivery!.body)
  t.ok(verifySignature(webhook.secret, receiver.received[1]!.headers, receiver.received[1]!.body))
  const unknown = await writers.owner.request('POST', `/v1/organisations/${ngo}/webhooks/${webhook.id}/deliveries/999999/redeliver`)
  t.equal(unknown.statusCode, 404)

  // A rotated secret signs the next deliveries; the old one no longer verifies.
  const rotated = await writers.owner.request('POST', `/v1/organisations/${ngo}/webhooks/${webhook.id}/rotate-secret`)
  t.equal(rotated.statusCode, 200)
  const newSecret = rotated.json().secret as string
  t.not(newSecret, webhook.secret)
  await publishProject(writers.editor, ngo)
  t.ok(await deliverUntil(app, () => receiver.received.length >= 3))
  t.ok(verifySignature(newSecret, receiver.received[2]!.headers, receiver.received[2]!.body))
  t.notOk(verifySignature(webhook.secret, receiver.received[2]!.headers, receiver.received[2]!.body))

  // Another organisation's publication is not this endpoint's business.
  await publishProject(writers.otherEditor, funder)
  await deliverPendingWebhooks(app)
  t.equal(receiver.received.length, 3, 'nothing of another organisation')

  // The log keeps finished deliveries for 30 days; the maintenance job then deletes them.
  const logged = await deliveries(writers.owner, ngo, webhook.id)

  // The log is paged like every list: a page of one at a time walks it newest first, each delivery once.
  const paged: string[] = []
  let cursor: string | null = null
  do {
    const url = `/v1/organisations/${ngo}/webhooks/${webhook.id}/deliveries?limit=1${cursor ? `&cursor=${cursor}` : ''}`
    const page = (await writers.owner.request('GET', url)).json() as { items: DeliveryLog[]; nextCursor: string | null }
    paged.push(...page.items.map((delivery) => delivery.id))
    cursor = page.nextCursor
  } while (cursor)
  t.same(paged, logged.map((delivery) => delivery.id), 'the pages add up to the log, in order')
  const badCursor = await writers.owner.request('GET', `/v1/organisations/${ngo}/webhooks/${webhook.id}/deliveries?cursor=WyJ4Il0`)
  t.equal(badCursor.json().code, 'WEGOV_BAD_CURSOR')
  await app.db.updateTable('webhook_deliveries').set({ completed_at: sql`now() - interval '31 days'` }).where('id', '=', Number(logged.at(-1)!.id)).execute()
  t.equal((await purgeStaleRows(app.db)).webhookDeliveries, 1)
  t.equal((await deliveries(writers.owner, ngo, webhook.id)).length, logged.length - 1)
})

t.test('a failed delivery is retried until it succeeds, a 3xx is a failure and is not followed, Retry-After is honoured', async (t) => {
  const { app, ngo, writers } = await buildWritersApp(t, FAST_RETRIES)
  const receiver = await startReceiver(t, [{ status: 500 }, { status: 302, headers: { location: 'https://127.0.0.1:1/elsewhere' } }])
  const webhook = await registerWebhook(writers.owner, ngo, receiver.url)
  await publishProject(writers.editor, ngo)
  let log: DeliveryLog[] = []
  t.ok(await deliverUntil(app, async () => (log = await deliveries(writers.owner, ngo, webhook.id)).some((delivery) => delivery.status === 'delivered')))
  t.same(
    log[0]!.attempts.map((attempt) => attempt.statusCode),
    [500, 302, 200],
    'a 500, then a redirect counted as a failure, then 200',
  )
  t.match(log[0]!.attempts[1]!.error, /redirect/)
  t.equal(receiver.received.length, 3, 'the redirect was not followed')
  t.equal(new Set(receiver.received.map((request) => request.headers['webhook-id'])).size, 1, 'every attempt carries the same webhook-id')

  // 503 with Retry-After: the next attempt waits for it, not for the (tiny) backoff; 429 likewise.
  for (const status of [503, 429]) {
    receiver.answers.push({ status, headers: { 'retry-after': '120' } })
    const before = receiver.received.length
    await publishProject(writers.editor, ngo)
    t.ok(await deliverUntil(app, () => receiver.received.length > before))
    const [latest] = await deliveries(writers.owner, ngo, webhook.id)
    t.equal(latest!.status, 'pending')
    t.equal(latest!.attempts.length, 1)
    t.equal(latest!.attempts[0]!.statusCode, status)
    const waitMs = Date.parse(latest!.nextAttemptAt!) - Date.parse(latest!.attempts[0]!.at)
    t.ok(waitMs >= 110_000 && waitMs <= 130_000, `${status}: the next attempt is 120 s later (${waitMs} ms)`)
  }
})

t.test('a 410 Gone disables the endpoint and tells its owners', async (t) => {
  const { app, ngo, writers } = await buildWritersApp(t, FAST_RETRIES)
  const receiver = await startReceiver(t, [{ status: 410 }])
  const webhook = await registerWebhook(writers.owner, ngo, receiver.url)
  await publishProject(writers.editor, ngo)
  t.ok(await deliverUntil(app, async () => (await deliveries(writers.owner, ngo, webhook.id))[0]?.status === 'failed'))
  const listed = (await writers.owner.request('GET', `/v1/organisations/${ngo}/webhooks`)).json().items[0]
  t.match(listed, { enabled: false, disabledReason: 'gone' })
  const mail = await lastMail(app, 'owner@example.org')
  t.match(mail.subject, /webhook .* was disabled/)
  t.match(mail.text, /410 Gone/)
  t.ok(mail.text.includes(receiver.url))

  // Disabled: later events are not queued for it.
  await publishProject(writers.editor, ngo)
  await deliverPendingWebhooks(app)
  t.equal((await deliveries(writers.owner, ngo, webhook.id)).length, 1)
  t.equal(receiver.received.length, 1)

  // Enabled again by an owner: it hears the next events.
  const enabled = await writers.owner.request('PATCH', `/v1/organisations/${ngo}/webhooks/${webhook.id}`, { payload: { enabled: true } })
  t.equal(enabled.statusCode, 200, enabled.body)
  t.match(enabled.json(), { enabled: true, disabledReason: null })
  await publishProject(writers.editor, ngo)
  t.ok(await deliverUntil(app, () => receiver.received.length === 2))
})

t.test('an endpoint failing for longer than the limit is disabled and its owners are mailed in their language', async (t) => {
  const { app, ngo, writers } = await buildWritersApp(t, { ...FAST_RETRIES, webhookDisableAfterMs: 1 })
  // The owner reads French (as their account settings would say).
  await app.db.updateTable('people').set({ lang: 'fr' }).where('email', '=', 'owner@example.org').execute()
  const receiver = await startReceiver(t, Array.from({ length: 20 }, () => ({ status: 500 })))
  const webhook = await registerWebhook(writers.owner, ngo, receiver.url)
  await publishProject(writers.editor, ngo)
  t.ok(await deliverUntil(app, async () => (await writers.owner.request('GET', `/v1/organisations/${ngo}/webhooks`)).json().items[0].enabled === false))
  const listed = (await writers.owner.request('GET', `/v1/organisations/${ngo}/webhooks`)).json().items[0]
  t.equal(listed.disabledReason, 'failing')
  const [delivery] = await deliveries(writers.owner, ngo, webhook.id)
  t.ok(delivery!.attempts.length >= 2, 'disabled after failures that lasted the limit')
  t.ok(delivery!.attempts.every((attempt) => attempt.statusCode === 500))
  const mail = await lastMail(app, 'owner@example.org')
  t.match(mail.subject, /Un webhook .* a été désactivé/, 'in the owner’s language')
  const events = await app.db.selectFrom('change_log').select('after').where('action', '=', 'webhook.disabled').execute()
  t.same(events.map((event) => event.after), [{ enabled: false, reason: 'failing' }])
})

t.test('who may manage webhooks, and what they may register', async (t) => {
  const { app, ngo, funder, writers } = await buildWritersApp(t, FAST_RETRIES)
  const url = 'https://127.0.0.1:9/hooks'
  const create = (writer: Writer, organisationId = ngo, payload: unknown = { url, eventTypes: ['project.published'] }) =>
    writer.request('POST', `/v1/organisations/${organisationId}/webhooks`, { payload })
  t.equal((await create(writers.owner)).statusCode, 201, 'the owner')
  t.equal((await create(writers.admin)).statusCode, 201, 'a platform admin')
  t.equal((await create(writers.editor)).statusCode, 403, 'not an editor')
  t.equal((await create(writers.key)).statusCode, 403, 'not an API key')
  t.equal((await create(writers.anonymous)).statusCode, 401, 'not anonymous')
  const otherOwnerCookie = await signIn(app, 'funder-owner@example.org')
  const otherOwner: Writer = {
    name: 'owner of another organisation',
    request: (method, path, options = {}) =>
      app.inject({ method, url: path, headers: { cookie: otherOwnerCookie, origin: 'http://localhost' }, ...(options.payload === undefined ? {} : { payload: options.payload as object }) }),
  }
  t.equal((await create(otherOwner)).statusCode, 403, 'not the owner of another organisation')
  t.equal((await create(otherOwner, funder)).statusCode, 201, 'who owns that one')
  for (const writer of [writers.editor, otherOwner, writers.anonymous]) {
    const listed = await writer.request('GET', `/v1/organisations/${ngo}/webhooks`)
    t.equal(listed.statusCode, writer === writers.anonymous ? 401 : 403, `${writer.name} may not list them`)
  }
  const [first] = (await writers.owner.request('GET', `/v1/organisations/${ngo}/webhooks`)).json().items
  t.equal((await writers.editor.request('DELETE', `/v1/organisations/${ngo}/webhooks/${first.id}`)).statusCode, 403)
  t.equal((await otherOwner.request('GET', `/v1/organisations/${ngo}/webhooks/${first.id}/deliveries`)).statusCode, 403)
  t.equal((await otherOwner.request('PATCH', `/v1/organisations/${funder}/webhooks/${first.id}`, { payload: { enabled: false } })).statusCode, 404, 'another organisation’s endpoint is not found')

  const refused = async (payload: unknown, code: string, why: string) => {
    const response = await create(writers.owner, ngo, payload)
    t.equal(response.statusCode, 400, why)
    t.equal(response.json().code, code, why)
  }
  await refused({ url, eventTypes: ['petition.signed'] }, 'WEGOV_UNKNOWN_WEBHOOK_EVENT', 'an unknown event type')
  await refused({ url, eventTypes: [] }, 'WEGOV_VALIDATION', 'no event type')
  await refused({ url: 'ftp://127.0.0.1/hooks', eventTypes: ['project.published'] }, 'WEGOV_WEBHOOK_URL_REFUSED', 'not http(s)')
  await refused({ url: 'http://partner.example.org/hooks', eventTypes: ['project.published'] }, 'WEGOV_WEBHOOK_URL_REFUSED', 'plain http beyond loopback')
  await refused({ url: 'https://user:pass@partner.example.org/', eventTypes: ['project.published'] }, 'WEGOV_WEBHOOK_URL_REFUSED', 'credentials in the URL')
  await refused({ url: 'not a url', eventTypes: ['project.published'] }, 'WEGOV_WEBHOOK_URL_REFUSED', 'not a URL')
  const http = await create(writers.owner, ngo, { url: 'http://127.0.0.1:9/hooks', eventTypes: ['project.published'] })
  t.equal(http.statusCode, 201, 'plain http to loopback, outside production')

  const updated = await writers.owner.request('PATCH', `/v1/organisations/${ngo}/webhooks/${first.id}`, { payload: { eventTypes: ['resource.deleted', 'project.updated'] } })
  t.equal(updated.statusCode, 200)
  t.same(updated.json().eventTypes, ['project.updated', 'resource.deleted'])
  const deleted = await writers.owner.request('DELETE', `/v1/organisations/${ngo}/webhooks/${first.id}`)
  t.equal(deleted.statusCode, 204)
  t.equal((await writers.owner.request('GET', `/v1/organisations/${ngo}/webhooks/${first.id}/deliveries`)).statusCode, 404)
  const events = await app.db.selectFrom('change_log').select('action').where('subject_type', '=', 'webhook').orderBy('id').execute()
  t.same([...new Set(events.map((event) => event.action))], ['webhook.created', 'webhook.updated', 'webhook.deleted'], 'every change is in the change log')
  const logged = await app.db.selectFrom('change_log').select(['before', 'after']).where('subject_type', '=', 'webhook').execute()
  t.notOk(JSON.stringify(logged).includes('whsec_'), 'never a secret')
})

t.test('signature.confirmed and petition.milestone come as one delivery per window, counts only', async (t) => {
  const { app, database, ngo, writers } = await buildWritersApp(t, { ...FAST_RETRIES, pow: false, webhookAggregateWindowMs: 3_600_000 })
  const petition = await addPetition(database.db)
  const receiver = await startReceiver(t)
  const webhook = await registerWebhook(writers.owner, ngo, receiver.url, ['signature.confirmed', 'petition.milestone'])
  await deliverPendingWebhooks(app)
  t.equal(receiver.received.length, 0, 'the first window only records the counts as they are')

  // Two signers confirm through the NGO's own site, one through WeGov's pages.
  for (const [email, source] of [['sana@example.net', { partner: ORGANISATIONS.ngo }], ['omar@example.net', { partner: ORGANISATIONS.ngo }], ['lina@example.net', undefined]] as const) {
    const signed = await sign(app, petition.id, signBody(email, source ? { source } : {}))
    t.equal(signed.statusCode, 202, signed.body)
    const [mail] = await signerMailbox(app, email)
    const confirmed = await app.inject({ method: 'POST', url: '/v1/signatures/confirm', payload: { token: tokenOf(mail!.links.confirm) } })
    t.equal(confirmed.statusCode, 200, confirmed.body)
  }
  // And a surge elsewhere takes the petition past its first milestone (counted as the signing batch counts).
  await app.db.insertInto('petition_counts').values({ petition_id: petition.id, shard: 3, country: 'JO', source: '', confirmed: 98, invalidated: 0 }).execute()
  await deliverPendingWebhooks(app)
  t.equal(receiver.received.length, 0, 'nothing before the window (an hour here) is over')

  // The window is over.
  await app.db.updateTable('webhook_endpoints').set({ aggregated_at: sql`now() - interval '2 hours'` }).where('id', '=', webhook.id).execute()
  t.ok(await deliverUntil(app, () => receiver.received.length >= 2))
  await deliverPendingWebhooks(app)
  t.equal(receiver.received.length, 2, 'one delivery per event type for the window, not one per signature')
  const bodies = receiver.received.map((request) => JSON.parse(request.body)).sort((a, b) => String(a.type).localeCompare(b.type))
  t.match(bodies[0], { type: 'petition.milestone', data: { organisationId: ngo, petitions: [{ id: petition.id, milestone: 100, total: 101 }] } })
  t.match(bodies[1], { type: 'signature.confirmed', data: { organisationId: ngo, source: ORGANISATIONS.ngo, petitions: [{ id: petition.id, confirmed: 2, total: 2 }] } })
  for (const request of receiver.received) {
    t.ok(verifySignature(webhook.secret, request.headers, request.body))
    t.notOk(request.body.includes('@') || /Amal|Youssef|Sfax/.test(request.body), 'no signer in it')
  }
})

t.test('a receiver that does not answer within the timeout is a failed attempt', async (t) => {
  const server = https.createServer({ key, cert }, () => {
    // Never answers.
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => {
    server.closeAllConnections()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  })
  const send = webhookSender({ production: false, timeoutMs: 300, caCertificates: cert })
  const { port } = server.address() as AddressInfo
  const outcome = await send({ url: `https://127.0.0.1:${port}/slow`, secret: `whsec_${Buffer.alloc(32).toString('base64')}`, messageId: 'msg_1', body: '{}' })
  t.equal(outcome.statusCode, null)
  t.match(outcome.error, /timed out|no answer within 300 ms/)

  // Without the test CA, the self-signed receiver is not trusted.
  const untrusted = await webhookSender({ production: false, timeoutMs: 2000 })({ url: `https://127.0.0.1:${port}/slow`, secret: 'whsec_AAAA', messageId: 'msg_2', body: '{}' })
  t.equal(untrusted.statusCode, null)
  t.match(untrusted.error, /SELF_SIGNED|self.signed|certificate/i)
})

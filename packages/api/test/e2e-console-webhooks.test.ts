import { type IncomingHttpHeaders, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { ensureConsoleBuild, lastMailId, linkIn, screenSettled, signInWithCode, waitForMail } from './helpers/console-e2e.js'
import { MERGE_PATCH, projectBody } from './helpers/content-writers.js'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov } from './helpers/e2e.js'

/**
 * The console's Webhooks screen in Chromium, against WeGov as `npm start` runs it (NODE_ENV=test, so plain
 * http to loopback is allowed: outbound-guard.ts). An owner registers an endpoint on a local receiver, copies
 * the secret shown once, sees the delivery a publication makes in the endpoint's log, redelivers it (the
 * receiver gets the same webhook-id again), and disables the endpoint.
 */
t.setTimeout(600_000)

const OWNER = 'owner.webhooks@example.org'

/** A loopback HTTP receiver that answers 200 and keeps what it got. */
async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.writeHead(200).end('thanks')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => {
    server.closeAllConnections()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wegov-events`, received }
}

t.test('an owner registers an endpoint, reads its delivery log, redelivers and disables it', async (t) => {
  ensureConsoleBuild()
  const receiver = await startReceiver()
  // The owner is also a platform admin, to create the organisation it then owns through its invitation.
  const wegov = await startWeGov(t, { WEGOV_POW: 'off', WEGOV_ADMIN_EMAILS: OWNER })
  const browser = await launchBrowser(t)
  const errors: string[] = []
  const page = await (await newContext(browser, { viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', permissions: ['clipboard-read', 'clipboard-write'] })).newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${wegov.url}/console/sign-in?lang=fr`)
  await signInWithCode(page, wegov.url, OWNER)
  const api = (method: 'post' | 'patch', path: string, data: unknown, headers: Record<string, string> = {}) =>
    page.request[method](`${wegov.url}${path}`, { data: JSON.stringify(data), headers: { origin: wegov.url, 'content-type': 'application/json', ...headers } })

  const before = await lastMailId(wegov.url, OWNER)
  const created = await api('post', '/v1/organisations', {
    name: { fr: 'Association Crochet' },
    kind: 'ngo',
    country: 'TN',
    originalLang: 'fr',
    ownerEmail: OWNER,
    ownerLang: 'fr',
  })
  t.equal(created.status(), 201, 'organisation created')
  const organisationId = ((await created.json()) as { id: string }).id
  const invitation = await waitForMail(wegov.url, OWNER, (mail) => Object.values(mail.links).some((l) => l.includes('/invitations/accept')), before)
  const token = new URL(linkIn(invitation, '/invitations/accept')).searchParams.get('token')
  t.equal((await api('post', '/v1/invitations/accept', { token })).status(), 200, 'the owner accepts')

  // Reached from the organisation's own navigation.
  await page.goto(`${wegov.url}/console/organisations/${organisationId}?lang=fr`)
  await screenSettled(page)
  await page.locator('nav.subnav a', { hasText: 'Webhooks' }).click()
  await page.locator('h1', { hasText: 'Webhooks' }).waitFor()
  await screenSettled(page)

  // Sent empty: both fields flagged, focus on the first.
  await page.locator('form:has(#url) button[type="submit"]').click()
  t.equal(await page.locator('#url').getAttribute('aria-invalid'), 'true', 'a missing address is flagged')
  t.equal(await page.locator('#url').getAttribute('aria-describedby'), 'url-hint url-error', 'and tied to its hint and message')
  t.ok(await page.locator('#event-types-error').isVisible(), 'so is a missing event type')
  t.equal(await page.evaluate(() => document.activeElement?.id), 'url', 'focus goes to the address')

  await page.locator('#url').fill(receiver.url)
  await page.locator('#event-project\\.published').check()
  await page.locator('form:has(#url) button[type="submit"]').click()
  await page.locator('#secret').waitFor()
  const secret = await page.locator('#secret').inputValue()
  t.match(secret, /^whsec_/, 'the signing secret is shown once')
  t.equal(await page.evaluate(() => document.activeElement?.id), 'secret-title', 'focus moves to it')
  await page.locator('#copy-secret').click()
  await page.locator('#new-secret p[role="status"]:not(:empty)').waitFor()
  t.equal(await page.evaluate(() => navigator.clipboard.readText()), secret, 'and copied')
  t.equal(await page.locator('main li.item bdi[dir="ltr"]').first().textContent(), receiver.url, 'the endpoint is listed, its URL left to right')
  t.same(await axeViolations(page), [], 'no axe violation with the secret shown')

  // A publication of the organisation's is delivered to it.
  const project = await api('post', `/v1/organisations/${organisationId}/projects`, projectBody())
  t.equal(project.status(), 201, 'a project drafted')
  const etag = project.headers().etag!
  const published = await api('patch', `/v1/projects/${((await project.json()) as { id: string }).id}`, { state: 'published' }, { ...MERGE_PATCH, 'if-match': etag })
  t.equal(published.status(), 200, 'and published')
  await t.resolves(waitFor(() => receiver.received.length >= 1), 'the receiver gets the delivery')
  const messageId = receiver.received[0]!.headers['webhook-id']
  // The attempt is recorded once the receiver has answered: wait for the log to say so before opening it.
  const logUrl = `${wegov.url}/v1/organisations/${organisationId}/webhooks/${webhookIdOf(await page.locator('main li.item').getAttribute('data-webhook-id'))}/deliveries`
  await t.resolves(
    waitForAsync(async () => ((await (await page.request.get(logUrl)).json()) as { items: { status: string }[] }).items[0]?.status === 'delivered'),
    'the delivery is logged as delivered',
  )

  await page.locator('main li.item button[aria-controls^="log-"]').click()
  const row = page.locator('table.deliveries tbody tr').first()
  await row.waitFor()
  t.match(await row.textContent(), /project\.published/, 'the log shows the delivery')
  t.match(await row.textContent(), /200/, 'with its response code')
  t.same(await axeViolations(page), [], 'no axe violation with the delivery log open')
  await screenshot(page, 'console-fr-webhooks-log')

  await row.locator('button', { hasText: 'Relivrer' }).click()
  await page.locator('wegov-webhook-deliveries p[role="status"]:not(:empty)').waitFor()
  t.match(await page.locator('wegov-webhook-deliveries p[role="status"]').textContent(), /de nouveau en file/, 'the redelivery is announced')
  await t.resolves(waitFor(() => receiver.received.length >= 2), 'the receiver gets it again')
  t.equal(receiver.received[1]!.headers['webhook-id'], messageId, 'as the same message')
  t.equal(await page.locator('table.deliveries tbody tr').count(), 2, 'the log lists the redelivery')

  await page.locator('main li.item button', { hasText: 'Désactiver' }).click()
  await page.locator('wegov-webhooks-screen > p[role="status"]:not(:empty)').waitFor()
  t.match(await page.locator('main li.item .badge').textContent(), /Désactivé par un propriétaire/, 'the endpoint says it is disabled, and by whom')
  t.same(errors, [], 'no script error')
})

const webhookIdOf = (id: string | null): string => {
  if (!id) throw new Error('no webhook listed')
  return id
}

/** Polls an asynchronous `check` for up to a minute. */
async function waitForAsync(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('timed out')
}

/** Polls `check` (the receiver is fed by WeGov's delivery worker, which runs on its own) for up to a minute. */
async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('timed out')
}

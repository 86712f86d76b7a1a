import t from 'tap'
import { ensureConsoleBuild, screenSettled, signInWithCode } from './helpers/console-e2e.js'
import { launchBrowser, newContext, screenshot, startWeGov } from './helpers/e2e.js'

/**
 * A passkey added in the account screen, then used to sign in, with Chromium's virtual authenticator (the
 * DevTools protocol's WebAuthn domain): a real navigator.credentials ceremony, no mock. WeGov's public URL
 * is on `localhost`, since WebAuthn refuses an IP address as relying party.
 */
t.setTimeout(600_000)

t.test('add a passkey, sign out, sign in with it', async (t) => {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_POW: 'off' }, { host: 'localhost' })
  const browser = await launchBrowser(t)
  const context = await newContext(browser)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const cdp = await context.newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  })

  await page.goto(`${wegov.url}/console/sign-in?lang=en`)
  await signInWithCode(page, wegov.url, 'passkey.person@example.org')
  await page.getByRole('link', { name: 'My account' }).click()
  await screenSettled(page)
  t.match(await page.locator('#passkeys-title + p + p').textContent(), /no passkey yet/)
  await page.locator('#passkey-name').fill('Test laptop')
  await page.getByRole('button', { name: 'Add a passkey' }).last().click()
  await page.locator('p[role="status"]', { hasText: 'The passkey is added.' }).waitFor()
  t.equal(await page.locator('main ul.list li', { hasText: 'Test laptop' }).count(), 1, 'the new passkey is listed')
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId })
  t.equal(credentials.length, 1, 'the authenticator holds one credential')
  t.ok(credentials[0]!.isResidentCredential, 'a discoverable one: no address needed to sign in')

  // Sign out, then in again with the passkey alone.
  await page.getByRole('button', { name: 'Sign out', exact: true }).first().click()
  await page.locator('#passkey-sign-in').waitFor()
  t.equal((await page.request.get(`${wegov.url}/v1/me`)).status(), 401, 'signed out')
  await page.locator('#passkey-sign-in').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/console/sign-in'))
  await screenSettled(page)
  t.equal(await page.locator('main h1').textContent(), 'My organisations', 'signed in with the passkey')
  const me = (await (await page.request.get(`${wegov.url}/v1/me`)).json()) as { email: string }
  t.equal(me.email, 'passkey.person@example.org')

  await page.getByRole('link', { name: 'My account' }).click()
  await screenSettled(page)
  t.match(await page.locator('main ul.list li', { hasText: 'This device' }).textContent(), /Signed in with a passkey/, 'the session says how it began')
  t.notMatch(await page.locator('main ul.list li', { hasText: 'Test laptop' }).textContent(), /Never used/, 'the passkey’s last use is recorded')
  await screenshot(page, 'console-passkey-account')

  // Removing it (after confirming) leaves nothing to sign in with.
  await page.getByRole('button', { name: 'Remove Test laptop' }).click()
  await page.locator('dialog.confirm').getByRole('button', { name: 'Remove' }).click()
  await page.locator('p[role="status"]', { hasText: 'The passkey is removed.' }).waitFor()
  t.equal(await page.locator('main ul.list li', { hasText: 'Test laptop' }).count(), 0)
  t.same(errors, [], 'no script error')
})

import type { FastifyInstance } from 'fastify'
import type { BrowserContext, Page } from 'playwright-core'
import t, { type Test } from 'tap'
import { signIn } from './helpers/accounts.js'
import { axeViolations, freePort, launchBrowser, newContext, screenshot } from './helpers/e2e.js'
import { passkeyHarnessPage } from './helpers/passkey-harness.js'
import { buildTestApp } from './helpers/test-app.js'

/**
 * Passkeys in real Chromium, with its virtual authenticator (CDP WebAuthn domain): a signed-in person adds a
 * passkey, signs out, and signs back in with it alone. The page is a small harness served on WeGov's origin
 * (the console will replace it); every /v1 call goes to a real, listening WeGov.
 *
 * WeGov runs in this process rather than through startWeGov(): the first session is made with
 * helpers/accounts.ts signIn(app, …), which needs the app. Its public URL is http://localhost:PORT, because
 * WebAuthn refuses an IP address as relying party id.
 */
t.setTimeout(600_000)

const NAMES = { ar: 'هاتفي', fr: 'Mon téléphone', en: 'My phone' } as const

async function startListening(t: Test): Promise<{ app: FastifyInstance; url: string }> {
  const port = await freePort()
  const url = `http://localhost:${port}`
  const app = await buildTestApp(t, { config: { publicUrl: url } })
  await app.listen({ port, host: 'localhost' })
  return { app, url }
}

async function harness(context: BrowserContext, url: string): Promise<void> {
  await context.route(`${url}/__passkey-harness*`, (route) => {
    const lang = new URL(route.request().url()).searchParams.get('lang')
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body: passkeyHarnessPage(lang === 'ar' || lang === 'en' ? lang : 'fr') })
  })
}

/** Chromium's virtual platform authenticator: resident keys, user verification done. */
async function virtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  })
}

async function useSession(context: BrowserContext, app: FastifyInstance, cookieHeader: string): Promise<void> {
  const [name, value] = cookieHeader.split('=') as [string, string]
  await context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, secure: app.auth.cookie.options.secure === true, sameSite: 'Lax' }])
}

/** Clicks, then waits for the harness to say how it went (its status or its alert). */
async function outcome(page: Page, click: () => Promise<void>): Promise<{ status: string; alert: string; code: string | null }> {
  await page.evaluate(() => {
    for (const id of ['status', 'alert']) document.getElementById(id)!.textContent = ''
  })
  await click()
  await page.waitForFunction(() => Boolean(document.getElementById('status')!.textContent || document.getElementById('alert')!.textContent))
  return page.evaluate(() => ({
    status: document.getElementById('status')!.textContent ?? '',
    alert: document.getElementById('alert')!.textContent ?? '',
    code: document.getElementById('alert')!.dataset.code ?? null,
  }))
}

t.test('register a passkey, sign out, sign back in with it alone', async (t) => {
  const { app, url } = await startListening(t)
  const browser = await launchBrowser(t)

  for (const lang of ['ar', 'fr', 'en'] as const) {
    t.test(lang, async (t) => {
      const email = `passkey-${lang}@example.org`
      const context = await newContext(browser, { viewport: { width: 390, height: 844 } })
      t.teardown(() => context.close())
      await harness(context, url)
      const page = await context.newPage()
      await virtualAuthenticator(page)
      await useSession(context, app, await signIn(app, email))
      await page.goto(`${url}/__passkey-harness?lang=${lang}`)
      t.same(await axeViolations(page), [], `${lang}: no axe violation`)

      // Register: a real navigator.credentials.create() against the API's options.
      await page.getByLabel({ ar: 'اسم مفتاح المرور', fr: 'Nom de la clé d’accès', en: 'Passkey name' }[lang]).fill(NAMES[lang])
      const added = await outcome(page, () => page.locator('#add').click())
      t.equal(added.alert, '', 'no error')
      t.ok(added.status.endsWith(NAMES[lang]), `added: ${added.status}`)
      t.equal(await page.locator('#passkeys li').count(), 1, 'the list shows it')
      const person = await app.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirstOrThrow()
      const logged = await app.db.selectFrom('change_log').select(['subject_id', 'actor_person_id']).where('action', '=', 'passkey.added').where('actor_person_id', '=', person.id).execute()
      t.equal(logged.length, 1, 'the change log has passkey.added, by this person')
      await screenshot(page, `passkeys-${lang}-added`)

      // Adding the same authenticator again: it is excluded, so the browser refuses before the API is asked.
      const twice = await outcome(page, () => page.locator('#add').click())
      t.equal(twice.code, 'InvalidStateError', 'the authenticator refuses to register itself twice')

      // Sign out: no session cookie any more, and WeGov answers 401.
      await context.clearCookies()
      const signedOut = await outcome(page, () => page.locator('#list').click())
      t.equal(signedOut.code, 'WEGOV_UNAUTHENTICATED', 'signed out')

      // Sign in: navigator.credentials.get() with no address; the passkey is discoverable.
      const signedIn = await outcome(page, () => page.locator('#sign-in').click())
      t.equal(signedIn.alert, '', 'no error')
      t.ok(signedIn.status.endsWith(email), `signed in: ${signedIn.status}`)
      const cookies = await context.cookies(url)
      t.ok(cookies.some((c) => c.name === app.auth.cookie.name && c.httpOnly), 'the session cookie is back, HttpOnly')
      const me = await page.evaluate(async () => {
        const mine = await fetch('/v1/me/passkeys')
        const me = await fetch('/v1/me')
        return { passkeys: mine.status, me: me.status, items: (await mine.json()).items as { name: string; lastUsedAt: string | null }[] }
      })
      t.equal(me.passkeys, 200, 'the new session reads the person’s passkeys')
      if (app.hasRoute({ method: 'GET', url: '/v1/me' })) t.equal(me.me, 200, 'GET /v1/me works')
      t.match(me.items, [{ name: NAMES[lang], lastUsedAt: String }], 'its last use is recorded')
      t.same(await axeViolations(page), [], `${lang}: no axe violation once signed in`)

      // Removed on WeGov, still on the authenticator: signing in with it is refused, in the page's language.
      const removed = await outcome(page, () => page.locator('#passkeys li button').click())
      t.equal(removed.alert, '', 'removed')
      await context.clearCookies()
      const refused = await outcome(page, () => page.locator('#sign-in').click())
      t.equal(refused.code, 'WEGOV_PASSKEY_INVALID')
      t.match(refused.alert, { ar: /مفتاح المرور/, fr: /clé d'accès/, en: /passkey/ }[lang], 'the API’s message, in the page’s language')
      t.same(await axeViolations(page), [], `${lang}: no axe violation with the error shown`)
      await screenshot(page, `passkeys-${lang}-refused`)
    })
  }
})

import t, { type Test } from 'tap'
import type { Browser, Page } from 'playwright-core'
import { ensureConsoleBuild, lastMailId, screenSettled, signInWithCode, waitForMail } from './helpers/console-e2e.js'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov, type RunningWeGov } from './helpers/e2e.js'

/**
 * Sponsoring a citizen's petition through the console's public sponsor page, in Chromium against WeGov as
 * `npm start` runs it, with the proof of work on (made cheap by the test server). The citizen submits a
 * petition and copies its sponsor link; two sponsors who are not signed in open it, one in Arabic and one in
 * French, read the petition, sign (the SDK solves the proof of work in a blob: worker, which the console's
 * CSP allows), type the code from the development mailbox and are thanked. With its two sponsors the
 * petition waits for moderation, and the link then says sponsoring is closed instead of showing the form.
 */
t.setTimeout(900_000)

const CITIZEN = 'nadia.sponsor@example.org'
const PHONE = { width: 390, height: 844 }

interface Sponsor {
  email: string
  firstName: string
  lastName: string
  country: string
  lang: 'ar' | 'fr'
}

/** A browser page with no session, its script errors and CSP refusals collected, and the workers it starts. */
async function visitor(browser: Browser, errors: string[], options: { locale?: string } = {}): Promise<{ page: Page; workers: string[] }> {
  const page = await (await newContext(browser, { viewport: PHONE, ...options })).newPage()
  const workers: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(message.text())
  })
  page.on('worker', (worker) => workers.push(worker.url()))
  return { page, workers }
}

async function sponsorThroughPage(t: Test, wegov: RunningWeGov, page: Page, link: string, sponsor: Sponsor, workers: string[]): Promise<void> {
  await page.goto(sponsor.lang === 'fr' ? `${link}?lang=fr` : link)
  await screenSettled(page)
  await page.locator('#petition-title').waitFor()
  t.same(
    await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
    [sponsor.lang, sponsor.lang === 'ar' ? 'rtl' : 'ltr'],
    `${sponsor.lang}: the page speaks the sponsor's language`,
  )
  t.equal(await page.locator('nav.nav a[href*="/console/sign-in"]').count(), 1, `${sponsor.lang}: nobody is signed in`)
  t.equal(new URL(page.url()).pathname, new URL(link).pathname, `${sponsor.lang}: no sign-in was asked for`)
  t.same(await page.locator('#petition-title').evaluate((el) => [el.textContent, el.getAttribute('lang'), el.getAttribute('dir')]), [
    'Un registre public des marchés de la commune',
    'fr',
    'ltr',
  ], `${sponsor.lang}: the title, marked as French`)
  t.match(await page.locator('.sponsor-preview').textContent(), /Le registre doit lister chaque marché\./, 'the text is shown')
  t.match(await page.locator('.sponsor-preview').textContent(), /Commune de Sousse/, 'and the authority')
  t.match(await page.locator('.sponsors-needed').textContent(), /2/, 'and how many sponsors it needs')
  t.equal(await page.locator('#email').getAttribute('dir'), 'ltr', 'the email is typed left to right')

  // Sending an empty form: the missing fields are flagged on themselves, focus on the first.
  await page.locator('#sponsor-submit').click()
  t.equal(await page.locator('#firstName').getAttribute('aria-invalid'), 'true', 'a missing first name is flagged')
  t.equal(await page.locator('#firstName').getAttribute('aria-describedby'), 'firstName-error', 'and tied to its message')
  t.equal(await page.locator('#consent').getAttribute('aria-invalid'), 'true', 'the consent is required')
  t.equal(await page.evaluate(() => document.activeElement?.id), 'firstName', 'focus goes to the first field to fix')
  t.same(await axeViolations(page), [], `${sponsor.lang}: the form with its errors: no axe violation`)

  await page.locator('#firstName').fill(sponsor.firstName)
  await page.locator('#lastName').fill(sponsor.lastName)
  await page.locator('#email').fill(sponsor.email)
  await page.locator('#country').selectOption(sponsor.country)
  await page.locator('#consent').check()
  const before = await lastMailId(wegov.url, sponsor.email)
  await page.locator('#sponsor-submit').click()
  await page.locator('#code').waitFor()
  t.equal(await page.evaluate(() => document.activeElement?.id), 'code', 'then focus is on the code field')
  t.match(await page.locator('.sponsor-code-form [role="status"]').textContent(), sponsor.email, 'the page says where the code went')
  t.ok(workers.length > 0 && workers.every((url) => url.startsWith('blob:')), `the proof of work ran in a blob: worker (${workers.join(', ')})`)
  t.equal(await page.locator('#code').getAttribute('dir'), 'ltr', 'the code is typed left to right')
  const mail = await waitForMail(wegov.url, sponsor.email, (m) => m.code !== null, before)

  // A wrong code first: refused, announced, and tied to the field.
  await page.locator('#code').fill(mail.code === '000000' ? '111111' : '000000')
  await page.locator('#code-submit').click()
  await page.locator('#problem[data-code="WEGOV_CONFIRMATION_INVALID"]').waitFor()
  t.equal(await page.locator('#problem').getAttribute('role'), 'alert', 'a wrong code is announced')
  t.equal(await page.locator('#code').getAttribute('aria-invalid'), 'true', 'and flagged on its field')
  t.same(await axeViolations(page), [], `${sponsor.lang}: the code step with its error: no axe violation`)
  await screenshot(page, `console-sponsor-code-${sponsor.lang}`)

  await page.locator('#code').fill(mail.code!)
  await page.locator('#code-submit').click()
  await page.locator('.sponsor-thanks').waitFor()
  t.equal(await page.locator('.sponsor-thanks').getAttribute('role'), 'status', 'the thanks are announced')
  t.same(await axeViolations(page), [], `${sponsor.lang}: the thank-you: no axe violation`)
  await screenshot(page, `console-sponsor-thanks-${sponsor.lang}`)
}

t.test('two sponsors who are not signed in sponsor a petition through its link; the link then says it is closed', async (t) => {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_PETITION_SPONSORS: '2' })
  const browser = await launchBrowser(t)
  const errors: string[] = []

  const citizen = await (await newContext(browser, { viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] })).newPage()
  citizen.on('pageerror', (error) => errors.push(error.message))
  await citizen.goto(`${wegov.url}/console/sign-in?lang=fr`)
  await signInWithCode(citizen, wegov.url, CITIZEN)
  const api = (method: 'post' | 'get', path: string, data?: unknown) =>
    citizen.request[method](`${wegov.url}${path}`, { data, headers: { origin: wegov.url, 'accept-language': 'en' } })
  const drafted = await api('post', '/v1/petition-launches', {
    originalLang: 'fr',
    title: { fr: 'Un registre public des marchés de la commune' },
    summary: { fr: 'Publier chaque marché public de la commune.' },
    text: { fr: '<p>Le registre doit lister chaque marché.</p><p>Il doit être ouvert à tous.</p>' },
    authority: { fr: 'Commune de Sousse' },
    country: 'TN',
    themes: ['transparency'],
    goal: 300,
    closesAt: new Date(Date.now() + 56 * 86_400_000).toISOString(),
  })
  t.equal(drafted.status(), 201, 'the citizen drafted a petition')
  const { id } = (await drafted.json()) as { id: string }

  // The citizen submits it in the console and copies its sponsor link.
  await citizen.goto(`${wegov.url}/console/petitions/${id}?lang=fr`)
  await screenSettled(citizen)
  await citizen.locator('#submit-petition').click()
  await citizen.locator('.sponsor-link').waitFor()
  const link = await citizen.locator('.sponsor-link').inputValue()
  t.match(link, new RegExp(`^${wegov.url}/console/sponsor/[A-Za-z0-9_-]{20,100}$`), 'the editor shows the full sponsor link')
  await citizen.locator('.copy-token').click()
  await citizen.locator('.sponsor-code [role="status"]:not(:empty)').waitFor()
  t.equal(await citizen.evaluate(() => navigator.clipboard.readText()), link, 'the copy button copies the link')
  await citizen.goto(`${wegov.url}/console/petitions?lang=fr`)
  await screenSettled(citizen)
  t.equal(await citizen.locator(`main li.item[data-id="${id}"] .sponsor-link`).inputValue(), link, 'My petitions shows the same link')

  const arabic = await visitor(browser, errors, { locale: 'ar-TN' })
  await sponsorThroughPage(t, wegov, arabic.page, link, { email: 'sponsor.ar@example.org', firstName: 'سلمى', lastName: 'الطرابلسي', country: 'TN', lang: 'ar' }, arabic.workers)
  const french = await visitor(browser, errors)
  await sponsorThroughPage(t, wegov, french.page, link, { email: 'sponsor.fr@example.org', firstName: 'Karim', lastName: 'Haddad', country: 'FR', lang: 'fr' }, french.workers)

  const petition = (await (await api('get', `/v1/petition-launches/${id}`)).json()) as { status: string }
  t.equal(petition.status, 'pending_review', 'with its two sponsors the petition waits for moderation')

  // The link, now closed: a clear message, and no form.
  const late = await visitor(browser, errors)
  await late.page.goto(`${link}?lang=en`)
  await screenSettled(late.page)
  await late.page.locator('.sponsoring-closed').waitFor()
  t.match(await late.page.locator('.sponsoring-closed').textContent(), /already has all its sponsors/, 'a closed link says so')
  t.equal(await late.page.locator('.sponsor-form').count(), 0, 'and shows no form')
  t.same(await axeViolations(late.page), [], 'the closed link: no axe violation')
  t.same(errors, [], 'no script error and no CSP refusal')
})

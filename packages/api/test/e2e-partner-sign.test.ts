import { randomBytes } from 'node:crypto'
import t from 'tap'
import type { Page } from 'playwright-core'
import { launchBrowser, newContext, screenshot, startWeGov, widgetsSettled } from './helpers/e2e.js'

/**
 * The partner site on its own origin, behind its hostile stylesheet: a visitor signs the Arabic petition
 * through the widget, confirms with the code WeGov emailed (read from the development mailbox), and the
 * count rises on the partner's page and on the portal.
 */
t.setTimeout(600_000)

const SLUG = 'eclairage-public-oued-zitoun'

/** The count the petition widget shows, whatever digits its language writes numbers with. */
async function shownCount(page: Page): Promise<number> {
  const text = await page.locator('wegov-petition .progress__count').textContent()
  const western = (text ?? '').replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
  return Number(western.replace(/\D/g, ''))
}

/** Reloads until the widget shows more than `before`: counts are cached for a few seconds on purpose. */
async function waitForCountAbove(page: Page, url: string, before: number): Promise<number> {
  for (;;) {
    await page.goto(url)
    await widgetsSettled(page)
    const count = await shownCount(page)
    if (count > before) return count
  }
}

t.test('signing in Arabic on a partner site, cross-origin', async (t) => {
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)
  const context = await newContext(browser, { locale: 'fr-FR', viewport: { width: 1024, height: 1200 } })
  const page = await context.newPage()
  const errors: string[] = []
  const warnings: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())))

  const counts = async () =>
    (await (await fetch(`${wegov.url}/v1/petitions/${SLUG}/count`)).json()) as { total: number; bySource: { partner: string | null; count: number }[] }
  const api = async () => (await counts()).total
  const creditedToAtgl = async () => (await counts()).bySource.find((source) => source.partner === 'atgl')?.count ?? 0
  const before = await api()
  const atglBefore = await creditedToAtgl()

  await page.goto(`${wegov.partnerUrl}/`)
  t.not(new URL(page.url()).origin, new URL(wegov.url).origin, 'the partner page is on another origin')
  await widgetsSettled(page)
  await screenshot(page, 'partner-site-loaded')

  t.test('the hostile stylesheet does not reach inside the widgets', async (t) => {
    const petition = page.locator('wegov-petition')
    const sign = await petition.locator('[part~="sign"]').evaluate((el) => getComputedStyle(el).color)
    t.not(sign, 'rgb(255, 0, 0)', 'buttons are not painted red')
    // "Sign this petition" opens the form in place.
    await petition.locator('[part~="sign"]').click()
    await petition.locator('form').first().waitFor()
    t.equal(await petition.locator('form').first().isVisible(), true, 'the signing form shows despite form { display: none !important }')
    const submit = await petition.locator('button[type="submit"]').first().evaluate((el) => getComputedStyle(el).color)
    t.not(submit, 'rgb(255, 0, 0)', 'the submit button is not painted red either')
    t.equal(await petition.evaluate((el) => getComputedStyle(el).getPropertyValue('--wegov-color-accent').trim()), '#1f6f43', 'the partner themes through --wegov-*')
    t.same(
      await page.evaluate(() => Array.from(document.querySelectorAll('wegov-petition, wegov-projects, wegov-resources')).map((el) => el.shadowRoot?.querySelector('[lang]')?.getAttribute('lang'))),
      ['ar', 'fr', 'en'],
      'each widget in its own language on one page',
    )
    t.equal(await petition.locator('[dir="rtl"]').first().isVisible(), true, 'the Arabic petition runs right to left')
    const projects = await page.evaluate(() => document.querySelector('wegov-projects')?.shadowRoot?.querySelectorAll('.card').length)
    t.ok(projects && projects > 0, 'the French project list shows projects')
    const webinars = await page.evaluate(() => document.querySelector('wegov-resources')?.shadowRoot?.textContent ?? '')
    t.match(webinars, /Webinar|webinar/, 'the English webinar feed shows webinars')
  })

  t.test('sign, read the emailed code, confirm: the count rises here and on the portal', async (t) => {
    const email = `salma.e2e.${randomBytes(4).toString('hex')}@gmail.com`
    const petition = page.locator('wegov-petition')
    await petition.locator('#firstName').fill('سلمى')
    await petition.locator('#lastName').fill('بن علي')
    await petition.locator('#email').fill(email)
    await petition.locator('#country').selectOption('TN')
    await petition.locator('#consent-processing').check()
    await petition.locator('button[type="submit"]').click()
    await petition.locator('#code').waitFor()
    await screenshot(page, 'partner-site-code-step')

    let code: string | null = null
    while (!code) {
      const mailbox = (await (await fetch(`${wegov.url}/dev/mailbox?to=${encodeURIComponent(email)}`)).json()) as { items: { code: string | null; text: string }[] }
      code = mailbox.items[0]?.code ?? null
      if (code) t.match(mailbox.items[0]!.text, code, 'the email carries the code')
      else await new Promise((resolve) => setTimeout(resolve, 200))
    }
    await petition.locator('#code').fill(code)
    await petition.locator('[part~="confirm"]').click()
    await petition.locator('[part~="thanks"]').waitFor()
    await screenshot(page, 'partner-site-signed')

    let counted = await api()
    while (counted === before) counted = await new Promise((resolve) => setTimeout(resolve, 200)).then(api)
    t.equal(counted, before + 1, 'the API counts the signature once')
    t.equal(await creditedToAtgl(), atglBefore + 1, 'and credits it to the partner whose site it came from (partner="atgl")')
    const onPartner = await waitForCountAbove(page, `${wegov.partnerUrl}/`, before)
    t.equal(onPartner, before + 1, 'the partner page shows the new count')
    const portal = await context.newPage()
    const onPortal = await waitForCountAbove(portal, `${wegov.url}/ar/petitions/${SLUG}`, before)
    t.equal(onPortal, before + 1, 'the portal shows the new count')
    await screenshot(portal, 'portal-ar-petition-after-signing')
  })

  t.test('no script error on the partner page, and no warning: its partner slug is registered', async (t) => {
    t.same(errors, [])
    t.same(warnings.filter((text) => text.includes('WeGov')), [])
  })
})

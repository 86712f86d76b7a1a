import t from 'tap'
import type { Page } from 'playwright-core'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov } from './helpers/e2e.js'

/**
 * The portal's header: one row on a phone, with a menu button (a disclosure) that opens the sections and
 * languages; on a wide screen the links are all in view. Keyboard, screen-reader state, right to left,
 * and the links still there without JavaScript.
 */
t.setTimeout(600_000)

const PAGES = ['', 'learning', 'petitions/eclairage-public-oued-zitoun', 'embed']
const MENU_LABEL = { ar: 'القائمة', fr: 'Menu', en: 'Menu' }

const headerBox = (page: Page) => page.locator('.site-header').evaluate((el) => el.getBoundingClientRect().height)
const brandBox = (page: Page) => page.locator('.brand').evaluate((el) => el.getBoundingClientRect().height)

t.test('the header on a phone and on a wide screen', async (t) => {
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)

  for (const lang of ['ar', 'fr', 'en'] as const) {
    t.test(`${lang}: one row on a phone, every link in view on a wide screen`, async (t) => {
      const phone = await newContext(browser, { viewport: { width: 390, height: 844 } })
      const page = await phone.newPage()
      for (const path of PAGES) {
        await page.goto(`${wegov.url}/${lang}/${path}`)
        const button = page.locator('.menu-button')
        await button.waitFor({ state: 'visible' })
        const [height, brand] = [await headerBox(page), await brandBox(page)]
        // One row: no taller than the brand (or the 44 px button) plus the bar's padding.
        t.ok(height <= Math.max(brand, 44) + 20, `${lang}/${path}: the header is one row (${height}px)`)
        t.equal(await page.locator('.site-nav').isVisible(), false, `${lang}/${path}: the sections wait behind the button`)
        const top = async (selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().top)
        t.ok(Math.abs((await top('.brand')) - (await top('.menu-button'))) < 30, `${lang}/${path}: the brand and the button share the row`)
      }
      t.equal((await page.locator('.menu-button').textContent())?.trim(), MENU_LABEL[lang])
      // Right to left in Arabic: the button sits at the inline end, the left edge.
      const [brandX, buttonX] = [await page.locator('.brand').boundingBox(), await page.locator('.menu-button').boundingBox()]
      if (lang === 'ar') t.ok(buttonX!.x < brandX!.x, 'ar: the button is left of the brand')
      else t.ok(buttonX!.x > brandX!.x, `${lang}: the button is right of the brand`)
      await page.locator('.menu-button').click()
      t.equal(await page.locator('.site-nav').isVisible(), true, 'the menu opens')
      t.same(await axeViolations(page), [], `${lang}: no axe violation with the menu open`)
      await screenshot(page, `header-${lang}-390-open`)
      await phone.close()

      const wide = await newContext(browser, { viewport: { width: 1280, height: 900 } })
      const desk = await wide.newPage()
      await desk.goto(`${wegov.url}/${lang}/learning`)
      t.equal(await desk.locator('.menu-button').isVisible(), false, 'no menu button on a wide screen')
      for (const link of await desk.locator('.site-nav a, .languages a').all()) t.equal(await link.isVisible(), true, `${await link.textContent()} is in view`)
      t.ok((await headerBox(desk)) < 160, 'two rows at most: brand and languages, then the sections')
      t.equal(await desk.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'the section band does not widen the page')
      t.same(await axeViolations(desk), [], `${lang}: no axe violation on a wide screen`)
      await screenshot(desk, `header-${lang}-1280`)
      await wide.close()
    })
  }

  t.test('the menu from the keyboard: Enter opens, Tab reaches the links, Escape closes and returns focus', async (t) => {
    const context = await newContext(browser, { viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(`${wegov.url}/fr/`)
    const button = page.locator('.menu-button')
    await button.waitFor({ state: 'visible' })
    t.equal(await button.getAttribute('aria-controls'), 'site-menu')
    t.equal(await page.locator('#site-menu').count(), 1, 'aria-controls names the menu')
    t.equal(await button.getAttribute('aria-expanded'), 'false')

    // Tab from the top of the page: the skip link, the brand, then the button.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    t.equal(await page.evaluate(() => document.activeElement?.className), 'menu-button', 'the button is the third stop')
    await page.keyboard.press('Enter')
    t.equal(await button.getAttribute('aria-expanded'), 'true', 'Enter opens it')
    await page.keyboard.press('Tab')
    t.equal(await page.evaluate(() => document.activeElement?.textContent), 'Accueil', 'Tab goes on to the first section')
    await page.keyboard.press('Tab')
    t.equal(await page.evaluate(() => document.activeElement?.textContent), 'Projets')
    await page.keyboard.press('Escape')
    t.equal(await button.getAttribute('aria-expanded'), 'false', 'Escape closes it')
    t.equal(await page.evaluate(() => document.activeElement?.className), 'menu-button', 'and the focus is back on the button')
    t.equal(await page.locator('.site-nav').isVisible(), false)
    await page.keyboard.press('Space')
    t.equal(await button.getAttribute('aria-expanded'), 'true', 'Space opens it too')
    await page.keyboard.press('Space')
    t.equal(await button.getAttribute('aria-expanded'), 'false', 'and closes it')
    await page.keyboard.press('Escape')
    t.equal(await button.getAttribute('aria-expanded'), 'false', 'Escape on a closed menu changes nothing')

    await button.click()
    await page.locator('.site-nav a', { hasText: 'Bibliothèque' }).click()
    await page.waitForURL(`${wegov.url}/fr/library`)
    t.equal(await page.locator('.site-nav a[aria-current="page"]').textContent(), 'Bibliothèque', 'a menu link leads to its page')
    await context.close()
  })

  t.test('without JavaScript, no dead button and every link stays in view', async (t) => {
    const context = await newContext(browser, { viewport: { width: 390, height: 844 }, javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${wegov.url}/ar/`)
    t.equal(await page.locator('.menu-button').isVisible(), false, 'the button is not shown')
    const links = await page.locator('.site-nav a, .languages a').all()
    t.equal(links.length, 9)
    for (const link of links) t.equal(await link.isVisible(), true, `${await link.textContent()} is in view`)
    await screenshot(page, 'header-ar-390-no-script')
    await context.close()
  })
})

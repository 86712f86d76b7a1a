import t from 'tap'
import type { Page } from 'playwright-core'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov, widgetsSettled } from './helpers/e2e.js'

/**
 * The portal's footer (links to the API docs, the resource feeds, the licence and the source code, all
 * aligned) and the API docs it leads to: WeGov's, in the reader's language, accessible, and loading
 * nothing from elsewhere.
 */
t.setTimeout(600_000)

const DOCS_TITLE = { ar: 'توثيق واجهة WeGov البرمجية', fr: "Documentation de l'API WeGov", en: 'WeGov API documentation' } as const
const LANGS = ['ar', 'fr', 'en'] as const

const footerLinks = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('.site-footer__links > li')).map((item) => {
      const links = item.querySelectorAll('a')
      const box = links[0]?.getBoundingClientRect()
      return { links: links.length, href: links[0]?.getAttribute('href') ?? null, rel: links[0]?.getAttribute('rel') ?? null, top: box?.top ?? -1, height: box?.height ?? -1 }
    }),
  )

t.test('the portal footer and the API docs', async (t) => {
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } })
  const offSite: string[] = []
  await context.route(
    (url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
    (route) => {
      offSite.push(route.request().url())
      return route.abort()
    },
  )
  await context.addInitScript(() => {
    const seen: string[] = ((globalThis as unknown as { __cspViolations: string[] }).__cspViolations = [])
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`))
  })
  const violations = (page: Page) => page.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations)
  const page = await context.newPage()

  for (const lang of LANGS) {
    t.test(`footer in ${lang}: every entry is a link, on one line, to the docs, feeds, licence and source`, async (t) => {
      await page.goto(`${wegov.url}/${lang}/learning`)
      await widgetsSettled(page)
      const items = await footerLinks(page)
      t.ok(items.every((item) => item.links === 1), 'each footer entry is one link')
      const hrefs = items.map((item) => item.href)
      for (const href of [`/docs/#lang=${lang}`, `/v1/resources/feed.atom?lang=${lang}`, `/v1/resources/feed.json?lang=${lang}`, 'https://github.com/wegov/wegov']) {
        t.ok(hrefs.includes(href), `links ${href}`)
      }
      t.same(items.filter((item) => item.rel === 'license').map((item) => item.href), ['https://www.gnu.org/licenses/agpl-3.0.html'], 'the licence, as rel=license')
      // Entries on the same row share their top and height: none sits lower than the others.
      const rows = new Map<number, typeof items>()
      for (const item of items) rows.set(Math.round(item.top), [...(rows.get(Math.round(item.top)) ?? []), item])
      t.ok([...rows.values()].every((row) => row.every((item) => item.top === row[0]!.top && item.height === row[0]!.height)), 'aligned')
      t.ok(items.filter((item) => item.top === items[0]!.top).length >= 3, 'several entries share the first row')

      for (const [type, format] of [['application/atom+xml', 'atom'], ['application/feed+json', 'json']] as const) {
        const alternate = await page.locator(`head link[rel="alternate"][type="${type}"]`).getAttribute('href')
        t.equal(alternate, `${wegov.url}/v1/resources/feed.${format}?lang=${lang}`, `the head announces the ${format} feed`)
        const feed = await fetch(alternate!)
        t.equal(feed.status, 200)
        t.match(feed.headers.get('content-type'), type)
      }
      t.same(await axeViolations(page), [], 'axe finds nothing')
      t.same(await violations(page), [], 'no CSP violation')
      await screenshot(page, `footer-${lang}`)
    })

    t.test(`the footer's docs link in ${lang}: WeGov's docs, in ${lang}, accessible, all from this server`, async (t) => {
      await page.goto(`${wegov.url}/${lang}/`)
      await page.locator(`.site-footer a[href="/docs/#lang=${lang}"]`).click()
      await page.waitForURL(`${wegov.url}/docs/#lang=${lang}`)
      await page.locator('.swagger-ui .opblock-tag').first().waitFor()
      t.same(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), [lang, lang === 'ar' ? 'rtl' : 'ltr'])
      t.equal(await page.title(), DOCS_TITLE[lang])
      t.same(await page.locator('h1:visible').allTextContents(), [DOCS_TITLE[lang]], 'one heading of the first level')
      t.equal(await page.locator('main').getAttribute('lang'), 'en', 'the reference itself is marked as English')
      t.equal(await page.locator('.topbar').count(), 0, "no Swagger top bar (nor its logo)")
      t.equal(await page.locator('link[rel="icon"]').getAttribute('href'), './static/theme/wegov.svg', "WeGov's icon")
      t.same(await axeViolations(page), [], 'axe finds nothing')
      // Opened, and tried out: the call goes to this API, and the controls that appear pass axe too.
      await page.locator('.opblock-summary-control').first().click()
      await page.locator('.try-out__btn').first().click()
      await page.locator('.execute').first().click()
      await page.locator('.live-responses-table tr.response .response-col_status').first().waitFor()
      t.equal((await page.locator('.live-responses-table tr.response .response-col_status').first().textContent())?.trim(), '200', 'tried out against this API')
      t.same(await axeViolations(page), [], 'axe finds nothing in an operation tried out')
      t.same(await violations(page), [], 'no CSP violation')
      await screenshot(page, `docs-${lang}`)
    })
  }

  t.test('the OpenAPI document stays at /docs/json and /openapi.json', async (t) => {
    for (const path of ['/docs/json', '/openapi.json']) {
      const response = await fetch(`${wegov.url}${path}`)
      t.equal(response.status, 200, path)
      t.equal(((await response.json()) as { info: { title: string } }).info.title, 'WeGov API')
    }
    const docs = await fetch(`${wegov.url}/docs/`)
    t.match(docs.headers.get('content-security-policy'), /script-src 'self';/, 'the docs page has a strict policy of its own')
  })

  t.test('nothing was requested from another site', async (t) => {
    t.same(offSite, [])
  })
})

import t from 'tap'
import type { Page } from 'playwright-core'
import { launchBrowser, newContext, screenshot, startWeGov, widgetsSettled } from './helpers/e2e.js'

/** Using the portal as a visitor does: filters, pagination, links, the language switcher, the embed builder. */
t.setTimeout(600_000)

const cardTitles = (page: Page, widget: string) =>
  page.evaluate((tag) => Array.from(document.querySelector(tag)?.shadowRoot?.querySelectorAll('.card h3, .card__title') ?? []).map((el) => el.textContent?.trim() ?? ''), widget)

t.test('the portal in use', async (t) => {
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()

  t.test('projects: filter by country, then page through all of them', async (t) => {
    const all = (await (await fetch(`${wegov.url}/v1/projects?limit=100&lang=fr`)).json()) as { items: { countries: string[] }[] }
    const tunisian = all.items.filter((project) => project.countries.includes('TN')).length
    await page.goto(`${wegov.url}/fr/projects`)
    await widgetsSettled(page)
    const firstPage = (await cardTitles(page, 'wegov-projects')).length
    t.equal(firstPage, Math.min(10, all.items.length), 'the first page holds the page size')

    await page.locator('wegov-projects [part~="filters"] select[name="country"]').selectOption('TN')
    await page.waitForFunction((n) => document.querySelector('wegov-projects')?.shadowRoot?.querySelectorAll('.card').length === n, tunisian)
    const badges = await page.evaluate(() =>
      Array.from(document.querySelector('wegov-projects')?.shadowRoot?.querySelectorAll('.card') ?? []).map((card) => card.textContent ?? ''),
    )
    t.ok(badges.every((text) => text.includes('Tunisie')), 'every project shown is in Tunisia')

    await page.locator('wegov-projects [part~="filters"] select[name="country"]').selectOption('')
    await page.waitForFunction((n) => document.querySelector('wegov-projects')?.shadowRoot?.querySelectorAll('.card').length === n, firstPage)
    const more = page.locator('wegov-projects [part~="more"]')
    const shown = () => page.evaluate(() => document.querySelector('wegov-projects')?.shadowRoot?.querySelectorAll('.card').length ?? 0)
    for (let pages = 1; (await more.count()) > 0; pages++) {
      const before = await shown()
      await more.click()
      await page.waitForFunction((n) => (document.querySelector('wegov-projects')?.shadowRoot?.querySelectorAll('.card').length ?? 0) > n, before)
      t.ok(pages < 100, 'pagination ends')
    }
    t.equal(await shown(), all.items.length, 'following the pages shows every project once')
    t.equal(await more.count(), 0, 'no further page once every project is shown')
    await screenshot(page, 'use-projects-paged')

    await page.locator('wegov-projects [part~="card"] a').first().click()
    await page.waitForURL(/\/fr\/projects\/[a-z0-9-]+$/)
    t.equal(await page.locator('h1').count(), 1, 'a project card opens the project page')
  })

  t.test('the language switcher keeps the page and turns the document right to left', async (t) => {
    await page.goto(`${wegov.url}/fr/resources/jordan-municipal-services-satisfaction-survey`)
    await page.locator('.languages a[hreflang="ar"]').click()
    await page.waitForURL(`${wegov.url}/ar/resources/jordan-municipal-services-satisfaction-survey`)
    t.same(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl'])
    t.equal(await page.locator('.languages a[aria-current="true"]').getAttribute('lang'), 'ar')
  })

  t.test("a document's file link and a webinar's join link point at their targets", async (t) => {
    const documents = (await (await fetch(`${wegov.url}/v1/resources/jordan-municipal-services-satisfaction-survey`)).json()) as { file: { url: string } }
    await page.goto(`${wegov.url}/en/resources/jordan-municipal-services-satisfaction-survey`)
    t.equal(await page.locator('a[data-link="file"]').getAttribute('href'), documents.file.url)

    const webinar = (await (await fetch(`${wegov.url}/v1/resources/webinar-budget-participatif-consultation-decision`)).json()) as {
      webinar: { joinUrl: string }
    }
    await page.goto(`${wegov.url}/en/resources/webinar-budget-participatif-consultation-decision`)
    const join = page.locator('a[data-link="join"]')
    t.equal(await join.getAttribute('href'), webinar.webinar.joinUrl)
    // Following it really navigates there (answered here without the network: example.org is not ours).
    await context.route(webinar.webinar.joinUrl, (route) => route.fulfill({ contentType: 'text/html', body: '<title>meeting</title>' }))
    await join.click()
    await page.waitForURL(webinar.webinar.joinUrl)
    t.equal(await page.title(), 'meeting')
    await context.unroute(webinar.webinar.joinUrl)
  })

  t.test('in the widgets, webinars link to their meeting and documents to their files', async (t) => {
    const hrefs = (tag: string) =>
      page.evaluate((name) => Array.from(document.querySelector(name)?.shadowRoot?.querySelectorAll('a[href]') ?? []).map((a) => a.getAttribute('href')), tag)
    const webinars = (await (await fetch(`${wegov.url}/v1/resources?kind=webinar&upcoming=true&limit=3`)).json()) as { items: { webinar: { joinUrl: string | null } }[] }
    await page.goto(`${wegov.url}/en/`)
    await widgetsSettled(page)
    const joinUrls = webinars.items.map((item) => item.webinar.joinUrl).filter((url): url is string => url !== null)
    t.ok(joinUrls.length > 0, 'the demo has upcoming webinars with a join link')
    const onHome = await hrefs('wegov-resources')
    for (const url of joinUrls) t.ok(onHome.includes(url), `join link ${url}`)

    const documents = (await (await fetch(`${wegov.url}/v1/resources?collection=library&limit=10`)).json()) as { items: { file: { url: string } | null }[] }
    await page.goto(`${wegov.url}/en/library`)
    await widgetsSettled(page)
    const inLibrary = await hrefs('wegov-resources')
    const files = documents.items.flatMap((item) => (item.file ? [item.file.url] : []))
    t.ok(files.length > 0, 'the demo library has files')
    for (const url of files) t.ok(inLibrary.includes(url), `file link ${url}`)

    // Titles lead to the portal's own page about each resource.
    const title = page.locator('wegov-resources .item__title a').first()
    const titleText = (await title.textContent())!.trim()
    t.match(await title.getAttribute('href'), /^\/en\/resources\/[a-z0-9-]+$/)
    await title.click()
    await page.waitForURL(/\/en\/resources\/[a-z0-9-]+$/)
    t.equal((await page.locator('h1').textContent())!.trim(), titleText, 'the resource page is about the resource clicked')
  })

  t.test('the embed builder: pick, preview, copy', async (t) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wegov.url })
    await page.goto(`${wegov.url}/en/embed`)
    await page.locator('[data-embed-builder][data-ready]').waitFor()
    await page.locator('#embed-widget-resources').check()
    await page.locator('#embed-kind').selectOption('webinar')
    await page.locator('#embed-lang').selectOption('ar')
    await page.locator('#embed-accent').fill('#aa3300')
    const snippet = await page.locator('#embed-code').textContent()
    t.equal(
      snippet,
      `<script type="module" src="${wegov.url}/widgets/wegov.js"></script>\n` +
        '<wegov-resources lang="ar" kind="webinar" style="--wegov-color-accent: #aa3300"></wegov-resources>',
    )
    const preview = page.locator('#embed-preview wegov-resources')
    t.same(
      await preview.evaluate((el) => [el.getAttribute('lang'), el.getAttribute('kind'), getComputedStyle(el).getPropertyValue('--wegov-color-accent').trim()]),
      ['ar', 'webinar', '#aa3300'],
      'the preview is the snippet’s own element',
    )
    await page.locator('#embed-copy').click()
    await page.waitForFunction(() => document.getElementById('embed-copy-status')?.textContent !== '')
    t.equal(await page.locator('#embed-copy-status').textContent(), 'Code copied to the clipboard.')
    t.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet, 'the clipboard holds the exact snippet')
    await screenshot(page, 'use-embed-builder')

    await page.locator('#embed-widget-petition').check()
    t.match(await page.locator('#embed-code').textContent(), /<wegov-petition lang="ar" petition="[a-z0-9-]+"/)
    t.equal(await page.locator('[data-for="resources"]').first().isHidden(), true, 'filters of other widgets are hidden')
  })

  t.test('without a clipboard API the builder selects the code for the visitor', async (t) => {
    const bare = await newContext(browser)
    await bare.addInitScript('Object.defineProperty(navigator, "clipboard", { value: undefined })')
    const other = await bare.newPage()
    await other.goto(`${wegov.url}/fr/embed`)
    await other.locator('[data-embed-builder][data-ready]').waitFor()
    await other.locator('#embed-copy').click()
    await other.waitForFunction(() => document.getElementById('embed-copy-status')?.textContent !== '')
    t.equal(await other.evaluate(() => getSelection()?.toString()), await other.locator('#embed-code').textContent())
    t.match(await other.locator('#embed-copy-status').textContent(), /Code copié|copiez-le/)
    await bare.close()
  })
})

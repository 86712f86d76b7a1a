import t from 'tap'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov, widgetsSettled } from './helpers/e2e.js'

/**
 * The list pages and the 404 page in real Chromium. Without JavaScript, a crawler that follows links from
 * the home page reaches every project, resource and petition the sitemap names; with JavaScript, the
 * widget's "load more" still adds to the list in place. axe-core finds nothing on either, in ar, fr, en.
 */
t.setTimeout(900_000)

t.test('the portal lists, with and without JavaScript', async (t) => {
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)

  t.test('without JavaScript, following links reaches every item in the sitemap', async (t) => {
    const context = await newContext(browser, { javaScriptEnabled: false, locale: 'fr' })
    const page = await context.newPage()
    const sitemap = await (await fetch(`${wegov.url}/sitemap.xml`)).text()
    const items = new Set([...sitemap.matchAll(/<loc>[^<]*?(\/fr\/(?:projects|resources|petitions)\/[a-z0-9-]+)<\/loc>/g)].map((m) => m[1]!))
    t.ok(items.size > 40, 'the demo sitemap names its items')

    // Breadth-first over the portal's own pages in French; item pages are only checked to answer.
    const queue = ['/fr/']
    const seen = new Set(queue)
    const reached = new Set<string>()
    while (queue.length > 0) {
      const path = queue.shift()!
      const response = await page.goto(`${wegov.url}${path}`)
      t.equal(response?.status(), 200, path)
      const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href))
      for (const href of links) {
        const url = new URL(href)
        if (url.origin !== wegov.url || !url.pathname.startsWith('/fr/')) continue
        const target = url.pathname + url.search
        if (/^\/fr\/(projects|resources|petitions)\/[a-z0-9-]+$/.test(url.pathname)) reached.add(url.pathname)
        else if (!seen.has(target) && !url.searchParams.has('q')) {
          seen.add(target)
          queue.push(target)
        }
      }
      if (seen.size > 300) throw new Error('the crawl does not end')
    }
    t.same([...reached].sort(), [...items].sort(), 'every item of the sitemap is linked, and nothing else')
    for (const path of reached) t.equal((await fetch(`${wegov.url}${path}`)).status, 200, path)
    t.ok([...seen].some((path) => path.startsWith('/fr/projects?cursor=')), 'the crawl went through a later page of projects')
    await context.close()
  })

  t.test('without JavaScript, the filter form is a plain GET', async (t) => {
    const context = await newContext(browser, { javaScriptEnabled: false, locale: 'en' })
    const page = await context.newPage()
    await page.goto(`${wegov.url}/en/projects`)
    await page.getByLabel('Country').selectOption('JO')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL(/\/en\/projects\?country=JO&/)
    const expected = (await (await fetch(`${wegov.url}/v1/projects?country=JO&lang=en&limit=100`)).json()) as { items: { title: { text: string } }[] }
    const titles = await page.locator('main .card__title').allTextContents()
    t.same(titles.map((title) => title.trim()), expected.items.map((item) => item.title.text))
    await context.close()
  })

  t.test('axe finds nothing on the plain list pages and a later page', async (t) => {
    for (const lang of ['ar', 'fr', 'en'] as const) {
      // axe is a script: the page runs none of its own (the portal's script is refused), so it stays as
      // a browser without JavaScript shows it, the widgets undefined and their plain HTML in view.
      const context = await newContext(browser, { locale: lang, viewport: { width: 412, height: 900 } })
      await context.route('**/assets/portal.js', (route) => route.abort())
      const page = await context.newPage()
      for (const path of [`/${lang}/projects`, `/${lang}/learning`, `/${lang}/library`]) {
        await page.goto(`${wegov.url}${path}`)
        t.same(await axeViolations(page), [], `${path} without JavaScript`)
        const next = await page.locator('main a[rel="next"]').getAttribute('href')
        t.ok(next, `${path}: a link to the next page`)
        t.equal(await page.locator('main .list .card').first().isVisible(), true, `${path}: the plain list is shown`)
        await page.goto(`${wegov.url}${next}`)
        t.equal(await page.locator('main a[rel="next"], main .card').count() > 0, true)
        t.same(await axeViolations(page), [], `${path} page 2 without JavaScript`)
        await screenshot(page, `lists-nojs-${lang}-${path.split('/')[2]}-2`)
      }
      await context.close()
    }
  })

  t.test('with JavaScript, the widget takes over and "load more" adds in place', async (t) => {
    const context = await newContext(browser, { locale: 'fr' })
    const page = await context.newPage()
    await page.goto(`${wegov.url}/fr/projects`)
    await widgetsSettled(page)
    t.equal(await page.locator('main .list').isVisible(), false, 'the plain list is not shown beside the widget')
    await page.evaluate(() => Object.assign(window, { notReloaded: true }))
    const cards = () => page.evaluate(() => document.querySelector('wegov-projects')?.shadowRoot?.querySelectorAll('.card').length ?? 0)
    const before = await cards()
    await page.locator('wegov-projects [part~="more"]').click()
    await page.waitForFunction((n) => (document.querySelector('wegov-projects')?.shadowRoot?.querySelectorAll('.card').length ?? 0) > n, before)
    t.ok((await cards()) > before, 'more projects')
    t.equal(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true, 'the same document: no reload')
    t.equal(new URL(page.url()).search, '', 'the address did not change')
    t.same(await axeViolations(page), [], 'axe after loading more')
    await context.close()
  })

  t.test('with JavaScript, a later page\'s "next page" link adds the following pages in place', async (t) => {
    const all = (await (await fetch(`${wegov.url}/v1/projects?limit=100`)).json()) as { items: { slug: string }[] }
    const context = await newContext(browser, { locale: 'ar' })
    const page = await context.newPage()
    await page.goto(`${wegov.url}/ar/projects`)
    const second = await page.locator('main a[rel="next"]').first().getAttribute('href')
    await page.goto(`${wegov.url}${second}`)
    const address = page.url()
    await page.evaluate(() => Object.assign(window, { notReloaded: true }))
    const slugs = () => page.$$eval('main ul.cards .card__title a', (links) => links.map((a) => a.getAttribute('href')!.split('/').pop()!))
    const shown = (await slugs()).length
    t.same(await slugs(), all.items.slice(10, 10 + shown).map((item) => item.slug), 'the second page')
    t.ok(all.items.length > 10 + shown, 'the demo has a third page of projects')
    // The portal's script takes the link over once it has loaded: a click before that would follow it.
    await page.locator('main a[rel="next"][data-in-place]').click()
    await page.waitForFunction((n) => document.querySelectorAll('main ul.cards > li').length > n, shown)
    t.same(await slugs(), all.items.slice(10).map((item) => item.slug), 'the pages after it, added under it')
    t.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')?.split('/').pop()), all.items[10 + shown]!.slug, 'focus on the first new card')
    t.equal(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true, 'the same document: no reload')
    t.equal(page.url(), address, 'the address did not change')
    t.equal(await page.locator('main a[rel="next"]').count(), 0, 'no link once the list is complete')
    t.same(await axeViolations(page), [], 'axe after adding in place')
    await context.close()
  })

  t.test('a browser outside the language prefixes: redirected, or the 404 page', async (t) => {
    for (const lang of ['ar', 'fr', 'en'] as const) {
      const context = await newContext(browser, { locale: lang })
      const page = await context.newPage()
      const redirected = await page.goto(`${wegov.url}/petitions`)
      t.equal(new URL(page.url()).pathname, `/${lang}/petitions`, `${lang}: /petitions`)
      t.equal(redirected?.status(), 200)
      const response = await page.goto(`${wegov.url}/xyz`)
      t.equal(response?.status(), 404, `${lang}: /xyz`)
      const shape = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        dir: document.documentElement.dir,
        main: document.querySelectorAll('main').length,
        h1: document.querySelectorAll('h1').length,
      }))
      t.same(shape, { lang, dir: lang === 'ar' ? 'rtl' : 'ltr', main: 1, h1: 1 }, `${lang}: the 404 page`)
      t.same(await axeViolations(page), [], `${lang}: axe on the 404 page`)
      await screenshot(page, `not-found-unprefixed-${lang}`)
      await context.close()
    }
  })
})

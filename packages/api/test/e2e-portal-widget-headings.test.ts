import t from 'tap'
import type { Page } from 'playwright-core'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov, widgetsSettled } from './helpers/e2e.js'

/**
 * Widgets inside portal pages: the home page's upcoming webinars (only them, no controls, a link to all
 * webinars), and no heading said twice where the page already names the widget. axe in ar, fr and en.
 */
t.setTimeout(600_000)

/** Every heading a screen reader lists, in order, across shadow roots: [level, text]. */
const headings = (page: Page) =>
  page.evaluate(() => {
    const out: [number, string][] = []
    const visit = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const level = el.getAttribute('aria-level') ?? (/^H([1-6])$/.exec(el.tagName)?.[1] ?? (el.getAttribute('role') === 'heading' ? '2' : null))
        if (level && (el.getAttribute('role') === 'heading' || /^H[1-6]$/.test(el.tagName)) && (el as HTMLElement).offsetParent !== null) {
          out.push([Number(level), el.textContent!.replace(/\s+/g, ' ').trim()])
        }
        if (el.shadowRoot) visit(el.shadowRoot)
      }
    }
    visit(document)
    return out
  })

t.test('widgets in portal pages', async (t) => {
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const upcoming = (await (await fetch(`${wegov.url}/v1/resources?kind=webinar&upcoming=true&limit=3&lang=fr`)).json()) as { items: { title: { text: string } }[] }

  for (const lang of ['ar', 'fr', 'en'] as const) {
    t.test(`${lang}: the home page shows upcoming webinars only, and links to all webinars`, async (t) => {
      await page.goto(`${wegov.url}/${lang}/`)
      await widgetsSettled(page)
      const widget = page.locator('wegov-resources')
      t.equal(await widget.locator('form, select, input').count(), 0, 'no kind filter, no search box')
      const kinds = await widget.locator('.item').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')))
      t.ok(kinds.length > 0 && kinds.every((kind) => kind === 'webinar'), 'webinars only')
      t.equal(kinds.length, upcoming.items.length, 'the upcoming ones, as many as the API lists')
      t.equal(await widget.locator('.section-title').count(), 0, 'no "All resources" below them')
      const titles = (await headings(page)).map(([, text]) => text)
      const heading = { ar: 'الندوات القادمة عبر الإنترنت', fr: 'Webinaires à venir', en: 'Upcoming webinars' }[lang]
      t.equal(titles.filter((text) => text === heading).length, 1, 'the block is headed once, "Upcoming webinars"')
      t.notOk(titles.includes({ ar: 'التعلّم', fr: 'Apprentissage', en: 'Learning' }[lang]), 'not "Learning"')
      t.same(await axeViolations(page), [], 'no axe violation')

      await page.locator(`a[href="/${lang}/learning?kind=webinar"]`).click()
      await page.waitForURL(`${wegov.url}/${lang}/learning?kind=webinar`)
      await widgetsSettled(page)
      t.equal(await page.locator('wegov-resources select#kind').inputValue(), 'webinar', 'the Learning page opens filtered to webinars')
      const listed = await page.locator('wegov-resources .item').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')))
      t.ok(listed.length > kinds.length && listed.every((kind) => kind === 'webinar'), 'every webinar, past ones too')
      const sections = await page.locator('wegov-resources .section-title').allTextContents()
      t.same(sections.map((text) => text.trim()), [heading, { ar: 'الندوات السابقة عبر الإنترنت', fr: 'Webinaires passés', en: 'Past webinars' }[lang]], 'past webinars are headed as such')
      t.same(await axeViolations(page), [], 'no axe violation on the filtered page')
      await screenshot(page, `widgets-${lang}-learning-webinars`)
    })

    t.test(`${lang}: a page that names its widget does not hear it named twice`, async (t) => {
      for (const [path, name] of [
        ['library', { ar: 'المكتبة', fr: 'Bibliothèque', en: 'Library' }[lang]],
        ['learning', { ar: 'التعلّم', fr: 'Apprentissage', en: 'Learning' }[lang]],
        ['petitions/eclairage-public-oued-zitoun', null],
      ] as const) {
        await page.goto(`${wegov.url}/${lang}/${path}`)
        await widgetsSettled(page)
        const list = await headings(page)
        const h1 = list.find(([level]) => level === 1)![1]
        if (name) t.equal(h1, name, `${path}: the page's h1`)
        t.equal(list.filter(([, text]) => text === h1).length, 1, `${path}: "${h1}" is said once`)
        const widget = page.locator('wegov-resources, wegov-petition').first()
        t.equal(await widget.locator('section.base').getAttribute('aria-label'), h1, `${path}: the widget's region keeps the name`)
        t.same(await axeViolations(page), [], `${path}: no axe violation`)
      }
      await page.goto(`${wegov.url}/${lang}/learning?kind=nonsense`)
      await widgetsSettled(page)
      t.equal(await page.locator('wegov-resources select#kind').inputValue(), '', 'an unknown kind in the link is ignored')
    })
  }
})

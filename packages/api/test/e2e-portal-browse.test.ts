import t from 'tap'
import { axeViolations, launchBrowser, newContext, screenshot, shownTexts, startWeGov, widgetsSettled } from './helpers/e2e.js'
import { englishOnlyStrings, untranslated } from './helpers/e2e-strings.js'

/**
 * Every page type of the portal, in the three languages, in a real browser: the document's language
 * and direction, one h1, no untranslated interface string, no axe-core violation (WCAG 2.2 A/AA and
 * best practices, inside the widgets' shadow roots too), and nothing wider than a 390 px phone (WCAG 1.4.10,
 * reflow). Screenshots go to test-artifacts/e2e/.
 */
t.setTimeout(900_000)

const PAGES = [
  ['home', ''],
  ['projects', 'projects'],
  ['learning', 'learning'],
  ['petitions', 'petitions'],
  ['library', 'library'],
  ['about', 'about'],
  ['embed', 'embed'],
  ['opendata', 'open-data'],
  ['project', 'projects/jordan-local-journalists-access-to-information'],
  // A project with attached resources: its "Resources" section is checked with the rest of the page.
  ['project-resources', 'projects/budget-participatif-oued-zitoun'],
  ['webinar', 'resources/webinar-budget-participatif-consultation-decision'],
  ['document', 'resources/jordan-municipal-services-satisfaction-survey'],
  ['petition', 'petitions/eclairage-public-oued-zitoun'],
  ['not-found', 'projects/no-such-project'],
] as const

const only = process.env.E2E_PAGES?.split(',')

t.test('every portal page in every language', async (t) => {
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)
  for (const lang of ['ar', 'fr', 'en'] as const) {
    const english = lang === 'en' ? new Set<string>() : await englishOnlyStrings(lang)
    const context = await newContext(browser, { locale: lang, viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    for (const [name, path] of PAGES) {
      if (only && !only.includes(name)) continue
      const label = `${lang} ${name}`
      const response = await page.goto(`${wegov.url}/${lang}/${path}`)
      t.equal(response?.status(), name === 'not-found' ? 404 : 200, `${label}: status`)
      await widgetsSettled(page)
      const shape = await page.evaluate(() => {
        // h1s across shadow roots: a widget must not add a second one.
        const count = (root: Document | ShadowRoot): number =>
          root.querySelectorAll('h1').length + Array.from(root.querySelectorAll('*')).reduce((n, el) => n + (el.shadowRoot ? count(el.shadowRoot) : 0), 0)
        return { lang: document.documentElement.lang, dir: document.documentElement.dir, h1: count(document) }
      })
      t.same(shape, { lang, dir: lang === 'ar' ? 'rtl' : 'ltr', h1: 1 }, `${label}: lang, dir and one h1`)
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      t.ok(width <= 390, `${label}: no sideways scrolling on a phone (${width} px)`)
      if (name === 'project-resources') t.equal(await page.locator('#project-resources').isVisible(), true, `${label}: the attached resources are on the page axe checks`)
      const wrong = untranslated(await shownTexts(page), lang, english)
      t.same(wrong, [], `${label}: no untranslated interface text`)
      const violations = await axeViolations(page)
      t.same(violations, [], `${label}: no axe violation`)
      await screenshot(page, `portal-${lang}-${name}`)
    }
    t.same(errors, [], `${lang}: no script error on any page`)
    await context.close()
  }
})

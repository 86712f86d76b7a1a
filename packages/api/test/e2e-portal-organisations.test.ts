import t from 'tap'
import { axeViolations, launchBrowser, newContext, screenshot, shownTexts, startWeGov, widgetsSettled } from './helpers/e2e.js'
import { englishOnlyStrings, untranslated } from './helpers/e2e-strings.js'

/**
 * The organisation directory and a profile page in a real browser, WeGov started as `npm start` starts
 * it: in the three languages, the document's language and direction, one h1, no untranslated interface
 * string and no axe-core violation; and the directory's filter form works with JavaScript off.
 */
t.setTimeout(600_000)

const PAGES = [
  ['directory', 'organisations'],
  ['directory-filtered', 'organisations?country=TN&partner=true'],
  ['profile', 'organisations/accun'],
  // More projects than a profile shows: it links to the Projects list narrowed to it, which says whose it is.
  ['profile-more', 'organisations/gvc'],
  ['projects-of', 'projects?organisation=gvc'],
  ['library-of', 'library?organisation=jamaity'],
  ['petitions-of', 'petitions?organisation=accun'],
  // A project page's "all" links lead to the Learning and Library lists narrowed to the project.
  ['learning-of-project', 'learning?project=budget-participatif-oued-zitoun'],
] as const

t.test('the organisation pages', async (t) => {
  // One WeGov and one browser for both checks: starting them is most of the run's time.
  const wegov = await startWeGov(t)
  const browser = await launchBrowser(t)

  t.test('in every language', async (t) => {
    for (const lang of ['ar', 'fr', 'en'] as const) {
      const english = lang === 'en' ? new Set<string>() : await englishOnlyStrings(lang)
      const context = await newContext(browser, { locale: lang, viewport: { width: 412, height: 900 } })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      for (const [name, path] of PAGES) {
        const label = `${lang} ${name}`
        const response = await page.goto(`${wegov.url}/${lang}/${path}`)
        t.equal(response?.status(), 200, `${label}: status`)
        await widgetsSettled(page)
        const shape = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
          h1: document.querySelectorAll('h1').length,
          cards: document.querySelectorAll('main .card').length,
        }))
        t.match(shape, { lang, dir: lang === 'ar' ? 'rtl' : 'ltr', h1: 1 }, `${label}: lang, dir and one h1`)
        t.ok(shape.cards > 0, `${label}: shows cards`)
        t.same(untranslated(await shownTexts(page), lang, english), [], `${label}: no untranslated interface text`)
        t.same(await axeViolations(page), [], `${label}: no axe violation`)
        await screenshot(page, `portal-${lang}-organisations-${name}`)
      }
      t.same(errors, [], `${lang}: no script error`)
      await context.close()
    }
  })

  t.test('a profile’s "all projects" link leads to the Projects list narrowed to it, and back to everyone’s', async (t) => {
    const context = await newContext(browser, { locale: 'fr' })
    const page = await context.newPage()
    await page.goto(`${wegov.url}/fr/organisations/gvc`)
    await Promise.all([page.waitForURL(/\/fr\/projects\?organisation=gvc$/), page.getByRole('link', { name: 'Tous ses projets' }).click()])
    await widgetsSettled(page)
    const api = await fetch(`${wegov.url}/v1/projects?organisation=gvc&limit=10&lang=fr`).then((res) => res.json() as Promise<{ items: { title: { text: string } }[] }>)
    const shown = await page.locator('wegov-projects').evaluate((widget) =>
      Array.from(widget.shadowRoot!.querySelectorAll('.card__title'), (title) => title.textContent!.trim()),
    )
    t.same(shown, api.items.map((project) => project.title.text), 'the widget lists that organisation’s projects, as the API does')
    t.ok(await page.locator('p.scope').getByRole('link', { name: /GVC/ }).isVisible(), 'the list says whose it is')
    await Promise.all([page.waitForURL(/\/fr\/projects$/), page.getByRole('link', { name: 'Voir tous les projets' }).click()])
    t.equal(await page.locator('p.scope').count(), 0, 'everyone’s list again')
    await context.close()
  })

  t.test('the directory filters and leads to a profile without JavaScript', async (t) => {
    const context = await newContext(browser, { locale: 'fr', javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${wegov.url}/fr/organisations`)
    const before = await page.locator('main .card').count()
    await page.selectOption('#list-country', 'JO')
    await Promise.all([page.waitForURL(/country=JO/), page.getByRole('button', { name: 'Afficher' }).click()])
    const after = await page.locator('main .card').count()
    t.ok(after > 0 && after < before, `fewer organisations in Jordan (${after}) than in all (${before})`)
    t.equal(await page.locator('#list-country').inputValue(), 'JO', 'the form keeps the choice')
    await page.locator('main .card a').first().click()
    t.match(page.url(), /\/fr\/organisations\/[a-z0-9-]+$/, 'a card leads to the profile')
    t.equal(await page.locator('h1').count(), 1)
    t.ok(await page.locator('#organisation-projects').isVisible(), 'the profile has its projects section')
    await context.close()
  })
})

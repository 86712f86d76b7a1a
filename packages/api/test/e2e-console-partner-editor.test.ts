import t from 'tap'
import type { Page } from 'playwright-core'
import { ensureConsoleBuild, screenSettled, signInWithCode } from './helpers/console-e2e.js'
import { axeViolations, launchBrowser, newContext, startWeGov } from './helpers/e2e.js'

/**
 * A demo partner's editor in the console, as `npm start` runs it. GVC takes part in projects that other
 * partners own: its projects list shows the ones GVC owns, which its editor may edit (it used to list the
 * others too, and fail whole on their sources' 403). Text typed and not saved is not lost without asking:
 * not by a console link, Back, or the language switch, in the project editor or a petition being written. On a
 * published project, the save button says that it publishes.
 */
t.setTimeout(600_000)

const EDITOR = 'editor@gvc.wegov.localhost'

t.test('a partner editor lists, edits and keeps their changes', async (t) => {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_POW: 'off' })
  const browser = await launchBrowser(t)
  const page = await (await newContext(browser, { viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' })).newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${wegov.url}/console/sign-in?lang=fr`)
  await signInWithCode(page, wegov.url, EDITOR)

  const gvc = (await (await page.request.get(`${wegov.url}/v1/organisations/gvc`)).json()) as { id: string }
  const listed = async (url: string) => ((await (await page.request.get(`${wegov.url}${url}`)).json()) as { items: { id: string; owner: { slug: string } }[] }).items
  const takesPart = (await listed('/v1/projects?organisation=gvc&limit=100')).filter((p) => p.owner.slug !== 'gvc')
  t.ok(takesPart.length > 0, 'the case this test is about: GVC takes part in projects others own')
  const own = [
    ...(await listed('/v1/projects?owner=gvc&limit=100')).map((p) => p.id),
    ...(await listed(`/v1/projects?organisation=gvc&state=draft&limit=100`)).map((p) => p.id),
  ]

  await page.goto(`${wegov.url}/console/organisations/${gvc.id}/projects?lang=fr`)
  await screenSettled(page)
  await page.locator('main li.item').first().waitFor()
  t.equal(await page.locator('main .problem').count(), 0, 'no refusal is shown')
  const rows = await page.locator('main li.item').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')))
  t.same([...rows].sort(), [...own].sort(), 'its own projects, drafts and published, and no other')
  t.same(await axeViolations(page), [], 'the list: no axe violation')

  // A published project of its own, opened from the list (inside the console, so Back stays in it too):
  // the save button says it publishes.
  const published = (await listed('/v1/projects?owner=gvc&limit=1'))[0]!
  await page.locator(`main li.item[data-id="${published.id}"] a`).click()
  await page.waitForURL(new RegExp(`/projects/${published.id}\\?lang=fr$`))
  await screenSettled(page)
  await page.locator('#summary-fr').waitFor()
  t.equal((await page.locator('form button[type="submit"]').textContent())?.trim(), 'Enregistrer et publier les modifications', 'a published item’s save button says it publishes')

  const summary = page.locator('#summary-fr')
  const typed = `${await summary.inputValue()} Phrase ajoutée et pas encore enregistrée.`
  await summary.fill(typed)
  await page.locator('text=Modifications non enregistrées').waitFor()

  const answer = (accept: boolean, seen: string[]) => (dialog: import('playwright-core').Dialog) => {
    seen.push(dialog.message())
    void (accept ? dialog.accept() : dialog.dismiss())
  }
  const staysWithText = async (label: string, leave: (p: Page) => Promise<unknown>) => {
    const seen: string[] = []
    const handler = answer(false, seen)
    page.on('dialog', handler)
    await Promise.all([page.waitForEvent('dialog'), leave(page)])
    await page.waitForURL(new RegExp(`/projects/${published.id}\\?lang=fr$`))
    page.off('dialog', handler)
    t.same(seen, ['Vos modifications ne sont pas enregistrées. Quitter cette page et les perdre ?'], `${label}: asked first, in French`)
    t.equal(await summary.inputValue(), typed, `${label}: staying keeps the text`)
    t.match(page.url(), new RegExp(`/projects/${published.id}\\?lang=fr$`), `${label}: the address is the editor’s`)
  }
  await staysWithText('the language switch', (p) => p.locator('nav.languages a[lang="en"]').click())
  await staysWithText('a console link', (p) => p.locator('nav.nav a', { hasText: 'Mes organisations' }).click())
  // Back inside the console is a popstate, not a page load: the console asks, and puts the address back.
  await staysWithText('Back', (p) => p.evaluate(() => history.back()))

  // Saved with the keyboard: the button is disabled while it saves, and the focus comes back to it after.
  await page.locator('form button[type="submit"]').focus()
  await page.keyboard.press('Enter')
  await page.locator('#editor-status', { hasText: 'Les modifications sont enregistrées et publiées.' }).waitFor()
  await page.waitForFunction(() => !(document.querySelector('form button[type="submit"]') as HTMLButtonElement | null)?.disabled)
  t.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'submit', 'the focus is back on the save button, not lost to the page')
  await summary.fill(`${typed} Encore une phrase.`)

  // Leaving when the person says so: the language switch rebuilds the screen in English from what is saved.
  const seen: string[] = []
  const accept = answer(true, seen)
  page.on('dialog', accept)
  await page.locator('nav.languages a[lang="en"]').click()
  await page.locator('text=Save and publish the changes').waitFor()
  page.off('dialog', accept)
  t.equal(seen.length, 1, 'asked once')
  t.equal(await page.locator('#summary-fr').inputValue(), typed, 'the unsaved text is gone, as the person chose: the saved one is back')

  // Nothing unsaved: no question.
  const none: string[] = []
  const never = answer(false, none)
  page.on('dialog', never)
  await page.locator('nav.nav a', { hasText: 'My organisations' }).click()
  await page.waitForURL(/\/console\/organisations\?lang=en$/)
  page.off('dialog', never)
  t.same(none, [], 'no question when nothing is unsaved')

  // A petition being written, not saved yet: the language switch asks too.
  await page.goto(`${wegov.url}/console/petitions/new?lang=fr`)
  await screenSettled(page)
  const title = page.locator('#title-fr')
  await title.fill('Des bancs publics dans le jardin municipal')
  const asked: string[] = []
  const stay = answer(false, asked)
  page.on('dialog', stay)
  await Promise.all([page.waitForEvent('dialog'), page.locator('nav.languages a[lang="ar"]').click()])
  page.off('dialog', stay)
  t.equal(asked.length, 1, 'a new petition’s text: asked first')
  t.equal(await title.inputValue(), 'Des bancs publics dans le jardin municipal', 'staying keeps it')

  t.same(errors, [], 'no script error')
})

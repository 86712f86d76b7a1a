import { readFileSync } from 'node:fs'
import t, { type Test } from 'tap'
import type { Browser, Page } from 'playwright-core'
import { consoleEnglishStrings, ensureConsoleBuild, lastMailId, linkIn, screenSettled, signInWithCode, waitForMail } from './helpers/console-e2e.js'
import { axeViolations, launchBrowser, newContext, screenshot, shownTexts, startWeGov, widgetsSettled, type RunningWeGov } from './helpers/e2e.js'
import { untranslated } from './helpers/e2e-strings.js'

/**
 * The console's editors in Chromium against WeGov as `npm start` runs it. An editor writes a project in
 * Arabic and saves a draft (not public yet), adds French and publishes it: it is then listed in both
 * languages. A second editor, who opened the same version, saves over a change made meanwhile and gets the
 * conflict screen naming the fields the other changed, then keeps their own text on top. A delete asks
 * first and can be undone. Once published, the project is on the portal in both languages, in the partner
 * site's projects widget and in the audit log. A library document goes up with a progress bar and ends
 * attached to its resource. The list and the editor are axe-clean in three languages on a phone, and the
 * editor works with the keyboard alone.
 */
t.setTimeout(900_000)

const OWNER = 'owner.editors@example.org'
const EDITOR_A = 'amal.editors@example.org'
const EDITOR_B = 'bilel.editors@example.org'
const PHONE = { width: 390, height: 844 }
const LANGS = ['ar', 'fr', 'en'] as const

interface Setup {
  wegov: RunningWeGov
  browser: Browser
  organisationId: string
  errors: string[]
}

/** An owner signs in and creates an organisation through the API; two editors are invited and accept. */
async function setUp(t: Test): Promise<Setup & { editor(email: string, viewport?: { width: number; height: number }): Promise<Page> }> {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_POW: 'off', WEGOV_ADMIN_EMAILS: OWNER })
  const browser = await launchBrowser(t)
  const errors: string[] = []
  const signedIn = async (email: string, viewport = { width: 1280, height: 900 }) => {
    const page = await (await newContext(browser, { viewport, timezoneId: 'UTC' })).newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${wegov.url}/console/sign-in?lang=en`)
    await signInWithCode(page, wegov.url, email)
    return page
  }
  const api = (page: Page) => (method: 'post' | 'get', path: string, data?: unknown) =>
    page.request[method](`${wegov.url}${path}`, { data, headers: { origin: wegov.url, 'accept-language': 'en' } })
  const acceptInvitation = async (page: Page, email: string, after: number) => {
    const mail = await waitForMail(wegov.url, email, (m) => Object.values(m.links).some((l) => l.includes('/invitations/accept')), after)
    const token = new URL(linkIn(mail, '/invitations/accept')).searchParams.get('token')
    t.equal((await api(page)('post', '/v1/invitations/accept', { token })).status(), 200, `${email} joins`)
  }

  const owner = await signedIn(OWNER)
  const before = await lastMailId(wegov.url, OWNER)
  const created = await api(owner)('post', '/v1/organisations', {
    name: { ar: 'جمعية الشفافية', fr: 'Association Transparence' },
    kind: 'ngo',
    country: 'TN',
    originalLang: 'ar',
    ownerEmail: OWNER,
    ownerLang: 'en',
  })
  t.equal(created.status(), 201, 'organisation created')
  const organisationId = ((await created.json()) as { id: string }).id
  await acceptInvitation(owner, OWNER, before)
  const invited = new Map<string, number>()
  for (const email of [EDITOR_A, EDITOR_B]) {
    invited.set(email, await lastMailId(wegov.url, email))
    t.equal((await api(owner)('post', `/v1/organisations/${organisationId}/invitations`, { email, role: 'editor', lang: 'ar' })).status(), 201)
  }
  await owner.context().close()
  const editor = async (email: string, viewport?: { width: number; height: number }) => {
    const page = await signedIn(email, viewport)
    if (invited.has(email)) {
      await acceptInvitation(page, email, invited.get(email)!)
      invited.delete(email)
    }
    return page
  }
  return { wegov, browser, organisationId, errors, editor }
}

interface PublicPage {
  items: { id: string; title: { text: string; lang: string } }[]
}

async function publicTitles(wegov: RunningWeGov, lang: string): Promise<Record<string, { text: string; lang: string }>> {
  const response = await fetch(`${wegov.url}/v1/projects?lang=${lang}&limit=100`)
  const page = (await response.json()) as PublicPage
  return Object.fromEntries(page.items.map((item) => [item.id, item.title]))
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')

t.test('write in Arabic, save a draft, add French, publish; a stale save gets the conflict screen', async (t) => {
  const { wegov, browser, organisationId, errors, editor } = await setUp(t)
  const amal = await editor(EDITOR_A)
  const base = `${wegov.url}/console/organisations/${organisationId}/projects`

  // Amal writes in Arabic: the console in Arabic, the original language offered is Arabic.
  await amal.goto(`${base}?lang=ar`)
  await screenSettled(amal)
  await amal.locator('main a.button', { hasText: 'مشروع جديد' }).click()
  await screenSettled(amal)
  t.equal(await amal.locator('#originalLang').inputValue(), 'ar', 'the original language is the console’s')
  t.same(
    await amal.locator('#title-ar').evaluate((input) => [input.getAttribute('lang'), input.getAttribute('dir')]),
    ['ar', 'rtl'],
    'the Arabic title field says its language and direction',
  )
  t.same(await amal.locator('#title-fr').evaluate((input) => [input.getAttribute('lang'), input.getAttribute('dir')]), ['fr', 'ltr'])
  t.equal(await amal.locator('#website').getAttribute('dir'), 'ltr', 'an address stays left to right')
  t.equal(await amal.locator('#plannedStart').getAttribute('dir'), 'ltr', 'and so does a date')

  await amal.locator('#title-ar').fill('مياه نظيفة لقفصة')
  await amal.locator('#summary-ar').fill('شبكة مياه الشرب في القرى')
  await amal.locator('#description-ar').fill('<p>نبني <strong>شبكة</strong> جديدة.</p>')
  await amal.locator('#status').selectOption('implementation')
  await amal.locator('#plannedStart').fill('2026-01-15')
  await amal.locator('#plannedEnd').fill('2027-06-30')
  await amal.locator('#budget-amount').fill('120000')
  await amal.locator('#budget-currency').fill('EUR')
  await amal.locator('#countries').selectOption(['TN'])
  await amal.locator('fieldset#themes input[value="transparency"]').check()
  await amal.locator('#participants-add').click()
  await amal.locator('#participants-0-organisation').fill('association-transparence')
  await amal.locator('main button[type="submit"]').click()
  await amal.locator('#editor-status', { hasText: 'حُفظت المسودة.' }).waitFor()
  const projectId = /\/projects\/([0-9a-f-]{36})/.exec(amal.url())![1]!
  t.ok(projectId, 'the address now names the new project')
  t.match(await amal.locator('#editor-state').textContent(), /مسودة/, 'it is a draft')
  t.notOk((await publicTitles(wegov, 'ar'))[projectId], 'a draft is not in the public list')

  // French added later, then published: saved first, then published, in two writes.
  await amal.locator('#title-fr').fill('De l’eau propre pour Gafsa')
  await amal.locator('#summary-fr').fill('Le réseau d’eau potable des villages')
  await amal.locator('#toggle-state').click()
  await amal.locator('#editor-status', { hasText: 'نُشر' }).waitFor()
  t.match(await amal.locator('#editor-state').textContent(), /منشور/, 'it is published')
  t.match((await publicTitles(wegov, 'ar'))[projectId], { text: 'مياه نظيفة لقفصة', lang: 'ar' }, 'listed in Arabic')
  t.match((await publicTitles(wegov, 'fr'))[projectId], { text: 'De l’eau propre pour Gafsa', lang: 'fr' }, 'and in French')
  await publishedEverywhere(t, wegov, browser, projectId, { ar: 'مياه نظيفة لقفصة', fr: 'De l’eau propre pour Gafsa' })

  // Bilel opens the same version; Amal then changes the French title and the planned end.
  const bilel = await editor(EDITOR_B)
  await bilel.goto(`${base}/${projectId}?lang=fr`)
  await screenSettled(bilel)
  await bilel.locator('#summary-fr').fill('Le réseau d’eau potable de douze villages')
  await amal.locator('#title-fr').fill('De l’eau potable pour Gafsa')
  await amal.locator('#plannedEnd').fill('2027-09-30')
  await amal.locator('main button[type="submit"]').click()
  await amal.locator('#editor-status', { hasText: 'نُشر' }).or(amal.locator('#editor-status', { hasText: 'حُفظت' })).waitFor()

  // Bilel's save is stale: the conflict screen names what Amal changed and keeps his text.
  await bilel.locator('main button[type="submit"]').click()
  await bilel.locator('#conflict-title').waitFor()
  t.equal(await focusedId(bilel), 'conflict-title', 'focus goes to the conflict')
  const theirs = await bilel.locator('#their-changes li').evaluateAll((items) => items.map((li) => li.getAttribute('data-key')))
  t.same(theirs.sort(), ['plannedEnd', 'title.fr'], 'the fields the other version changed')
  t.match(await bilel.locator('#their-changes').textContent(), /De l’eau potable pour Gafsa/, 'with their new values')
  t.same(await bilel.locator('#my-changes li').evaluateAll((items) => items.map((li) => li.getAttribute('data-key'))), ['summary.fr'], 'and his own')
  t.same(await axeViolations(bilel), [], 'the conflict screen: no axe violation')
  await screenshot(bilel, 'console-editors-conflict')

  // He keeps his text on top of theirs and saves: both changes are in the project.
  await bilel.locator('#keep-mine').click()
  t.equal(await bilel.locator('#summary-fr').inputValue(), 'Le réseau d’eau potable de douze villages', 'his text is still there')
  t.equal(await bilel.locator('#title-fr').inputValue(), 'De l’eau potable pour Gafsa', 'on top of their title')
  await bilel.locator('main button[type="submit"]').click()
  await bilel.locator('#editor-status', { hasText: 'enregistrées' }).waitFor()
  const source = (await (await bilel.request.get(`${wegov.url}/v1/projects/${projectId}/source`)).json()) as {
    title: Record<string, string>
    summary: Record<string, string>
    plannedEnd: string
  }
  t.equal(source.title.fr, 'De l’eau potable pour Gafsa', 'Amal’s title kept')
  t.equal(source.plannedEnd, '2027-09-30', 'Amal’s date kept')
  t.equal(source.summary.fr, 'Le réseau d’eau potable de douze villages', 'Bilel’s summary saved')
  t.equal(source.title.ar, 'مياه نظيفة لقفصة', 'the Arabic untouched')

  // The list shows it published, with which languages still lack text.
  await amal.goto(`${base}?lang=en`)
  await screenSettled(amal)
  const row = amal.locator(`main li.item[data-id="${projectId}"]`)
  t.equal(await row.getAttribute('data-state'), 'published')
  t.match(await row.locator('[data-lang="fr"] dd').textContent(), /missing: Description/, 'French lacks a description')
  t.match(await row.locator('[data-lang="ar"] dd').textContent(), /complete/, 'Arabic is complete')

  // A delete asks first, then can be undone.
  await amal.locator(`main li.item[data-id="${projectId}"] a`).click()
  await screenSettled(amal)
  await amal.locator('main button.button--danger').click()
  await amal.locator('dialog.confirm[open]').waitFor()
  await amal.locator('dialog.confirm button.button--danger').click()
  await amal.locator('#undo-delete').waitFor()
  t.equal(await focusedId(amal), 'undo-delete', 'focus on the undo')
  t.equal((await fetch(`${wegov.url}/v1/projects/${projectId}`)).status, 410, 'gone from the public API')
  await amal.locator('#undo-delete').click()
  await amal.locator('#editor-status', { hasText: 'Restored.' }).waitFor()
  t.equal((await fetch(`${wegov.url}/v1/projects/${projectId}`)).status, 200, 'back after the undo')

  // Deleted again, it is restored by the owner from the audit log, where each step is listed.
  await amal.locator('main button.button--danger').click()
  await amal.locator('dialog.confirm button.button--danger').click()
  await amal.locator('#undo-delete').waitFor()
  const owner = await editor(OWNER)
  await owner.goto(`${wegov.url}/console/organisations/${organisationId}/audit?lang=en`)
  await screenSettled(owner)
  const actions = await owner.locator('main li.item').evaluateAll((items) => items.map((li) => li.getAttribute('data-action')))
  for (const action of ['project.created', 'project.published', 'project.updated', 'project.deleted', 'project.restored']) {
    t.ok(actions.includes(action), `the audit log lists ${action}`)
  }
  await owner.locator('main li.item[data-action="project.deleted"]').first().getByRole('button', { name: 'Restore the project' }).click()
  await owner.locator('main p[role="status"]', { hasText: 'Restored.' }).waitFor()
  t.equal(await focusedId(owner), `restored-${projectId}`, 'focus on the link to the restored project')
  t.equal((await fetch(`${wegov.url}/v1/projects/${projectId}`)).status, 200, 'restored from the audit log')

  // A webinar in French, published from the resource editor: its times and body are in the public resource.
  await amal.goto(`${wegov.url}/console/organisations/${organisationId}/resources/new?lang=fr`)
  await screenSettled(amal)
  await amal.locator('#collection').selectOption('learning')
  await amal.locator('#kind').selectOption('webinar')
  await amal.locator('#title-fr').fill('Budget participatif : premiers pas')
  await amal.locator('#body-fr').fill('<p>Une heure pour <em>commencer</em>.</p><script>alert(1)</script>')
  await amal.locator('#webinar-startsAt').fill('2027-03-10T10:00')
  await amal.locator('#webinar-endsAt').fill('2027-03-10T11:00')
  await amal.locator('#webinar-joinUrl').fill('https://meet.example.org/budget')
  await amal.locator('fieldset#languages input[value="fr"]').check()
  await amal.locator('button[aria-controls="preview"]').click()
  t.equal(await amal.locator('#preview article em').textContent(), 'commencer', 'the preview renders the allowed HTML')
  t.equal(await amal.locator('#preview article script').count(), 0, 'and nothing else')
  await amal.locator('main button[type="submit"]').click()
  await amal.locator('#editor-status', { hasText: 'Le brouillon est enregistré.' }).waitFor()
  await amal.locator('#toggle-state').click()
  await amal.locator('#editor-status', { hasText: 'Publié' }).waitFor()
  const resourceId = /\/resources\/([0-9a-f-]{36})/.exec(amal.url())![1]!
  const resource = (await (await fetch(`${wegov.url}/v1/resources/${resourceId}?lang=fr`)).json()) as {
    title: { text: string }
    body: { text: string }
    webinar: { startsAt: string; joinUrl: string }
  }
  t.equal(resource.title.text, 'Budget participatif : premiers pas', 'the resource is public')
  t.equal(resource.webinar.joinUrl, 'https://meet.example.org/budget')
  t.equal(Date.parse(resource.webinar.startsAt), Date.parse('2027-03-10T10:00:00Z'), 'the time as typed, in the browser’s zone (UTC here)')
  t.notMatch(resource.body.text, /script/, 'the body sanitised')

  await uploadLibraryDocument(t, wegov, amal, organisationId)
  t.same(errors, [], 'no script error')
})

/** The published project's titles on the portal's pages (ar, fr) and in the partner site's French projects widget. */
async function publishedEverywhere(t: Test, wegov: RunningWeGov, browser: Browser, projectId: string, titles: { ar: string; fr: string }): Promise<void> {
  const { slug } = (await (await fetch(`${wegov.url}/v1/projects/${projectId}`)).json()) as { slug: string }
  for (const lang of ['ar', 'fr'] as const) {
    const page = await fetch(`${wegov.url}/${lang}/projects/${slug}`)
    t.equal(page.status, 200, `the portal’s ${lang} page of the project`)
    t.match(await page.text(), titles[lang], `shows its ${lang} title`)
  }
  const visitor = await (await newContext(browser)).newPage()
  await visitor.goto(`${wegov.partnerUrl}/`)
  await widgetsSettled(visitor)
  const widget = await visitor.evaluate(() => document.querySelector('wegov-projects')?.shadowRoot?.textContent ?? '')
  t.match(widget, titles.fr, 'the partner site’s projects widget lists it in French')
  await visitor.context().close()
  // A node that copies WeGov reads it from the change feed, with both languages as written.
  const change = await changeOf(wegov, projectId)
  t.match(change, { type: 'project', action: 'upsert', item: { title: titles } }, 'GET /v1/changes carries it in full, in both languages')
}

/** The last change the public feed gives for an item, read from the beginning as a new node would. */
async function changeOf(wegov: RunningWeGov, id: string): Promise<unknown> {
  let found: unknown
  for (let url: string | null = `${wegov.url}/v1/changes?limit=1000`; url; ) {
    const page = (await (await fetch(url)).json()) as { items: { id: string }[]; nextCursor: string | null }
    found = page.items.findLast((change) => change.id === id) ?? found
    url = page.nextCursor ? `${wegov.url}/v1/changes?limit=1000&since=${encodeURIComponent(page.nextCursor)}` : null
  }
  return found
}

/** A library guide with a PDF: the upload's progress bar reaches 100 %, and the published resource offers the file. */
async function uploadLibraryDocument(t: Test, wegov: RunningWeGov, amal: Page, organisationId: string): Promise<void> {
  const pdf = readFileSync(new URL('fixtures/library-fr.pdf', import.meta.url))
  await amal.goto(`${wegov.url}/console/organisations/${organisationId}/resources/new?lang=fr`)
  await screenSettled(amal)
  await amal.locator('#collection').selectOption('library')
  await amal.locator('#kind').selectOption('guide')
  await amal.locator('#title-fr').fill('Guide des communes ouvertes')
  await amal.locator('fieldset#languages input[value="fr"]').check()
  await amal.locator('#document-file').setInputFiles({ name: 'guide-communes.pdf', mimeType: 'application/pdf', buffer: pdf })
  await amal.locator('#document-progress-label', { hasText: '100 %' }).waitFor()
  t.equal(await amal.locator('#document-progress').evaluate((bar) => (bar as HTMLProgressElement).value), 100, 'the progress bar reaches 100 %')
  const fileId = await amal.locator('wegov-file-upload a[href^="/v1/files/"]').evaluate((a) => a.getAttribute('href')!.split('/').pop()!)
  await amal.locator('main button[type="submit"]').click()
  await amal.locator('#editor-status', { hasText: 'Le brouillon est enregistré.' }).waitFor()
  await amal.locator('#toggle-state').click()
  await amal.locator('#editor-status', { hasText: 'Publié' }).waitFor()
  const resourceId = /\/resources\/([0-9a-f-]{36})/.exec(amal.url())![1]!
  const resource = (await (await fetch(`${wegov.url}/v1/resources/${resourceId}?lang=fr`)).json()) as { file: { url: string; type: string; size: number } | null }
  t.match(resource.file, { url: new RegExp(`/v1/files/${fileId}$`), type: 'application/pdf', size: pdf.length }, 'the public resource offers the upload')
  const served = await fetch(`${wegov.url}/v1/files/${fileId}`)
  t.equal(served.status, 200, 'and the file is public')
  t.same(Buffer.from(await served.arrayBuffer()), pdf, 'as uploaded')
}

t.test('the list and the editor in three languages at 390 px, and the editor with the keyboard alone', async (t) => {
  const { wegov, organisationId, errors, editor } = await setUp(t)
  const amal = await editor(EDITOR_A, PHONE)
  const base = `/console/organisations/${organisationId}`
  for (const lang of LANGS) {
    const english = lang === 'en' ? undefined : await consoleEnglishStrings(lang)
    for (const [name, path] of [
      ['projects', `${base}/projects`],
      ['project-new', `${base}/projects/new`],
      ['resources', `${base}/resources`],
      ['resource-new', `${base}/resources/new`],
    ] as const) {
      await amal.goto(`${wegov.url}${path}?lang=${lang}`)
      await screenSettled(amal)
      t.same([await amal.evaluate(() => document.documentElement.lang), await amal.evaluate(() => document.documentElement.dir)], [lang, lang === 'ar' ? 'rtl' : 'ltr'], `${lang} ${name}: lang and dir`)
      t.ok((await amal.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0, `${lang} ${name}: no sideways scrolling`)
      if (english) t.same(untranslated(await shownTexts(amal), lang, english), [], `${lang} ${name}: nothing left in English`)
      t.same(await axeViolations(amal), [], `${lang} ${name}: no axe violation`)
      await screenshot(amal, `console-editors-${lang}-${name}`)
    }
    // The editor's other states: a validation error, the preview.
    await amal.goto(`${wegov.url}${base}/projects/new?lang=${lang}`)
    await screenSettled(amal)
    await amal.locator('main button[type="submit"]').click()
    await amal.locator('[aria-invalid="true"]').first().waitFor()
    t.equal(await focusedId(amal), `title-${lang}`, `${lang}: focus on the empty title`)
    t.same(await axeViolations(amal), [], `${lang} project-invalid: no axe violation`)
    await amal.locator('#title-fr').fill('Titre')
    await amal.locator('button[aria-controls="preview"]').click()
    await amal.locator('#preview article').waitFor()
    t.same(await axeViolations(amal), [], `${lang} project-preview: no axe violation`)
  }

  // Keyboard alone: from the skip link to the title, typed, saved with Enter; focus always visible.
  await amal.goto(`${wegov.url}${base}/projects/new?lang=fr`)
  await screenSettled(amal)
  const focused = () =>
    amal.evaluate(() => {
      const element = document.activeElement as HTMLElement
      return { id: element.id, className: element.className, outline: getComputedStyle(element).outlineStyle }
    })
  await amal.keyboard.press('Tab')
  t.equal((await focused()).className, 'skip-link', 'the first Tab reaches the skip link')
  await amal.keyboard.press('Enter')
  for (let i = 0; i < 40 && (await focused()).id !== 'title-ar'; i++) await amal.keyboard.press('Tab')
  t.equal((await focused()).id, 'title-ar', 'Tab reaches the Arabic title')
  await amal.keyboard.press('Tab')
  await amal.keyboard.press('Tab')
  await amal.keyboard.press('Tab')
  for (let i = 0; i < 10 && (await focused()).id !== 'title-fr'; i++) await amal.keyboard.press('Tab')
  const title = await focused()
  t.equal(title.id, 'title-fr', 'then the French title, the languages in order')
  t.not(title.outline, 'none', 'with a visible focus')
  await amal.locator('#originalLang').focus()
  await amal.keyboard.press('End')
  t.equal(await amal.locator('#originalLang').inputValue(), 'en', 'the original language chosen with the keys')
  await amal.locator('#originalLang').selectOption('fr')
  await amal.locator('#title-fr').focus()
  await amal.keyboard.type('Projet au clavier')
  await amal.keyboard.press('Enter')
  await amal.locator('#editor-status', { hasText: 'Le brouillon est enregistré.' }).waitFor()
  t.match(amal.url(), /\/projects\/[0-9a-f-]{36}/, 'saved with Enter')
  t.same(errors, [], 'no script error')
})

import t, { type Test } from 'tap'
import type { Page } from 'playwright-core'
import { consoleEnglishStrings, ensureConsoleBuild, lastMailId, linkIn, screenSettled, signInWithCode, waitForMail } from './helpers/console-e2e.js'
import { axeViolations, launchBrowser, newContext, screenshot, shownTexts, startWeGov } from './helpers/e2e.js'
import { untranslated } from './helpers/e2e-strings.js'

/**
 * Every console screen in Arabic, French and English on a 390 px phone: axe-core finds nothing, <html>
 * says the language and direction (Arabic right to left), nothing is left in English, the page does not
 * scroll sideways, and the landmarks, title and skip link are there. Admin screens too: the admin here also
 * owns an organisation and has launched petitions (one waiting for moderation), so every screen has
 * content. And a sign-in with the keyboard alone.
 */
t.setTimeout(900_000)

const LANGS = ['ar', 'fr', 'en'] as const
type Lang = (typeof LANGS)[number]
const ADMIN = 'admin.a11y@example.org'
const CONSOLE_NAME: Record<Lang, string> = { ar: 'لوحة تحكم WeGov', fr: 'Console WeGov', en: 'WeGov console' }
const PHONE = { width: 390, height: 844 }

async function checkScreen(t: Test, page: Page, lang: Lang, name: string, english: Set<string> | undefined): Promise<void> {
  await screenSettled(page)
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    title: document.title,
    mains: document.querySelectorAll('main').length,
    banners: document.querySelectorAll('header.banner').length,
    h1s: document.querySelectorAll('main h1').length,
    firstFocusable: document.querySelector('a[href], button, input, select, textarea')?.className ?? '',
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  }))
  t.same([facts.lang, facts.dir], [lang, lang === 'ar' ? 'rtl' : 'ltr'], `${name}: lang and dir`)
  t.ok(facts.title.endsWith(CONSOLE_NAME[lang]) && !facts.title.startsWith(CONSOLE_NAME[lang]), `${name}: a title of its own (${facts.title})`)
  t.same([facts.mains, facts.banners, facts.h1s], [1, 1, 1], `${name}: one main, one banner, one heading`)
  t.equal(facts.firstFocusable, 'skip-link', `${name}: the skip link comes first`)
  t.ok(facts.overflow <= 0, `${name}: no sideways scrolling at 390 px (${facts.overflow})`)
  if (english) t.same(untranslated(await shownTexts(page), lang, english), [], `${name}: nothing left in English`)
  t.same(await axeViolations(page), [], `${name}: no axe violation`)
  await screenshot(page, `console-${lang}-${name}`)
}

t.test('every screen, in three languages, at 390 px', async (t) => {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_POW: 'off', WEGOV_ADMIN_EMAILS: ADMIN })
  const browser = await launchBrowser(t)
  const errors: string[] = []

  // The admin signs in, then (through the API, with the console's cookie) owns an organisation that has a
  // pending invitation, a key, and an application waiting: every list has something in it.
  const adminContext = await newContext(browser, { viewport: PHONE, permissions: ['clipboard-read', 'clipboard-write'] })
  const admin = await adminContext.newPage()
  admin.on('pageerror', (error) => errors.push(error.message))
  await admin.goto(`${wegov.url}/console/sign-in?lang=en`)
  await signInWithCode(admin, wegov.url, ADMIN)
  const api = (method: 'post' | 'get', path: string, data?: unknown) =>
    admin.request[method](`${wegov.url}${path}`, { data, headers: { origin: wegov.url, 'accept-language': 'en' } })
  const before = await lastMailId(wegov.url, ADMIN)
  const created = await api('post', '/v1/organisations', {
    name: { fr: 'Association Nour', ar: 'جمعية نور' },
    description: { fr: 'Pour la transparence locale.' },
    kind: 'ngo',
    country: 'TN',
    originalLang: 'fr',
    ownerEmail: ADMIN,
    ownerLang: 'en',
    isPartner: true,
  })
  t.equal(created.status(), 201, 'organisation created')
  const organisationId = ((await created.json()) as { id: string }).id
  const invitation = await waitForMail(wegov.url, ADMIN, (mail) => Object.values(mail.links).some((l) => l.includes('/invitations/accept')), before)
  const ownToken = new URL(linkIn(invitation, '/invitations/accept')).searchParams.get('token')
  t.equal((await api('post', '/v1/invitations/accept', { token: ownToken })).status(), 200, 'the admin owns it')
  const inviteeBefore = await lastMailId(wegov.url, 'invitee.a11y@example.org')
  t.equal((await api('post', `/v1/organisations/${organisationId}/invitations`, { email: 'invitee.a11y@example.org', role: 'editor', lang: 'ar' })).status(), 201)
  const pending = await waitForMail(wegov.url, 'invitee.a11y@example.org', () => true, inviteeBefore)
  const pendingLink = new URL(linkIn(pending, '/invitations/accept'))
  t.equal((await api('post', `/v1/organisations/${organisationId}/api-keys`, { name: 'Site', scopes: ['drafts:read'] })).status(), 201)
  // A webhook endpoint (nothing listens there: its delivery log stays empty or failing, as it may).
  t.equal((await api('post', `/v1/organisations/${organisationId}/webhooks`, { url: 'https://127.0.0.1:9/wegov-events', eventTypes: ['project.published'] })).status(), 201)
  // Its projects, one published and one draft titled in Arabic, and a resource attached to the first: the
  // resource editor's "Projects" field has boxes to offer, one ticked.
  const written = async (path: string, data: Record<string, unknown>) => {
    const response = await api('post', path, data)
    t.equal(response.status(), 201, `${path}: created`, { body: await response.text() })
    return ((await response.json()) as { id: string }).id
  }
  const content = `/v1/organisations/${organisationId}`
  const projectId = await written(`${content}/projects`, { originalLang: 'fr', title: { fr: 'Des puits pour Kairouan' }, status: 'implementation', slug: 'a11y-puits', state: 'published' })
  await written(`${content}/projects`, { originalLang: 'ar', title: { ar: 'مدارس مفتوحة' }, status: 'pipeline', slug: 'a11y-madaris', state: 'draft' })
  const resourceId = await written(`${content}/resources`, {
    originalLang: 'fr',
    title: { fr: 'Guide des puits communaux' },
    collection: 'library',
    kind: 'guide',
    projects: [projectId],
    state: 'published',
  })
  t.equal(
    (await api('post', '/v1/organisation-applications', { name: { ar: 'جمعية الأمل' }, originalLang: 'ar', kind: 'ngo', country: 'JO', motivation: 'نريد نشر مشاريعنا.' })).status(),
    201,
  )

  // Petitions: a draft of the admin's own, one collecting sponsors (its sponsor link shown, and its public
  // sponsor page), and one of the organisation's waiting in the moderation queue (an organisation's needs
  // no sponsors).
  const petition = async (title: string, organisationId?: string, submit = true) => {
    const closesAt = new Date(Date.now() + 60 * 86_400_000).toISOString()
    const drafted = await api('post', '/v1/petition-launches', {
      originalLang: 'fr',
      title: { fr: title, ar: `عريضة: ${title}` },
      country: 'TN',
      themes: ['transparency'],
      goal: 300,
      closesAt,
      ...(organisationId ? { organisationId } : {}),
    })
    t.equal(drafted.status(), 201, `petition drafted: ${title}`)
    const { id } = (await drafted.json()) as { id: string }
    if (submit) t.equal((await api('post', `/v1/petition-launches/${id}/submit`)).status(), 200, `petition submitted: ${title}`)
    return id
  }
  // A citizen's petition names its launcher (the person's name; "WeGov" for one without a name).
  t.equal((await admin.request.patch(`${wegov.url}/v1/me`, { data: { name: 'Rania Ayari' }, headers: { origin: wegov.url } })).status(), 200, 'the admin has a name')
  const draftId = await petition('Des bancs dans le parc municipal', undefined, false)
  const collectingId = await petition('Un registre public des marchés')
  const collecting = (await (await api('get', `/v1/petition-launches/${collectingId}`)).json()) as { sponsors: { token: string } }
  const sponsorPath = `sponsor/${collecting.sponsors.token}`
  const queuedId = await petition('Publier les comptes de la commune', organisationId)
  // And an open one of the organisation (approved), with a batch of paper signatures: its outcomes screen.
  const openId = await petition('Ouvrir les séances du conseil', organisationId)
  t.equal((await api('post', `/v1/moderation/petitions/${openId}/approve`)).status(), 200, 'the open petition is approved')
  const collectedOn = new Date().toISOString().slice(0, 10)
  t.equal((await api('post', `/v1/organisations/${organisationId}/petitions/${openId}/paper-signatures`, { count: 40, country: 'TN', collectedOn })).status(), 201)

  const screens: [name: string, path: string][] = [
    ['organisations', ''],
    ['account', 'account'],
    ['apply', 'apply'],
    ['profile', `organisations/${organisationId}`],
    ['members', `organisations/${organisationId}/members`],
    ['api-keys', `organisations/${organisationId}/api-keys`],
    ['webhooks', `organisations/${organisationId}/webhooks`],
    ['organisation-audit', `organisations/${organisationId}/audit`],
    ['resource-new', `organisations/${organisationId}/resources/new`],
    ['resource-edit', `organisations/${organisationId}/resources/${resourceId}`],
    ['invitation', `invitations/accept?token=${pendingLink.searchParams.get('token')}`],
    ['admin-organisations', 'admin/organisations'],
    ['admin-applications', 'admin/applications'],
    ['admin-roles', 'admin/roles'],
    ['admin-audit', 'admin/audit'],
    ['my-petitions', 'petitions'],
    ['petition-new', 'petitions/new'],
    ['petition-draft', `petitions/${draftId}`],
    ['petition-collecting', `petitions/${collectingId}`],
    ['moderation', 'moderation'],
    ['flagged-signatures', 'moderation/flagged-signatures'],
    ['correction', `moderation/petitions/${queuedId}/correct`],
    ['organisation-petitions', `organisations/${organisationId}/petitions`],
    ['petition-outcomes', `petitions/${openId}/outcomes`],
    ['not-found', 'no/such/page'],
  ]

  for (const lang of LANGS) {
    await t.test(lang, async (t) => {
      const english = lang === 'en' ? undefined : await consoleEnglishStrings(lang)
      const url = (path: string) => `${wegov.url}/console/${path}${path.includes('?') ? '&' : '?'}lang=${lang}`
      for (const [name, path] of screens) {
        await admin.goto(url(path))
        await checkScreen(t, admin, lang, name, english)
        if (name.startsWith('resource-')) {
          const boxes = await admin.locator('fieldset#projects input[type="checkbox"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).checked))
          t.same(boxes.sort(), name === 'resource-edit' ? [false, true] : [false, false], `${name}: its projects offered, the attached one ticked`)
        }
      }

      // States a screen reaches by using it: a search's results, errors, a key's secret shown once, a confirmation.
      await admin.goto(url('admin/roles'))
      await screenSettled(admin)
      await admin.locator('#email').fill(ADMIN)
      await admin.locator('form:has(#email) button[type="submit"]').click()
      await admin.locator('main ul.list li').waitFor()
      await checkScreen(t, admin, lang, 'admin-roles-found', english)

      await admin.goto(url(`organisations/${organisationId}/members`))
      await screenSettled(admin)
      await admin.locator('form:has(#invite-email) button[type="submit"]').click()
      t.equal(await admin.locator('#invite-email').getAttribute('aria-invalid'), 'true', 'an empty address is flagged')
      t.equal(await admin.locator('#invite-email').getAttribute('aria-describedby'), 'invite-email-error', 'and tied to its message')
      t.equal(await admin.evaluate(() => document.activeElement?.id), 'invite-email', 'focus goes to the field to fix')
      await checkScreen(t, admin, lang, 'members-invalid', english)

      await admin.goto(url('petitions/new'))
      await screenSettled(admin)
      await admin.locator('#save').click()
      t.equal(await admin.locator(`#title-${lang}`).getAttribute('aria-invalid'), 'true', 'a missing petition title is flagged')
      t.equal(await admin.evaluate(() => document.activeElement?.id), `title-${lang}`, 'focus goes to it')
      await checkScreen(t, admin, lang, 'petition-new-invalid', english)

      await admin.goto(url(`petitions/${openId}/outcomes`))
      await screenSettled(admin)
      await admin.locator('#record-response').click()
      t.equal(await admin.evaluate(() => document.activeElement?.id), `response-text-${lang}`, 'a missing response is flagged and focused')
      await checkScreen(t, admin, lang, 'petition-outcomes-invalid', english)
      await admin.locator('.void-batch').click()
      await admin.locator('dialog.void-dialog[open]').waitFor()
      await admin.locator('#void-confirm').click()
      await admin.locator('#void-reason-error').waitFor()
      t.same(await axeViolations(admin), [], 'the void dialog with its error: no axe violation')
      if (english) t.same(untranslated(await shownTexts(admin), lang, english), [], 'the void dialog: nothing left in English')
      await admin.keyboard.press('Escape')
      await admin.locator('dialog.void-dialog').waitFor({ state: 'detached' })

      await admin.goto(url('moderation'))
      await screenSettled(admin)
      await admin.locator('main li.item button.reject').first().click()
      await admin.locator('dialog.reject-dialog[open]').waitFor()
      await admin.locator('#reject-confirm').click()
      await admin.locator('#reject-code-error').waitFor()
      t.same(await axeViolations(admin), [], 'the rejection dialog with its error: no axe violation')
      if (english) t.same(untranslated(await shownTexts(admin), lang, english), [], 'the rejection dialog: nothing left in English')
      await screenshot(admin, `console-${lang}-moderation-reject`)
      await admin.keyboard.press('Escape')
      await admin.locator('dialog.reject-dialog').waitFor({ state: 'detached' })

      // Signed out: the sign-in screens, and a wrong code, announced and tied to its field.
      const visitor = await (await newContext(browser, { viewport: PHONE })).newPage()
      visitor.on('pageerror', (error) => errors.push(error.message))
      await visitor.goto(url('sign-in'))
      await checkScreen(t, visitor, lang, 'sign-in', english)
      await visitor.goto(url('sign-in?token=not-a-real-token-at-all-0000'))
      await checkScreen(t, visitor, lang, 'sign-in-link', english)
      await visitor.locator('#sign-in-with-link').click()
      await visitor.locator('[role="alert"]').waitFor()
      await checkScreen(t, visitor, lang, 'sign-in-link-refused', english)
      await visitor.goto(url('sign-in'))
      await screenSettled(visitor)
      await visitor.locator('#email').fill(`visitor.${lang}@example.org`)
      await visitor.locator('form:has(#email) button[type="submit"]').click()
      await visitor.locator('#code').waitFor()
      await checkScreen(t, visitor, lang, 'sign-in-code', english)
      await visitor.locator('#code').fill('000000')
      await visitor.locator('form:has(#code) button[type="submit"]').click()
      await visitor.locator('[role="alert"]').waitFor()
      t.equal(await visitor.locator('#code').getAttribute('aria-invalid'), 'true', 'a wrong code is flagged on its field')
      t.match(await visitor.locator('#code').getAttribute('aria-describedby'), /code-error/)
      await checkScreen(t, visitor, lang, 'sign-in-wrong-code', english)

      // The public sponsor page (no sign-in), and its form sent empty: the missing fields flagged.
      await visitor.goto(url(sponsorPath))
      await visitor.locator('#petition-title').waitFor()
      await checkScreen(t, visitor, lang, 'sponsor', english)
      await visitor.locator('#sponsor-submit').click()
      t.equal(await visitor.locator('#firstName').getAttribute('aria-invalid'), 'true', 'a sponsor’s missing name is flagged')
      t.equal(await visitor.evaluate(() => document.activeElement?.id), 'firstName', 'focus goes to it')
      await checkScreen(t, visitor, lang, 'sponsor-invalid', english)
      await visitor.context().close()

      // The webhooks form sent empty (its errors tied to the fields), then an endpoint's delivery log opened.
      await admin.goto(url(`organisations/${organisationId}/webhooks`))
      await screenSettled(admin)
      await admin.locator('form:has(#url) button[type="submit"]').click()
      t.equal(await admin.locator('#url').getAttribute('aria-invalid'), 'true', 'a missing webhook address is flagged')
      t.equal(await admin.evaluate(() => document.activeElement?.id), 'url', 'focus goes to it')
      await admin.locator('main li.item button[aria-controls^="log-"]').first().click()
      await admin.locator('wegov-webhook-deliveries p.muted, wegov-webhook-deliveries table').first().waitFor()
      await checkScreen(t, admin, lang, 'webhooks-invalid-log', english)

      await admin.goto(url(`organisations/${organisationId}/api-keys`))
      await screenSettled(admin)
      await admin.locator('#key-name').fill(`Key ${lang}`)
      await admin.locator('form:has(#key-name) button[type="submit"]').click()
      await admin.locator('#secret').waitFor()
      await admin.locator('#copy-secret').click()
      await admin.locator('#new-key p[role="status"]:not(:empty)').waitFor()
      await checkScreen(t, admin, lang, 'api-key-secret', english)
      await admin.locator('main li.item button.button--danger').first().click()
      await admin.locator('dialog.confirm[open]').waitFor()
      t.same(await axeViolations(admin), [], 'the confirmation dialog: no axe violation')
      await admin.keyboard.press('Escape')
      await admin.locator('dialog.confirm').waitFor({ state: 'detached' })
    })
  }
  t.same(errors, [], 'no script error on any page')
})

t.test('signing in with the keyboard alone', async (t) => {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_POW: 'off' })
  const browser = await launchBrowser(t)
  const page = await (await newContext(browser, { viewport: PHONE })).newPage()
  const email = 'keyboard@example.org'
  await page.goto(`${wegov.url}/console/sign-in?lang=fr`)
  await screenSettled(page)
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement
      return { id: element.id, className: element.className, outline: getComputedStyle(element).outlineStyle, tag: element.localName }
    })

  await page.keyboard.press('Tab')
  const skip = await focused()
  t.equal(skip.className, 'skip-link', 'the first Tab reaches the skip link')
  t.not(skip.outline, 'none', 'with a visible focus')
  await page.keyboard.press('Enter')
  t.equal((await focused()).tag, 'main', 'the skip link moves focus to the content')
  for (let i = 0; i < 10 && (await focused()).id !== 'email'; i++) await page.keyboard.press('Tab')
  const field = await focused()
  t.equal(field.id, 'email', 'the email field is reached by Tab')
  t.not(field.outline, 'none', 'and shows its focus')
  await page.keyboard.type(email)
  await page.keyboard.press('Enter')
  await page.locator('#code').waitFor()
  t.equal((await focused()).id, 'code', 'after sending, focus is on the code field')
  const mail = await waitForMail(wegov.url, email, (m) => m.code !== null)
  await page.keyboard.type(mail.code!)
  await page.keyboard.press('Enter')
  await page.waitForURL((url) => !url.pathname.startsWith('/console/sign-in'))
  await screenSettled(page)
  t.equal(await page.locator('main h1').textContent(), 'Mes organisations', 'signed in')
  // The console moves the focus a frame or two after the screen renders (console-app.ts, #focusScreen).
  await page.waitForFunction(() => document.activeElement?.localName === 'h1', null, { timeout: 5000 }).catch(() => undefined)
  t.equal((await focused()).tag, 'h1', 'focus moved to the new screen’s heading')
  t.equal(await page.title(), 'Mes organisations · Console WeGov')
})

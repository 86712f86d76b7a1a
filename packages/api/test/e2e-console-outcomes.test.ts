import t from 'tap'
import type { Page } from 'playwright-core'
import { ensureConsoleBuild, lastMailId, linkIn, screenSettled, signInWithCode, waitForMail } from './helpers/console-e2e.js'
import { launchBrowser, newContext, screenshot, startWeGov } from './helpers/e2e.js'

/**
 * A petition's outcomes in the console, in Chromium against WeGov as `npm start` runs it. An organisation's
 * open petition: an editor of a WeGov partner finds it from the organisation's petitions screen and adds a
 * batch of paper signatures (an empty count is flagged on its field first); the petition's owner records the
 * official response in Arabic from My petitions; a moderator voids the batch with a reason (required); the
 * owner closes the petition. The public petition, count and paper list say each step.
 */
t.setTimeout(900_000)

const MODERATOR = 'mona.outcomes@example.org'
const OWNER = 'owner.outcomes@example.org'
const PARTNER = 'partner.outcomes@example.org'
const TITLE = 'Publier le budget de la commune'
const RESPONSE = 'ستنشر البلدية ميزانيتها كاملة قبل نهاية السنة.'

t.test('a partner adds paper signatures, the owner responds in Arabic, a moderator voids the batch, the owner closes it', async (t) => {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_POW: 'off', WEGOV_ADMIN_EMAILS: MODERATOR })
  const browser = await launchBrowser(t)
  const errors: string[] = []
  const signedIn = async (email: string, lang: string) => {
    const page = await (await newContext(browser, { viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' })).newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${wegov.url}/console/sign-in?lang=${lang}`)
    await signInWithCode(page, wegov.url, email)
    return page
  }
  const api = (page: Page) => (method: 'post' | 'get', path: string, data?: unknown) =>
    page.request[method](`${wegov.url}${path}`, { data, headers: { origin: wegov.url, 'accept-language': 'en' } })
  const read = async (path: string) => (await fetch(`${wegov.url}${path}`, { headers: { 'cache-control': 'no-cache' } })).json()

  // The moderator (an admin) creates the petition's organisation and a WeGov partner; their owners join.
  const moderator = await signedIn(MODERATOR, 'en')
  const organisation = async (name: string, ownerEmail: string, isPartner: boolean) => {
    const created = await api(moderator)('post', '/v1/organisations', { name: { fr: name }, kind: 'ngo', country: 'TN', originalLang: 'fr', ownerEmail, ownerLang: 'fr', isPartner })
    t.equal(created.status(), 201, `${name} created`)
    return ((await created.json()) as { id: string }).id
  }
  const ownerBefore = await lastMailId(wegov.url, OWNER)
  const partnerBefore = await lastMailId(wegov.url, PARTNER)
  const ownerOrganisation = await organisation('Association Budget', OWNER, false)
  const partnerOrganisation = await organisation('Réseau Partenaire', PARTNER, true)
  const joined = async (email: string, lang: string, after: number) => {
    const page = await signedIn(email, lang)
    const mail = await waitForMail(wegov.url, email, (m) => Object.values(m.links).some((l) => l.includes('/invitations/accept')), after)
    const token = new URL(linkIn(mail, '/invitations/accept')).searchParams.get('token')
    t.equal((await api(page)('post', '/v1/invitations/accept', { token })).status(), 200, `${email} joins`)
    return page
  }
  const owner = await joined(OWNER, 'ar', ownerBefore)
  const partner = await joined(PARTNER, 'fr', partnerBefore)

  // The owner's organisation launches a petition; the moderator approves it: it is open.
  const drafted = await api(owner)('post', '/v1/petition-launches', {
    originalLang: 'fr', title: { fr: TITLE }, country: 'TN', themes: ['transparency'], goal: 300,
    closesAt: new Date(Date.now() + 60 * 86_400_000).toISOString(), organisationId: ownerOrganisation,
  })
  const petitionId = ((await drafted.json()) as { id: string }).id
  t.equal((await api(owner)('post', `/v1/petition-launches/${petitionId}/submit`)).status(), 200)
  t.equal((await api(moderator)('post', `/v1/moderation/petitions/${petitionId}/approve`)).status(), 200, 'it opens')

  // The partner finds it among other organisations' petitions and adds a batch.
  await partner.goto(`${wegov.url}/console/organisations/${partnerOrganisation}/petitions?lang=fr`)
  await screenSettled(partner)
  await partner.locator('#petition-q').fill('budget commune')
  await partner.locator('form[role="search"] button[type="submit"]').click()
  await partner.locator(`#found-petitions li[data-id="${petitionId}"] a.outcomes-link`).click()
  await partner.locator('#paper-form').waitFor()
  t.equal(await partner.locator('#acting-for').inputValue(), partnerOrganisation, 'it acts for its own organisation')
  await partner.locator('#add-paper').click()
  t.equal(await partner.locator('#paper-count').getAttribute('aria-invalid'), 'true', 'an empty count is flagged')
  t.equal(await partner.locator('#paper-count').getAttribute('aria-describedby'), 'paper-count-error', 'and tied to its message')
  t.equal(await partner.evaluate(() => document.activeElement?.id), 'paper-count', 'focus goes to it')
  await partner.locator('#paper-count').fill('120')
  await partner.locator('#add-paper').click()
  await partner.locator('#outcomes-status', { hasText: '120' }).waitFor()
  await partner.locator('#paper-batches li[data-voided="false"]').waitFor()
  t.equal(await partner.locator('.void-batch').count(), 0, 'a partner may not void')
  t.equal(await partner.locator('#close-petition').count(), 0, 'nor close it: closing is for its organiser')
  t.equal((await read(`/v1/petitions/${petitionId}/count`)).paper.total, 120, 'the public count has the paper signatures')
  await screenshot(partner, 'console-outcomes-paper')

  // The owner records the response in Arabic, from My petitions.
  await owner.goto(`${wegov.url}/console/petitions?lang=ar`)
  await owner.locator(`li[data-id="${petitionId}"] a.outcomes-link`).click()
  await owner.locator('#response-form').waitFor()
  await owner.locator('#response-originalLang').selectOption('ar')
  await owner.locator('#record-response').click()
  t.equal(await owner.evaluate(() => document.activeElement?.id), 'response-text-ar', 'the missing Arabic text is focused')
  t.equal(await owner.locator('#response-text-ar').getAttribute('dir'), 'rtl')
  await owner.locator('#response-text-ar').fill(RESPONSE)
  await owner.locator('#record-response').click()
  await owner.locator('#current-response', { hasText: RESPONSE }).waitFor()
  const responded = await read(`/v1/petitions/${petitionId}?lang=ar`)
  t.equal(responded.response.text.lang, 'ar')
  t.match(responded.response.text.text, RESPONSE, 'the public petition has the Arabic response')

  // The moderator voids the batch: a reason is required.
  await moderator.goto(`${wegov.url}/console/petitions/${petitionId}/outcomes?lang=en`)
  await moderator.locator('.void-batch').click()
  await moderator.locator('dialog.void-dialog[open]').waitFor()
  await moderator.locator('#void-confirm').click()
  await moderator.locator('#void-reason-error').waitFor()
  await moderator.locator('#void-reason').fill('The sheets were counted twice.')
  await moderator.locator('#void-confirm').click()
  await moderator.locator('#paper-batches li[data-voided="true"] .void-reason', { hasText: 'counted twice' }).waitFor()
  t.equal((await read(`/v1/petitions/${petitionId}/count`)).paper.total, 0, 'a voided batch no longer counts')
  const paper = await read(`/v1/petitions/${petitionId}/paper-signatures`)
  t.match(paper, { total: 0, items: [{ count: 120, voided: true, voidReason: 'The sheets were counted twice.' }] }, 'the paper list shows it voided, with the reason')

  // The owner closes it, asked first.
  await owner.reload()
  await owner.locator('#close-petition').click()
  await owner.locator('dialog.confirm[open] button.button--danger').click()
  await owner.locator('#petition-state').waitFor()
  await owner.locator('#close-petition').waitFor({ state: 'detached' })
  t.equal(await owner.evaluate(() => document.activeElement?.id), 'screen-title', 'focus returns to the heading')
  t.equal((await read(`/v1/petitions/${petitionId}`)).status, 'closed', 'the public petition is closed')
  await screenshot(owner, 'console-outcomes-closed')
  t.same(errors, [], 'no page error')
})

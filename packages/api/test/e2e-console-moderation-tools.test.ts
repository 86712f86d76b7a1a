import { readFile } from 'node:fs/promises'
import t from 'tap'
import type { Page } from 'playwright-core'
import { ensureConsoleBuild, lastMailId, linkIn, screenSettled, signInWithCode, waitForMail } from './helpers/console-e2e.js'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov, type RunningWeGov } from './helpers/e2e.js'
import { signBody } from './helpers/petition-fixtures.js'

/**
 * The console's moderation tools and signer exports, in Chromium against WeGov as `npm start` runs it. An
 * organisation's two petitions are opened; four people sign from one address, past a flagging limit of
 * two, so the last two are held. A moderator (in French) releases one held signature and invalidates the
 * other on the held-signatures screen, the published invalidated count showing 1; corrects a typo in an
 * open petition's French title; the organisation's owner downloads the signers of the first petition as
 * CSV, and only the one who consented to hear from the organisation is in it.
 */
t.setTimeout(600_000)

const MODERATOR = 'mod.tools@example.org'
const OWNER = 'owner.tools@example.org'

/** Through the API, with the page's session cookie. */
function api(wegov: RunningWeGov, page: Page) {
  return async (method: 'post' | 'get', path: string, data?: unknown) => {
    const response = await page.request[method](`${wegov.url}${path}`, { data, headers: { origin: wegov.url, 'accept-language': 'en' } })
    if (response.status() >= 300) throw new Error(`${method} ${path} answered ${response.status()}: ${await response.text()}`)
    return response.json() as Promise<Record<string, any>>
  }
}

/** Signs a petition (from the test's own address, as every signer here) and confirms with the mailed code. */
async function signAndConfirm(wegov: RunningWeGov, petitionId: string, email: string, overrides: Record<string, unknown>): Promise<void> {
  const before = await lastMailId(wegov.url, email)
  const signed = await fetch(`${wegov.url}/v1/petitions/${petitionId}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signBody(email, overrides)),
  })
  if (signed.status !== 202) throw new Error(`signing answered ${signed.status}: ${await signed.text()}`)
  const mail = await waitForMail(wegov.url, email, (m) => m.code !== null, before)
  const confirmed = await fetch(`${wegov.url}/v1/signatures/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ petition: petitionId, email, code: mail.code }),
  })
  if (confirmed.status !== 200) throw new Error(`confirming answered ${confirmed.status}: ${await confirmed.text()}`)
}

t.test('a moderator releases and invalidates held signatures and corrects a typo; an owner downloads the consenting signers', async (t) => {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_POW: 'off', WEGOV_ADMIN_EMAILS: MODERATOR, WEGOV_SIGN_IP_FLAG_AT: '2' })
  const browser = await launchBrowser(t)
  const errors: string[] = []
  const signedIn = async (email: string, lang: string) => {
    const page = await (await newContext(browser, { viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', acceptDownloads: true })).newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${wegov.url}/console/sign-in?lang=${lang}`)
    await signInWithCode(page, wegov.url, email)
    return page
  }

  // The moderator (a platform admin) creates the organisation; its owner accepts and launches two petitions, both opened.
  const moderator = await signedIn(MODERATOR, 'fr')
  const owner = await signedIn(OWNER, 'en')
  const ownerMailBefore = await lastMailId(wegov.url, OWNER)
  const organisation = await api(wegov, moderator)('post', '/v1/organisations', {
    name: { fr: 'Association Nour' },
    kind: 'ngo',
    country: 'TN',
    originalLang: 'fr',
    ownerEmail: OWNER,
    ownerLang: 'en',
  })
  const invitation = await waitForMail(wegov.url, OWNER, (mail) => Object.values(mail.links).some((l) => l.includes('/invitations/accept')), ownerMailBefore)
  await api(wegov, owner)('post', '/v1/invitations/accept', { token: new URL(linkIn(invitation, '/invitations/accept')).searchParams.get('token') })
  const launch = async (title: string) => {
    const drafted = await api(wegov, owner)('post', '/v1/petition-launches', {
      originalLang: 'fr',
      title: { fr: title },
      summary: { fr: 'Un résumé.' },
      country: 'TN',
      themes: ['transparency'],
      goal: 300,
      closesAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
      organisationId: organisation.id,
    })
    await api(wegov, owner)('post', `/v1/petition-launches/${drafted.id}/submit`)
    await api(wegov, moderator)('post', `/v1/moderation/petitions/${drafted.id}/approve`)
    return drafted.id as string
  }
  const exported = await launch('Publier les comptes de la commune')
  const held = await launch('Des bancs dans le parc munciipal')

  // Two signers count; from the same address the next two are held (WEGOV_SIGN_IP_FLAG_AT=2).
  await signAndConfirm(wegov, exported, 'fan.tools@example.org', { firstName: 'Amal', consents: { processing: true, newsFromOrganiser: true, newsFromPartner: false } })
  await signAndConfirm(wegov, exported, 'private.tools@example.org', { firstName: 'Karim' })
  await signAndConfirm(wegov, held, 'honest.tools@example.org', { firstName: 'Hela' })
  await signAndConfirm(wegov, held, 'bot.tools@example.org', { firstName: 'Bot' })

  await t.test('held signatures: release one, invalidate the other', async (t) => {
    await moderator.goto(`${wegov.url}/console/moderation?lang=fr`)
    await screenSettled(moderator)
    await moderator.locator('#flagged-link').click()
    await screenSettled(moderator)
    t.equal(new URL(moderator.url()).pathname, '/console/moderation/flagged-signatures')
    t.equal(await moderator.locator('nav.nav a[aria-current="page"]').getAttribute('href'), '/console/moderation/flagged-signatures?lang=fr', 'the nav marks it')
    const rows = moderator.locator('#flagged-list li.item')
    t.equal(await rows.count(), 2, 'the two held signatures')
    t.notMatch(await moderator.locator('main').textContent(), /@example\.org/, 'no email address is shown')
    t.match(await rows.first().textContent(), /Hela [A-Z]\./, 'a first name and initial')
    t.same(await axeViolations(moderator), [], 'no axe violation')
    await screenshot(moderator, 'console-flagged-signatures-fr')

    // Filtered to the petition, then release the first (asked first, focus back after).
    await moderator.locator('#flagged-petition').selectOption(held)
    await moderator.locator('#flagged-filter').click()
    await rows.nth(1).waitFor()
    await rows.first().locator('input[type="checkbox"]').check()
    t.match(await moderator.locator('#flagged-selected').textContent(), /1/, 'one selected')
    await moderator.locator('#flagged-release').click()
    await moderator.locator('dialog.confirm').waitFor()
    await moderator.locator('dialog.confirm .button--danger').click()
    await moderator.locator('#flagged-status', { hasText: 'Signatures libérées : 1.' }).waitFor()
    await moderator.waitForFunction(() => document.querySelectorAll('#flagged-list li.item').length === 1)

    // The other, through "select all" and the keyboard.
    await moderator.locator('#flagged-all').focus()
    await moderator.keyboard.press('Space')
    await moderator.locator('#flagged-invalidate').click()
    await moderator.locator('dialog.confirm .button--danger').click()
    await moderator.locator('#flagged-status', { hasText: 'Signatures invalidées : 1.' }).waitFor()
    await moderator.locator('#flagged-empty').waitFor()
    await moderator.locator(`#invalidated-counts .invalidated-count[data-id="${held}"]`, { hasText: '1' }).waitFor()
    t.pass('the published invalidated count shows 1')
    const count = (await (await fetch(`${wegov.url}/v1/petitions/${held}/count`)).json()) as { total: number; invalidated: number }
    t.same([count.total, count.invalidated], [1, 1], 'the released one counts, the other is published as invalidated')
    t.same(await axeViolations(moderator), [], 'after both: no axe violation')
  })

  await t.test('a moderator corrects a typo in an open petition', async (t) => {
    await moderator.goto(`${wegov.url}/console/moderation?lang=fr`)
    await screenSettled(moderator)
    await moderator.locator('#correct-open').click()
    await moderator.locator('#correct-petition[aria-invalid="true"]').waitFor()
    t.equal(await moderator.evaluate(() => document.activeElement?.id), 'correct-petition', 'an empty address is flagged, focus on it')
    await moderator.locator('#correct-petition').fill(`${wegov.url}/petitions/${held}`)
    await moderator.locator('#correct-open').click()
    await screenSettled(moderator)
    await moderator.locator('#title-fr').waitFor()
    t.equal(await moderator.locator('#title-fr').inputValue(), 'Des bancs dans le parc munciipal', 'its French title')
    t.equal(await moderator.locator('#title-ar').inputValue(), '', 'no Arabic title (not the French one shown in its place)')
    t.equal(await moderator.locator('#title-ar').getAttribute('dir'), 'rtl')
    t.match(await moderator.locator('#correction-audit').textContent(), /journal d’audit/, 'the screen says the correction is audited')
    await moderator.locator('#title-fr').fill('Des bancs dans le parc municipal')
    await moderator.locator('#correction-save').click()
    await moderator.locator('#correction-status', { hasText: 'journal d’audit' }).waitFor()
    const launched = (await api(wegov, owner)('get', `/v1/petition-launches/${held}`)) as { texts: { title: Record<string, string> } }
    t.equal(launched.texts.title.fr, 'Des bancs dans le parc municipal', 'the correction is saved')
    const audit = await api(wegov, owner)('get', `/v1/organisations/${organisation.id}/audit?action=petition.corrected`)
    t.equal(audit.items.length, 1, 'and in the organisation’s audit log')
    t.same(await axeViolations(moderator), [], 'no axe violation')
    await screenshot(moderator, 'console-correction-fr')
  })

  await t.test('the owner downloads the signers who consented, as CSV', async (t) => {
    await owner.goto(`${wegov.url}/console/organisations/${organisation.id}?lang=en`)
    await screenSettled(owner)
    await owner.locator('nav.subnav a', { hasText: 'Petitions' }).click()
    await screenSettled(owner)
    t.match(await owner.locator('#export-hint').textContent(), /consented/, 'the screen says only consenting signers are in the file')
    const link = owner.locator(`li.item[data-id="${exported}"] a.export-signers`)
    t.equal(await link.getAttribute('href'), `/v1/organisations/${organisation.id}/signer-exports/${exported}?as=organiser`)
    const [download] = await Promise.all([owner.waitForEvent('download'), link.click()])
    t.match(download.suggestedFilename(), /^signers-publier-les-comptes-de-la-commune-organiser\.csv$/, 'a sensible file name')
    const csv = await readFile((await download.path())!, 'utf8')
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n')
    t.equal(lines.length, 2, 'a header and one signer')
    t.match(lines[1], /^Amal,.*fan\.tools@example\.org/, 'the one who consented to hear from the organisation')
    t.notMatch(csv, /private\.tools/, 'not the one who did not')
    t.same(await axeViolations(owner), [], 'no axe violation')
  })

  t.same(errors, [], 'no script error in any page')
})

import t, { type Test } from 'tap'
import type { Browser, Page } from 'playwright-core'
import { ensureConsoleBuild, lastMailId, screenSettled, signInWithCode, waitForMail } from './helpers/console-e2e.js'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov, widgetsSettled, type RunningWeGov } from './helpers/e2e.js'
import { signBody } from './helpers/petition-fixtures.js'

/**
 * A citizen's petition from draft to response (issue 16), in Chromium against WeGov as `npm start` runs it.
 * A citizen drafts a petition in Arabic on a phone (a missing title and a closing date the API refuses are
 * flagged on their fields), sees the open petitions with a similar title, submits it and gets its sponsor
 * link; five sponsors confirm through the API with the codes mailed to them (e2e-console-sponsor.test.ts
 * sponsors through the page); a moderator claims and approves it in the console, and it is public. A visitor
 * signs it through the widget on the partner site, in Arabic, asking to hear of its response; a partner
 * organisation adds a paper batch, which brings it to the response threshold; the partner's owner records
 * the response (through the API: the console's screens for it are tested on their own) and the consenting
 * signer, alone, receives it by email in Arabic. Another petition is rejected with a coded reason and a
 * note, and approving one its creator has withdrawn meanwhile is refused and announced.
 */
t.setTimeout(900_000)

const CITIZEN = 'salma.petitions@example.org'
const MODERATOR = 'mona.petitions@example.org'
/** A visitor of the partner site who asks to hear of the response, and one who does not. */
const SIGNER = 'leila.response@example.org'
const SILENT_SIGNER = 'karim.noresponse@example.org'
/** The demo's first partner organisation and its owner (demo-accounts.ts). */
const PARTNER_OWNER = 'owner@gvc.wegov.localhost'
/** Signatures past which a petition awaits a response: the paper batch below crosses it. */
const RESPONSE_THRESHOLD = 20
const SPONSORS = [1, 2, 3, 4, 5]
const PHONE = { width: 390, height: 844 }
const inWeeks = (weeks: number) => new Date(Date.now() + weeks * 7 * 86_400_000).toISOString()

interface Setup {
  wegov: RunningWeGov
  browser: Browser
  errors: string[]
  signedIn(email: string, lang: string, viewport?: { width: number; height: number }): Promise<Page>
}

/** WeGov with its default five sponsors per petition; the moderator is a platform admin (admins moderate too). */
async function setUp(t: Test): Promise<Setup> {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_POW: 'off', WEGOV_ADMIN_EMAILS: MODERATOR, WEGOV_RESPONSE_THRESHOLD: String(RESPONSE_THRESHOLD) })
  const browser = await launchBrowser(t)
  const errors: string[] = []
  const signedIn = async (email: string, lang: string, viewport = { width: 1280, height: 900 }) => {
    const page = await (await newContext(browser, { viewport, timezoneId: 'UTC', permissions: ['clipboard-read', 'clipboard-write'] })).newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${wegov.url}/console/sign-in?lang=${lang}`)
    await signInWithCode(page, wegov.url, email)
    return page
  }
  return { wegov, browser, errors, signedIn }
}

/** Through the API, with the page's session cookie. */
function api(wegov: RunningWeGov, page: Page) {
  return (method: 'post' | 'get' | 'put', path: string, data?: unknown) =>
    page.request[method](`${wegov.url}${path}`, { data, headers: { origin: wegov.url, 'accept-language': 'en' } })
}

/** A sponsor signs through the private link, then confirms with the code mailed to them (the development mailbox). */
function sponsor(wegov: RunningWeGov, token: string, email: string): Promise<void> {
  return signAndConfirm(wegov, `/v1/sponsor-links/${token}/signatures`, email)
}

/** Signs through the API (`path`: a petition's or a sponsor link's signatures) and confirms with the mailed code. */
async function signAndConfirm(wegov: RunningWeGov, path: string, email: string): Promise<void> {
  const before = await lastMailId(wegov.url, email)
  const signed = await fetch(`${wegov.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signBody(email, { locale: 'ar' })),
  })
  if (signed.status !== 202) throw new Error(`signing answered ${signed.status}: ${await signed.text()}`)
  const { petitionId } = (await signed.json()) as { petitionId: string }
  const mail = await waitForMail(wegov.url, email, (m) => m.code !== null, before)
  const confirmed = await fetch(`${wegov.url}/v1/signatures/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ petition: petitionId, email, code: mail.code }),
  })
  if (confirmed.status !== 200) throw new Error(`confirming answered ${confirmed.status}: ${await confirmed.text()}`)
}

/** A citizen's petition drafted and submitted through the API, then sponsored: it waits for moderation. */
async function awaitingModeration(wegov: RunningWeGov, citizen: Page, title: string, prefix: string): Promise<string> {
  const drafted = await api(wegov, citizen)('post', '/v1/petition-launches', {
    originalLang: 'fr',
    title: { fr: title },
    country: 'TN',
    themes: ['transparency'],
    goal: 300,
    closesAt: inWeeks(8),
  })
  if (drafted.status() !== 201) throw new Error(`drafting answered ${drafted.status()}: ${await drafted.text()}`)
  const { id } = (await drafted.json()) as { id: string }
  const submitted = (await (await api(wegov, citizen)('post', `/v1/petition-launches/${id}/submit`)).json()) as { sponsors: { token: string } }
  for (const n of SPONSORS) await sponsor(wegov, submitted.sponsors.token, `${prefix}.sponsor${n}@example.org`)
  return id
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')

const ARABIC_TITLE = 'إنارة عمومية في حي النصر بصفاقس'
const RESPONSE = {
  ar: 'ستُصلح البلدية الإنارة العمومية في حي النصر قبل نهاية السنة.',
  fr: 'La commune réparera l’éclairage public du quartier Ennasr avant la fin de l’année.',
  en: 'The municipality will repair the street lighting in Ennasr before the end of the year.',
}
const today = () => new Date().toISOString().slice(0, 10)

/**
 * Step 3: a visitor opens the partner site with this petition in its snippet (`?petition=`), signs in
 * Arabic asking to hear of the response, and confirms with the code WeGov mailed.
 */
async function signedOnPartnerSite(t: Test, { wegov, browser, errors }: Pick<Setup, 'wegov' | 'browser' | 'errors'>, petitionId: string): Promise<void> {
  const page = await (await newContext(browser, { locale: 'ar-TN', viewport: PHONE })).newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${wegov.partnerUrl}/?petition=${petitionId}`)
  t.not(new URL(page.url()).origin, new URL(wegov.url).origin, 'the partner site is another origin')
  await widgetsSettled(page)
  const widget = page.locator('wegov-petition')
  t.equal((await widget.locator('#title').textContent())?.trim(), ARABIC_TITLE, 'the partner site shows the citizen’s petition')
  await widget.locator('[part~="sign"]').click()
  await widget.locator('#firstName').fill('ليلى')
  await widget.locator('#lastName').fill('الطرابلسي')
  await widget.locator('#email').fill(SIGNER)
  await widget.locator('#country').selectOption('TN')
  await widget.locator('#consent-processing').check()
  await widget.locator('#consent-response').check()
  const before = await lastMailId(wegov.url, SIGNER)
  await widget.locator('button[type="submit"]').click()
  await widget.locator('#code').waitFor()
  const mail = await waitForMail(wegov.url, SIGNER, (m) => m.code !== null, before)
  await widget.locator('#code').fill(mail.code!)
  await widget.locator('[part~="confirm"]').click()
  await widget.locator('[part~="thanks"]').waitFor()
  t.pass('the signature is confirmed on the partner site')
  await screenshot(page, 'petition-lifecycle-partner-signed-ar')
  await page.context().close()
}

/**
 * Step 4: the demo's first partner organisation (a citizen's petition has no organisation of its own: a
 * partner records its paper signatures and its response, policy.ts) adds a paper batch, which brings the
 * petition to the response threshold, and its owner records the response in three languages.
 */
async function paperAndResponse(t: Test, { wegov, signedIn }: Pick<Setup, 'wegov' | 'signedIn'>, petitionId: string): Promise<void> {
  const owner = await signedIn(PARTNER_OWNER, 'fr')
  const call = api(wegov, owner)
  const partner = (await (await fetch(`${wegov.url}/v1/organisations/gvc`)).json()) as { id: string }
  const paper = await call('post', `/v1/organisations/${partner.id}/petitions/${petitionId}/paper-signatures`, { count: RESPONSE_THRESHOLD, country: 'TN', collectedOn: today() })
  t.equal(paper.status(), 201, 'the partner adds a paper batch')
  const counted = (await (await fetch(`${wegov.url}/v1/petitions/${petitionId}`)).json()) as { paperCount: number; awaitingResponse: boolean }
  t.equal(counted.paperCount, RESPONSE_THRESHOLD, 'it counts apart')
  t.equal(counted.awaitingResponse, true, 'with it, the petition awaits a response')

  const recorded = await call('put', `/v1/organisations/${partner.id}/petitions/${petitionId}/response`, {
    originalLang: 'ar',
    text: { ar: `<p>${RESPONSE.ar}</p>`, fr: `<p>${RESPONSE.fr}</p>`, en: `<p>${RESPONSE.en}</p>` },
    respondedAt: today(),
  })
  t.equal(recorded.status(), 200, 'the partner’s owner records the response')
  t.equal(((await recorded.json()) as { firstResponse: boolean }).firstResponse, true, 'its first: the signers who asked are emailed')
  const answered = (await (await fetch(`${wegov.url}/v1/petitions/${petitionId}?lang=fr`)).json()) as { awaitingResponse: boolean; response: { text: { text: string } } }
  t.equal(answered.awaitingResponse, false, 'it no longer awaits one')
  t.match(answered.response.text.text, RESPONSE.fr, 'and shows it in French')
  await owner.context().close()
}

/** Step 5: the signer who asked receives the response in Arabic, right to left; the one who did not, nothing. */
async function responseMailed(t: Test, wegov: RunningWeGov): Promise<void> {
  const mail = await waitForMail(wegov.url, SIGNER, (m) => m.text.includes(RESPONSE.ar))
  t.equal(mail.subject, `تلقّت العريضة «${ARABIC_TITLE}» ردًّا`, 'the subject is in Arabic')
  t.match(mail.html, '<html lang="ar" dir="rtl">', 'the email is Arabic, right to left')
  t.match(mail.html, RESPONSE.ar, 'and carries the response')
  t.notMatch(mail.text, RESPONSE.fr, 'in Arabic only')
  const silent = (await (await fetch(`${wegov.url}/dev/mailbox?to=${encodeURIComponent(SILENT_SIGNER)}`)).json()) as { items: { text: string }[] }
  t.equal(silent.items.filter((item) => item.text.includes(RESPONSE.ar)).length, 0, 'a signer who did not ask gets no response email')
}

t.test('a citizen drafts in Arabic and submits; sponsors confirm; a moderator approves it; it is signed on the partner site, gets paper signatures and a response, mailed in Arabic', async (t) => {
  const { wegov, browser, errors, signedIn } = await setUp(t)
  const citizen = await signedIn(CITIZEN, 'ar', PHONE)

  // The nav offers "My petitions" to everyone; the moderation screen is not offered to a citizen.
  t.equal(await citizen.locator('nav.nav a', { hasText: 'عرائضي' }).count(), 1, 'My petitions is in the nav')
  t.equal(await citizen.locator('nav.nav a[href*="/console/moderation"]').count(), 0, 'moderation is not, for a citizen')
  await citizen.goto(`${wegov.url}/console/moderation?lang=ar`)
  await citizen.locator('main [role="alert"]').waitFor()
  t.match(await citizen.locator('main [role="alert"]').textContent(), /للمشرفين|لمشرفي/, 'a citizen is told the page is for moderators')

  await citizen.goto(`${wegov.url}/console/petitions?lang=ar`)
  await screenSettled(citizen)
  await citizen.locator('main a.button', { hasText: 'إطلاق عريضة' }).click()
  await screenSettled(citizen)
  t.equal(await citizen.locator('#originalLang').inputValue(), 'ar', 'the original language is the console’s')
  t.same(await citizen.locator('#title-ar').evaluate((el) => [el.getAttribute('lang'), el.getAttribute('dir')]), ['ar', 'rtl'], 'the Arabic title is right to left')
  t.same(await citizen.locator('#title-fr').evaluate((el) => [el.getAttribute('lang'), el.getAttribute('dir')]), ['fr', 'ltr'])
  t.equal(await citizen.locator('#closesAt').getAttribute('dir'), 'ltr', 'a date stays left to right')

  // Saving without a title or a theme: both flagged on their fields, focus on the first.
  await citizen.locator('#save').click()
  t.equal(await citizen.locator('#title-ar').getAttribute('aria-invalid'), 'true', 'the missing title is flagged')
  t.equal(await citizen.locator('#title-ar').getAttribute('aria-describedby'), 'title-ar-error', 'and tied to its message')
  t.equal(await focusedId(citizen), 'title-ar', 'focus goes to it')
  t.match(await citizen.locator('#themes').getAttribute('aria-describedby'), /themes-error/, 'the missing theme too')

  await citizen.locator('#title-ar').fill('إنارة عمومية في حي النصر بصفاقس')
  await citizen.locator('#summary-ar').fill('نطالب البلدية بإصلاح الإنارة العمومية.')
  await citizen.locator('#text-ar').fill('<p>نطالب البلدية بإصلاح الإنارة في حي النصر.</p>')
  await citizen.locator('#authority-ar').fill('بلدية صفاقس')
  await citizen.locator('#themes input[value="local-democracy"]').check()
  await citizen.locator('#goal').fill('500')

  // A closing date two days away: the API refuses it, and its message sits on the date field.
  const soon = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
  await citizen.locator('#closesAt').fill(soon)
  await citizen.locator('#save').click()
  await citizen.locator('#closesAt[aria-invalid="true"]').waitFor()
  t.match(await citizen.locator('#closesAt').getAttribute('aria-describedby'), /closesAt-error/, 'the API’s field error is tied to the date')
  t.equal((await citizen.locator('#closesAt-error').textContent())?.trim(), 'اختر تاريخًا بين أسبوع وستة أشهر من الآن.', 'with its message in Arabic')
  t.equal(await citizen.locator('main [role="alert"]').getAttribute('data-code'), 'WEGOV_PETITION_CLOSES_TOO_SOON', 'and the failure is announced')
  t.same(await axeViolations(citizen), [], 'the form with its errors: no axe violation')
  await screenshot(citizen, 'console-petitions-errors-ar')

  await citizen.locator('#closesAt').fill(inWeeks(8).slice(0, 10))
  await citizen.locator('#save').click()
  await citizen.locator('#editor-status', { hasText: 'حُفظت المسودة.' }).waitFor()
  const petitionId = /\/petitions\/([0-9a-f-]{36})/.exec(citizen.url())![1]!
  t.ok(petitionId, 'the address names the draft')

  // French added later, as a merge patch of what changed.
  await citizen.locator('#title-fr').fill('Éclairage public au quartier Ennasr de Sfax')
  await citizen.locator('#save').click()
  await citizen.locator('#editor-status', { hasText: 'حُفظت المسودة.' }).waitFor()
  const saved = (await (await api(wegov, citizen)('get', `/v1/petition-launches/${petitionId}`)).json()) as { texts: { title: Record<string, string> }; status: string }
  t.same(saved.texts.title, { ar: 'إنارة عمومية في حي النصر بصفاقس', fr: 'Éclairage public au quartier Ennasr de Sfax' }, 'both titles saved')
  t.equal(saved.status, 'draft')

  // Before submitting: the open petitions with a similar title (the demo's street-lighting petition).
  await citizen.locator('#similar').waitFor()
  t.match(await citizen.locator('#similar').textContent(), /إنارة عمومية في كل أحياء وادي الزيتون/, 'a similar open petition is suggested')
  t.same(await axeViolations(citizen), [], 'the saved draft: no axe violation')

  await citizen.locator('#submit-petition').click()
  await citizen.locator('.sponsor-link').waitFor()
  const link = await citizen.locator('.sponsor-link').inputValue()
  t.match(link, new RegExp(`^${wegov.url}/console/sponsor/[A-Za-z0-9_-]{20,100}$`), 'the sponsor link is shown after submitting')
  const token = link.split('/').pop()!
  t.match(await citizen.locator('#editor-state').textContent(), /تجمع الرعاة/, 'it collects sponsors')
  t.equal(await citizen.locator('#title-ar').isDisabled(), true, 'its text is frozen')
  await citizen.locator('.copy-token').click()
  await citizen.locator('.sponsor-code [role="status"]:not(:empty)').waitFor()
  t.equal(await citizen.evaluate(() => navigator.clipboard.readText()), link, 'the copy button copies the link')
  t.same(await axeViolations(citizen), [], 'the submitted petition: no axe violation')
  await screenshot(citizen, 'console-petitions-submitted-ar')

  // The list shows it, with the same code.
  await citizen.goto(`${wegov.url}/console/petitions?lang=ar`)
  await screenSettled(citizen)
  const row = citizen.locator(`main li.item[data-id="${petitionId}"]`)
  t.equal(await row.getAttribute('data-status'), 'collecting_sponsors')
  t.equal(await row.locator('.sponsor-link').inputValue(), link, 'the list shows the sponsor link too')

  for (const n of SPONSORS) await sponsor(wegov, token, `sponsor${n}.petitions@example.org`)
  await citizen.reload()
  await screenSettled(citizen)
  t.equal(await row.getAttribute('data-status'), 'pending_review', 'with its sponsors it waits for moderation')
  t.equal(await row.locator('.sponsor-link').count(), 0, 'and the link is no longer shown')

  // The moderator (in French) sees it in the queue, claims it, then approves it.
  const moderator = await signedIn(MODERATOR, 'fr')
  await moderator.locator('nav.nav a[href^="/console/moderation?"]').click()
  await screenSettled(moderator)
  const item = moderator.locator(`main li.item[data-id="${petitionId}"]`)
  await item.waitFor()
  t.match(await item.locator('h2').textContent(), /إنارة عمومية في حي النصر بصفاقس/, 'its title in its own language')
  t.match(await item.locator('dl').textContent(), /Éclairage public au quartier Ennasr de Sfax/, 'and in its other languages')
  t.match(await item.locator('.claimed-by').textContent(), /Personne/, 'claimed by nobody yet')
  await item.locator('button.claim').click()
  await moderator.locator('#moderation-status:not(:empty)').waitFor()
  // The status is announced before the reloaded queue is drawn: wait for the row to say who claimed it.
  await item.locator('.claimed-by', { hasText: /vous/ }).waitFor()
  t.match(await item.locator('.claimed-by').textContent(), /vous/, 'claimed by the moderator')
  t.same(await axeViolations(moderator), [], 'the queue: no axe violation')
  await screenshot(moderator, 'console-moderation-fr')
  await item.locator('button.approve').click()
  await moderator.locator('#moderation-status', { hasText: 'approuvée' }).waitFor()
  await item.waitFor({ state: 'detached' })

  const shown = await fetch(`${wegov.url}/v1/petitions/${petitionId}?lang=ar`)
  t.equal(shown.status, 200, 'the petition is public')
  const petition = (await shown.json()) as { status: string; signatureCount: number; title: { text: string } }
  t.equal(petition.status, 'open', 'and open')
  t.equal(petition.title.text, 'إنارة عمومية في حي النصر بصفاقس')

  await signedOnPartnerSite(t, { wegov, browser, errors }, petitionId)
  await signAndConfirm(wegov, `/v1/petitions/${petitionId}/signatures`, SILENT_SIGNER)
  await paperAndResponse(t, { wegov, signedIn }, petitionId)
  await responseMailed(t, wegov)
  t.same(errors, [], 'no script error')
})

t.test('a moderator rejects with a coded reason and a note; approving a withdrawn petition is refused and announced', async (t) => {
  const { wegov, errors, signedIn } = await setUp(t)
  const citizen = await signedIn(CITIZEN, 'fr')
  const rejectedId = await awaitingModeration(wegov, citizen, 'Fermer la bibliothèque le dimanche', 'rejected')
  const withdrawnId = await awaitingModeration(wegov, citizen, 'Ouvrir les comptes du conseil régional', 'withdrawn')

  const moderator = await signedIn(MODERATOR, 'en', PHONE)
  await moderator.goto(`${wegov.url}/console/moderation?lang=en`)
  await screenSettled(moderator)
  const item = moderator.locator(`main li.item[data-id="${rejectedId}"]`)
  await item.locator('button.reject').click()
  await moderator.locator('dialog.reject-dialog[open]').waitFor()
  t.equal(await focusedId(moderator), 'reject-code', 'focus starts on the reason')
  await moderator.locator('#reject-confirm').click()
  t.equal(await moderator.locator('#reject-code').getAttribute('aria-invalid'), 'true', 'a reason is required')
  t.equal(await moderator.locator('#reject-code').getAttribute('aria-describedby'), 'reject-code-error')
  t.same(await axeViolations(moderator), [], 'the rejection dialog: no axe violation')
  await screenshot(moderator, 'console-moderation-reject-en')
  await moderator.locator('#reject-code').selectOption('unclear')
  await moderator.locator('#reject-note').fill('Say which library, and to whom you write.')
  await moderator.locator('#reject-confirm').click()
  await moderator.locator('#moderation-status', { hasText: 'is rejected' }).waitFor()
  await item.waitFor({ state: 'detached' })
  const rejected = (await (await fetch(`${wegov.url}/v1/petitions/${rejectedId}?lang=en`)).json()) as {
    status: string
    rejectionCode: string
    rejectionReason: { text: string }
  }
  t.equal(rejected.status, 'rejected', 'it is public, as rejected')
  t.equal(rejected.rejectionCode, 'unclear', 'with the code chosen')
  t.equal(rejected.rejectionReason.text, 'Say which library, and to whom you write.', 'and the note')

  // The creator sees the rejection and its reason in their list.
  await citizen.goto(`${wegov.url}/console/petitions?lang=fr`)
  await screenSettled(citizen)
  const rejectedRow = citizen.locator(`main li.item[data-id="${rejectedId}"]`)
  t.equal(await rejectedRow.getAttribute('data-status'), 'rejected')
  t.match(await rejectedRow.locator('.rejection').textContent(), /Say which library, and to whom you write\./, 'with the moderator’s note')
  t.match(await rejectedRow.locator('.rejection').textContent(), /Elle ne dit pas clairement ce qu’elle demande, ni à qui\./, 'after the reason chosen, as the mail says it')

  // The creator withdraws the other while the moderator's queue still shows it: approving it is refused.
  t.equal((await api(wegov, citizen)('post', `/v1/petition-launches/${withdrawnId}/withdraw`)).status(), 200)
  await moderator.locator(`main li.item[data-id="${withdrawnId}"] button.approve`).click()
  await moderator.locator('#problem[data-code="WEGOV_PETITION_STATE"]').waitFor()
  t.equal(await moderator.locator('#problem').getAttribute('role'), 'alert', 'the refusal is announced')
  await moderator.locator(`main li.item[data-id="${withdrawnId}"]`).waitFor({ state: 'detached' })
  t.pass('and the queue is read again without it')
  t.same(errors, [], 'no script error')
})

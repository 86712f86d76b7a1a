import t from 'tap'
import { ensureConsoleBuild, heading, lastMailId, screenSettled, signInWithCode, waitForMail } from './helpers/console-e2e.js'
import { launchBrowser, newContext, startWeGov } from './helpers/e2e.js'

/**
 * The admin screens as they are used, in Chromium against the real API: an association applies through
 * the form; an admin approves it (the applicant becomes its owner) and declines another with a reason
 * (mailed to the applicant); then grants and removes a platform role found by email.
 */
t.setTimeout(600_000)

const ADMIN = 'admin.screens@example.org'
const APPLICANT = 'applicant@example.org'

t.test('applications approved and declined, a role granted and removed', async (t) => {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_POW: 'off', WEGOV_ADMIN_EMAILS: ADMIN })
  const browser = await launchBrowser(t)
  const errors: string[] = []

  // The applicant sends two applications through the form.
  const applicant = await (await newContext(browser)).newPage()
  applicant.on('pageerror', (error) => errors.push(error.message))
  await applicant.goto(`${wegov.url}/console/apply?lang=fr`)
  await signInWithCode(applicant, wegov.url, APPLICANT)
  t.equal(await heading(applicant), 'Demander l’inscription d’une association', 'back on the form after signing in')
  await screenSettled(applicant)
  await applicant.locator('form button[type="submit"]').click()
  t.equal(await applicant.evaluate(() => document.activeElement?.id), 'name', 'an empty form: focus on the first field to fill')
  t.equal(await applicant.locator('#motivation').getAttribute('aria-invalid'), 'true')
  for (const [name, motivation] of [['Association Jasmin', 'Publier nos projets.'], ['Association Olivier', 'Partager nos guides.']] as const) {
    await applicant.locator('#name').fill(name)
    await applicant.locator('#originalLang').selectOption('fr')
    await applicant.locator('#country').selectOption('TN')
    await applicant.locator('#motivation').fill(motivation)
    await applicant.locator('form button[type="submit"]').click()
    await applicant.locator('main li.item', { hasText: name }).waitFor()
  }
  t.match(await applicant.locator('main p[role="status"]').textContent(), /votre demande est envoyée/)

  // The admin approves one and declines the other.
  const admin = await (await newContext(browser)).newPage()
  admin.on('pageerror', (error) => errors.push(error.message))
  await admin.goto(`${wegov.url}/console/admin/applications?lang=en`)
  await signInWithCode(admin, wegov.url, ADMIN)
  await screenSettled(admin)
  t.equal(await admin.locator('main li.item').count(), 2, 'both applications wait for a decision')
  await admin.getByRole('button', { name: 'Approve Association Jasmin' }).click()
  await admin.locator('p[role="status"]', { hasText: 'is approved' }).waitFor()
  const declined = admin.locator('main li.item', { hasText: 'Association Olivier' })
  await declined.getByRole('button', { name: 'Decline' }).click()
  t.equal(await declined.locator('textarea').getAttribute('aria-invalid'), 'true', 'a decline needs a reason')
  const before = await lastMailId(wegov.url, APPLICANT)
  await declined.locator('textarea').fill('Votre association est hors du périmètre de WeGov.')
  await declined.getByRole('button', { name: 'Decline' }).click()
  await admin.locator('p[role="status"]', { hasText: 'is declined' }).waitFor()
  const mail = await waitForMail(wegov.url, APPLICANT, (m) => m.text.includes('hors du périmètre'), before)
  t.ok(mail, 'the reason is mailed to the applicant')
  await admin.locator('#status-filter').selectOption('declined')
  await admin.locator('main li.item', { hasText: 'Association Olivier' }).waitFor()

  // The applicant now owns the approved organisation.
  await applicant.getByRole('link', { name: 'Mes organisations' }).click()
  await screenSettled(applicant)
  t.match(await applicant.locator('main li.item', { hasText: 'Association Jasmin' }).textContent(), /Votre rôle\u00a0: Propriétaire/, 'French puts a no-break space before the colon')

  // A platform role, found by email, granted then taken away.
  await admin.getByRole('link', { name: 'Platform roles' }).click()
  await admin.locator('#email').fill(APPLICANT)
  await admin.getByRole('button', { name: 'Find' }).click()
  const person = admin.locator('main ul.list li', { hasText: APPLICANT })
  await person.locator('select').selectOption('moderator')
  await person.getByRole('button', { name: 'Save the role' }).click()
  await admin.locator('p[role="status"]', { hasText: 'is now' }).waitFor()
  const me = async () => (await (await applicant.request.get(`${wegov.url}/v1/me`)).json()) as { platformRole: string | null }
  t.equal((await me()).platformRole, 'moderator', 'the role is granted')
  await person.locator('select').selectOption('')
  await person.getByRole('button', { name: 'Save the role' }).click()
  await admin.locator('p[role="status"]', { hasText: 'no longer has a platform role' }).waitFor()
  t.equal((await me()).platformRole, null, 'and removed')
  t.same(errors, [], 'no script error')
})

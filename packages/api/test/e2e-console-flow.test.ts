import t from 'tap'
import type { BrowserContext, Page } from 'playwright-core'
import { ensureConsoleBuild, heading, signInWithCode, waitForMail, linkIn, lastMailId } from './helpers/console-e2e.js'
import { launchBrowser, newContext, screenshot, startWeGov } from './helpers/e2e.js'

/**
 * The console as its people use it, in Chromium against WeGov started as `npm start` starts it: an admin
 * creates an organisation and invites its owner; the owner signs in with the code from the development
 * mailbox, accepts, invites an editor; the editor accepts and signs in; the owner creates an API key,
 * copies it with the copy button, revokes it; and the audit log shows each step.
 */
t.setTimeout(600_000)

const ADMIN = 'admin.console@example.org'
const OWNER = 'owner.console@example.org'
const EDITOR = 'editor.console@example.org'

t.test('owner, editor and API key, from invitation to audit log', async (t) => {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_POW: 'off', WEGOV_ADMIN_EMAILS: ADMIN })
  const browser = await launchBrowser(t)
  const errors: string[] = []
  const open = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    return page
  }

  // The admin creates the organisation, with its first owner's address.
  const admin = await open(await newContext(browser))
  await admin.goto(`${wegov.url}/console/?lang=en`)
  await admin.locator('#email').waitFor()
  t.match(admin.url(), /\/console\/sign-in\?next=/, 'signed out, the console opens on sign-in')
  await signInWithCode(admin, wegov.url, ADMIN)
  t.equal(await heading(admin), 'My organisations')
  await admin.getByRole('link', { name: 'Organisations', exact: true }).click()
  t.equal(await heading(admin), 'Organisations')
  const ownerMailsBefore = await lastMailId(wegov.url, OWNER)
  await admin.locator('#name').fill('Association Nour')
  await admin.locator('#originalLang').selectOption('fr')
  await admin.locator('#country').selectOption('TN')
  await admin.locator('#ownerEmail').fill(OWNER)
  await admin.getByRole('button', { name: 'Create the organisation' }).click()
  await admin.locator('p[role="status"]', { hasText: 'is created' }).waitFor()

  // The owner opens the invitation, signs in with a code, and accepts.
  const ownerContext = await newContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] })
  const owner = await open(ownerContext)
  const invitation = await waitForMail(wegov.url, OWNER, (mail) => Object.values(mail.links).some((l) => l.includes('/console/invitations/accept')), ownerMailsBefore)
  await owner.goto(linkIn(invitation, '/console/invitations/accept'))
  await owner.locator('#email').waitFor()
  await signInWithCode(owner, wegov.url, OWNER)
  t.match(owner.url(), /\/console\/invitations\/accept\?token=/, 'back on the invitation after signing in')
  await owner.locator('#accept-invitation').click()
  await owner.getByRole('link', { name: 'Open the organisation' }).click()
  t.match(await heading(owner), /^Organisation profile/)
  const organisationId = /\/console\/organisations\/([0-9a-f-]{36})/.exec(owner.url())![1]!

  // The owner invites an editor.
  await owner.locator('nav.subnav').getByRole('link', { name: 'Members' }).click()
  t.equal(await heading(owner), 'Members and invitations')
  const editorMailsBefore = await lastMailId(wegov.url, EDITOR)
  await owner.locator('#invite-email').fill(EDITOR)
  await owner.locator('#invite-role').selectOption('editor')
  await owner.getByRole('button', { name: 'Send the invitation' }).click()
  await owner.locator('p[role="status"]', { hasText: 'Invitation sent to' }).waitFor()

  // The editor accepts, signing in on the way, and sees the organisation as an editor: no keys, no audit log.
  const editor = await open(await newContext(browser))
  const editorInvitation = await waitForMail(wegov.url, EDITOR, (mail) => Object.values(mail.links).some((l) => l.includes('/console/invitations/accept')), editorMailsBefore)
  await editor.goto(linkIn(editorInvitation, '/console/invitations/accept'))
  await editor.locator('#email').waitFor()
  await signInWithCode(editor, wegov.url, EDITOR)
  await editor.locator('#accept-invitation').click()
  await editor.locator('p[role="status"]', { hasText: 'You have joined the organisation.' }).waitFor()
  await editor.getByRole('link', { name: 'My organisations' }).click()
  const card = editor.locator('main li.item', { hasText: 'Association Nour' })
  t.match(await card.textContent(), /Your role: Editor/)
  t.equal(await card.getByRole('link', { name: 'API keys' }).count(), 0, 'an editor is not offered the keys')
  // The owner sees the editor among the members.
  await owner.reload()
  await owner.locator('section[aria-labelledby="members-title"] li.item', { hasText: EDITOR }).waitFor()
  t.match(
    await owner.locator('section[aria-labelledby="invitations-title"] li.item', { hasText: EDITOR }).textContent(),
    /Accepted/,
    'the invitation shows as accepted',
  )

  // The owner creates a key, copies it with the button, and the key works; then revokes it.
  await owner.locator('nav.subnav').getByRole('link', { name: 'API keys' }).click()
  t.equal(await heading(owner), 'API keys')
  await owner.locator('#key-name').fill('Website publishing')
  await owner.locator('#scope-content\\:write').check()
  await owner.getByRole('button', { name: 'Create the key' }).click()
  const secretField = owner.locator('#secret')
  await secretField.waitFor()
  const secret = await secretField.inputValue()
  t.match(secret, /^wgk_/, 'the secret is shown once')
  t.equal(await owner.evaluate(() => document.activeElement?.id), 'secret-title', 'focus moves to the new key')
  await owner.locator('#copy-secret').click()
  await owner.locator('p[role="status"]', { hasText: 'The key is copied.' }).waitFor()
  t.equal(await owner.evaluate(() => navigator.clipboard.readText()), secret, 'the copy button put the secret on the clipboard')
  const whoami = (key: string) => fetch(`${wegov.url}/v1/auth/whoami`, { headers: { authorization: `Bearer ${key}` } })
  const asKey = await whoami(secret)
  t.equal(asKey.status, 200)
  t.match(await asKey.json(), { kind: 'key', organisationId })
  await screenshot(owner, 'console-api-key-created')
  await owner.getByRole('button', { name: 'I have copied it' }).click()
  t.equal(await secretField.count(), 0, 'the secret is gone from the page once copied')
  await owner.getByRole('button', { name: 'Revoke Website publishing' }).click()
  await owner.locator('dialog.confirm').getByRole('button', { name: 'Revoke' }).click()
  await owner.locator('p[role="status"]', { hasText: 'is revoked' }).waitFor()
  t.equal((await whoami(secret)).status, 401, 'a revoked key is refused')
  t.match(await owner.locator('main li.item', { hasText: 'Website publishing' }).textContent(), /Revoked/)

  // The organisation's audit log, as its owner reads it, has each step.
  await owner.locator('nav.subnav').getByRole('link', { name: 'Audit log' }).click()
  t.equal(await heading(owner), 'Audit log')
  await owner.locator('ol.events').waitFor()
  const actions = await owner.locator('ol.events > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-action')))
  for (const action of ['invitation.created', 'invitation.accepted', 'membership.added', 'api_key.created', 'api_key.revoked']) {
    t.ok(actions.includes(action), `the audit log shows ${action}`)
  }
  t.equal(actions.filter((a) => a === 'invitation.accepted').length, 2, 'both acceptances (the owner’s and the editor’s)')
  // Filtered by action.
  await owner.locator('#action').selectOption('api_key.revoked')
  await owner.getByRole('button', { name: 'Show' }).click()
  // The filtered page replaces the whole list: wait for it, then read it.
  await owner.waitForFunction(() => {
    const items = Array.from(document.querySelectorAll('ol.events > li'))
    return items.length > 0 && items.every((item) => item.getAttribute('data-action') === 'api_key.revoked')
  })
  t.equal(await owner.locator('ol.events > li').count(), 1, 'the action filter keeps only that action: the one revocation')
  await screenshot(owner, 'console-audit-owner')

  // The admin's audit log has the sign-ins too.
  await admin.getByRole('link', { name: 'Audit log' }).click()
  await admin.locator('#action').selectOption('person.signed_in')
  await admin.getByRole('button', { name: 'Show' }).click()
  await admin.waitForFunction(() => {
    const items = Array.from(document.querySelectorAll('ol.events > li'))
    return items.length > 0 && items.every((item) => item.getAttribute('data-action') === 'person.signed_in')
  })
  for (const who of [ADMIN, OWNER, EDITOR]) t.equal(await admin.locator('ol.events > li', { hasText: who }).count(), 1, `${who}’s sign-in is logged`)

  t.same(errors, [], 'no script error on any page')
})

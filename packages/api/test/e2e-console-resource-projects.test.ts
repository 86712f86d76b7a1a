import t from 'tap'
import type { APIResponse } from 'playwright-core'
import { ensureConsoleBuild, lastMailId, linkIn, screenSettled, signInWithCode, waitForMail } from './helpers/console-e2e.js'
import { axeViolations, launchBrowser, newContext, screenshot, startWeGov } from './helpers/e2e.js'

/**
 * The resource editor's "Projects" field in Chromium: an editor ticks a project of their organisation and
 * saves; the public list of that project's resources (GET /v1/resources?project=) then has the resource,
 * and its source names the project. Unticked and saved, it is no longer attached. The field offers the
 * organisation's published projects, those it takes part in and its drafts (titles in their own language
 * and direction); an attached project it cannot list is kept on save; a project refused by the API
 * (deleted meanwhile) is flagged on the field, in the reader's language, with focus on its box.
 */
t.setTimeout(600_000)

const OWNER = 'owner.attach@example.org'
const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' }

interface Written {
  id: string
  slug: string
  version: number
}

t.test('an editor attaches a resource to a project, then detaches it', async (t) => {
  ensureConsoleBuild()
  const wegov = await startWeGov(t, { WEGOV_POW: 'off', WEGOV_ADMIN_EMAILS: OWNER })
  const browser = await launchBrowser(t)
  const errors: string[] = []
  const page = await (await newContext(browser, { viewport: { width: 1280, height: 900 } })).newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${wegov.url}/console/sign-in?lang=en`)
  await signInWithCode(page, wegov.url, OWNER)

  // Through the API with the console's cookie: calls as the signed-in person makes them.
  const call = async (method: 'post' | 'patch' | 'delete', path: string, data?: unknown, headers: Record<string, string> = {}): Promise<APIResponse> =>
    page.request[method](`${wegov.url}${path}`, { data, headers: { origin: wegov.url, 'accept-language': 'en', ...headers } })
  const written = async (response: APIResponse, what: string): Promise<Written> => {
    t.equal(response.status(), 201, what, { body: await response.text() })
    return (await response.json()) as Written
  }
  const source = async (id: string) => (await (await page.request.get(`${wegov.url}/v1/resources/${id}/source`)).json()) as Written & { projects: string[] }
  const listedWith = async (project: string) =>
    ((await (await fetch(`${wegov.url}/v1/resources?project=${project}`)).json()) as { items: { id: string }[] }).items.map((item) => item.id)

  /** An organisation the signed-in admin creates and owns (its owner invitation accepted). */
  const ownOrganisation = async (name: string) => {
    const before = await lastMailId(wegov.url, OWNER)
    const created = await written(await call('post', '/v1/organisations', { name: { fr: name }, kind: 'ngo', country: 'TN', originalLang: 'fr', ownerEmail: OWNER, ownerLang: 'en' }), name)
    const mail = await waitForMail(wegov.url, OWNER, (m) => Object.values(m.links).some((l) => l.includes('/invitations/accept')), before)
    const token = new URL(linkIn(mail, '/invitations/accept')).searchParams.get('token')
    t.equal((await call('post', '/v1/invitations/accept', { token })).status(), 200, `${name}: owned`)
    return created
  }
  const project = (organisation: Written, body: Record<string, unknown>) =>
    call('post', `/v1/organisations/${organisation.id}/projects`, { status: 'implementation', countries: ['TN'], ...body }).then((r) => written(r, String(body.slug)))

  const nour = await ownOrganisation('Association Nour')
  const partner = await ownOrganisation('Fondation Partenaire')
  const wells = await project(nour, { originalLang: 'fr', title: { fr: 'Des puits pour Kairouan' }, slug: 'e2e-attach-puits', state: 'published' })
  const draft = await project(nour, { originalLang: 'ar', title: { ar: 'مدارس مفتوحة' }, slug: 'e2e-attach-madaris', state: 'draft' })
  const takingPart = { participants: [{ organisation: nour.slug, role: 'implementing' }] }
  const shared = await project(partner, { originalLang: 'fr', title: { fr: 'Budget ouvert à Sfax' }, slug: 'e2e-attach-sfax', state: 'published', ...takingPart })
  const partnersDraft = await project(partner, { originalLang: 'fr', title: { fr: 'Projet pas encore public' }, slug: 'e2e-attach-pas-public', state: 'draft', ...takingPart })
  const notOurs = await project(partner, { originalLang: 'fr', title: { fr: 'Sans Nour' }, slug: 'e2e-attach-sans-nour', state: 'published' })

  // A new resource, in French, attached to the published project of the organisation.
  const editorUrl = `${wegov.url}/console/organisations/${nour.id}/resources`
  await page.goto(`${editorUrl}/new?lang=fr`)
  await screenSettled(page)
  const group = page.locator('fieldset#projects')
  t.match(await group.locator('legend').textContent(), /^\s*Projets/, 'a group named by its legend, in French')
  t.match(await group.getAttribute('aria-describedby'), /projects-hint/, 'and described by its hint')
  const offered = await group.locator('input[type="checkbox"]').evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value))
  t.same(offered.sort(), [wells.id, draft.id, shared.id].sort(), 'its projects, its drafts and those it takes part in; not another organisation’s')
  t.notOk(offered.includes(notOurs.id) || offered.includes(partnersDraft.id), 'nor another organisation’s draft')
  t.same(
    await group.locator(`label:has(#projects-${draft.id}) span[lang]`).evaluate((title) => [title.getAttribute('lang'), title.getAttribute('dir'), title.textContent]),
    ['ar', 'rtl', 'مدارس مفتوحة'],
    'an Arabic title keeps its language and direction in the French page',
  )
  await page.locator('#collection').selectOption('library')
  await page.locator('#kind').selectOption('guide')
  await page.locator('#title-fr').fill('Guide des puits communaux')
  await page.getByRole('checkbox', { name: 'Des puits pour Kairouan' }).check()
  await page.locator('main button[type="submit"]').click()
  await page.locator('#editor-status', { hasText: 'Le brouillon est enregistré.' }).waitFor()
  const resourceId = /\/resources\/([0-9a-f-]{36})/.exec(page.url())![1]!
  t.same((await source(resourceId)).projects, [wells.id], 'created attached to the project')
  await page.locator('#toggle-state').click()
  await page.locator('#editor-status', { hasText: 'Publié' }).waitFor()
  t.same(await listedWith(wells.slug), [resourceId], 'published, it is listed with the project (by slug)')
  t.same(await listedWith(wells.id), [resourceId], 'and by id')

  // Unticked and saved: no longer attached.
  await page.getByRole('checkbox', { name: 'Des puits pour Kairouan' }).uncheck()
  await page.locator('main button[type="submit"]').click()
  await page.locator('#editor-status', { hasText: 'Les modifications sont enregistrées et publiées.' }).waitFor()
  t.same((await source(resourceId)).projects, [], 'the source has no project')
  t.same(await listedWith(wells.slug), [], 'the project no longer lists it')

  // The partner's draft it takes part in is attached elsewhere (the API): the editor cannot list it, but keeps it.
  const current = await source(resourceId)
  const attached = await call('patch', `/v1/resources/${resourceId}`, { projects: [partnersDraft.id] }, { ...MERGE_PATCH, 'if-match': `"${resourceId}.${current.version}"` })
  t.equal(attached.status(), 200, 'attached through the API', { body: await attached.text() })
  await page.reload()
  await screenSettled(page)
  const unlisted = page.locator(`#projects-${partnersDraft.id}`)
  t.ok(await unlisted.isChecked(), 'a project the lists do not offer is shown ticked')
  t.match(await page.locator(`label:has(#projects-${partnersDraft.id})`).textContent(), /Un projet qui n’est pas listé ici/, 'said to be one not listed')
  await page.getByRole('checkbox', { name: 'Budget ouvert à Sfax' }).check()
  await page.locator('main button[type="submit"]').click()
  await page.locator('#editor-status', { hasText: 'Les modifications sont enregistrées et publiées.' }).waitFor()
  t.same((await source(resourceId)).projects, [shared.id, partnersDraft.id].sort(), 'saving keeps it, with the project ticked')
  t.same(await listedWith(shared.slug), [resourceId], 'a project it takes part in lists it')

  // The draft is ticked while someone deletes it: the API refuses it, and the field says so.
  const draftNow = await page.request.get(`${wegov.url}/v1/projects/${draft.id}/source`)
  t.equal((await call('delete', `/v1/projects/${draft.id}`, undefined, { 'if-match': draftNow.headers().etag! })).status(), 204, 'the draft deleted meanwhile')
  const box = page.locator(`#projects-${draft.id}`)
  await box.check()
  await page.locator('main button[type="submit"]').click()
  await page.locator('#projects-error').waitFor()
  t.match(await page.locator('#projects-error').textContent(), /Seuls les projets que votre organisation mène/, 'the error in French, on the group')
  t.equal(await page.evaluate(() => document.activeElement?.id), `projects-${draft.id}`, 'focus on the refused project')
  t.equal(await box.getAttribute('aria-invalid'), 'true', 'marked invalid')
  t.equal(await box.getAttribute('aria-describedby'), 'projects-error', 'and tied to the error')
  t.match(await group.getAttribute('aria-describedby'), /projects-error/, 'the group is described by it too')
  t.equal(await page.locator('#problem').getAttribute('role'), 'alert', 'announced')
  t.same(await axeViolations(page), [], 'the refused project: no axe violation')
  await screenshot(page, 'console-resource-projects-refused')
  await box.uncheck()
  await page.locator('main button[type="submit"]').click()
  await page.locator('#editor-status', { hasText: 'Les modifications sont enregistrées et publiées.' }).or(page.locator('#editor-status', { hasText: 'Rien n’a changé' })).waitFor()
  t.equal(await page.locator('#projects-error').count(), 0, 'unticked, the error is gone')
  t.same((await source(resourceId)).projects, [shared.id, partnersDraft.id].sort(), 'the rest still attached')

  // An organisation without projects: a sentence instead of an empty group.
  const empty = await ownOrganisation('Association Sans Projet')
  await page.goto(`${wegov.url}/console/organisations/${empty.id}/resources/new?lang=en`)
  await screenSettled(page)
  t.equal(await page.locator('fieldset#projects input').count(), 0, 'no box')
  t.equal((await page.locator('#projects-none').textContent())?.trim(), 'Your organisation has no project yet.', 'a sentence says so')
  t.same(errors, [], 'no script error')
})

import { DOMParser } from '@xmldom/xmldom'
import t from 'tap'
import { ORGANISATIONS } from './helpers/content-fixtures.js'
import { MERGE_PATCH, buildWritersApp, projectBody, resourceBody } from './helpers/content-writers.js'
import { activityRuleProblems, xmllintProblems } from './helpers/iati-rules.js'

/**
 * Resources attached to projects (issue 17): an organisation attaches its resources to the projects it runs
 * or takes part in; a project's page lists them (GET /v1/resources?project=), and its IATI activity links
 * them as document-links.
 */
t.test('a resource is attached to its organisation’s projects, listed with them, and linked from their IATI activities', async (t) => {
  const { writers, ngo } = await buildWritersApp(t)
  const { editor, otherEditor, admin } = writers
  const published = { state: 'published' }
  const create = async (writer: typeof editor, path: string, payload: Record<string, unknown>) => {
    const res = await writer.request('POST', path, { payload })
    t.equal(res.statusCode, 201, res.body)
    return res.json()
  }
  const own = await create(editor, `/v1/organisations/${ngo}/projects`, projectBody({ ...published, slug: 'own-project' }))
  const funderOrganisation = (await admin.request('GET', `/v1/organisations/${ORGANISATIONS.funder}`)).json().id
  const together = await create(
    otherEditor,
    `/v1/organisations/${funderOrganisation}/projects`,
    projectBody({ ...published, slug: 'shared-project', participants: [{ organisation: ORGANISATIONS.ngo, role: 'implementing' }] }),
  )
  const theirs = await create(otherEditor, `/v1/organisations/${funderOrganisation}/projects`, projectBody({ ...published, slug: 'their-project' }))

  const refused = await editor.request('POST', `/v1/organisations/${ngo}/resources`, {
    payload: resourceBody({ ...published, projects: [own.id, theirs.id] }),
    headers: { 'accept-language': 'ar' },
  })
  t.equal(refused.statusCode, 400, 'another organisation’s project is refused')
  t.equal(refused.json().code, 'WEGOV_UNRELATED_PROJECT')
  t.equal(refused.json().detail, 'لا يمكن ربط مورد إلا بمشروع تديره منظمته أو تشارك فيه.')
  t.same(refused.json().errors.map((e: { field: string }) => e.field), ['projects.1'], 'the field names the position sent')

  const resource = await create(
    editor,
    `/v1/organisations/${ngo}/resources`,
    resourceBody({ ...published, url: 'https://example.org/guide-transparence', projects: [together.id, own.id] }),
  )
  t.same(resource.projects, [own.id, together.id].sort(), 'its own project and one it takes part in, in id order')

  /** The projects a resource's public read names: id, slug and title (in the language asked for, or the one it has). */
  const namedBy = async (idOrSlug: string, lang = 'fr') =>
    (await writers.anonymous.request('GET', `/v1/resources/${idOrSlug}?lang=${lang}`)).json().projects.map((p: { id: string; slug: string; title: { text: string; lang: string } }) => [p.slug, p.id, p.title.text, p.title.lang])
  const title = 'الميزانية التشاركية في صفاقس'
  t.same(await namedBy(resource.slug), [['own-project', own.id, title, 'ar'], ['shared-project', together.id, title, 'ar']], 'its read names both projects, by slug')
  const listed = async (project: string) => (await writers.anonymous.request('GET', `/v1/resources?project=${project}`)).json().items.map((r: { id: string }) => r.id)
  t.same(await listed('own-project'), [resource.id], 'by slug')
  t.same(await listed(together.id), [resource.id], 'by id')
  t.same(await listed('their-project'), [])
  t.equal((await writers.anonymous.request('GET', '/v1/resources?project=Not%20a%20slug')).statusCode, 400)

  const patched = await editor.request('PATCH', `/v1/resources/${resource.id}`, {
    headers: { ...MERGE_PATCH, 'if-match': `"${resource.id}.1"` },
    payload: { projects: [own.id] },
  })
  t.equal(patched.statusCode, 200, patched.body)
  t.same(patched.json().projects, [own.id], 'a patch replaces the list')
  t.same(await listed(together.id), [], 'no longer listed with the project it left')
  t.same(await namedBy(resource.slug), [['own-project', own.id, title, 'ar']], 'nor named by the resource (its cached read forgotten)')
  const again = await editor.request('PATCH', `/v1/resources/${resource.id}`, {
    headers: { ...MERGE_PATCH, 'if-match': `"${resource.id}.2"` },
    payload: { projects: [own.id, own.id] },
  })
  t.equal(again.statusCode, 400, 'a project twice is a schema error')
  const same = await editor.request('PATCH', `/v1/resources/${resource.id}`, {
    headers: { ...MERGE_PATCH, 'if-match': `"${resource.id}.2"` },
    payload: { projects: [own.id] },
  })
  t.equal(same.json().version, 2, 'the same projects again: no new version')

  t.test('the project’s IATI activity links the resource', async (t) => {
    const profile = await admin.request('PATCH', `/v1/organisations/${ngo}/profile`, { payload: { iatiIdentifier: 'TN-RNE-7654321Z' } })
    t.equal(profile.statusCode, 200, profile.body)
    const xml = (await writers.anonymous.request('GET', `/v1/iati/activities.xml?organisation=${ORGANISATIONS.ngo}`)).body
    t.same(await xmllintProblems(xml, 'iati-activities-schema.xsd'), [], 'the file validates')
    t.same(activityRuleProblems(xml), [])
    const activities = Array.from(new DOMParser().parseFromString(xml, 'application/xml').getElementsByTagName('iati-activity'))
    const activityOf = (id: string) => activities.find((a) => a.getElementsByTagName('iati-identifier')[0]!.textContent!.endsWith(id))!
    const links = Array.from(activityOf(own.id).getElementsByTagName('document-link'))
    t.same(
      links.map((link) => [link.getAttribute('url'), link.getAttribute('format'), link.getElementsByTagName('category')[0]!.getAttribute('code')]),
      [['https://example.org/guide-transparence', 'text/html', 'A08']],
      'its one attached resource, as an output of the project',
    )
    t.equal(links[0]!.getElementsByTagName('narrative')[0]!.textContent, 'Guide de la transparence budgétaire')
    t.same(Array.from(links[0]!.getElementsByTagName('language')).map((l) => l.getAttribute('code')), ['fr'])
    t.equal(activityOf(together.id), undefined, 'the funder has no identifier: its project is not in the file')
  })

  t.test('a project no longer public lists nothing, and its unpublished resources never show', async (t) => {
    const draft = await create(editor, `/v1/organisations/${ngo}/resources`, resourceBody({ projects: [own.id] }))
    t.equal(draft.state, 'draft')
    t.same(await listed('own-project'), [resource.id], 'the draft is not listed')
    const unpublished = await editor.request('PATCH', `/v1/projects/${own.id}`, { headers: { ...MERGE_PATCH, 'if-match': `"${own.id}.1"` }, payload: { state: 'draft' } })
    t.equal(unpublished.statusCode, 200, unpublished.body)
    t.same(await listed(own.id), [], 'an unpublished project lists nothing')
    t.same(await listed('own-project'), [], 'nor does the list cached while it was public')
    t.same(await namedBy(resource.slug), [], 'and the resource no longer names it (its cached read forgotten)')
    const republished = await editor.request('PATCH', `/v1/projects/${own.id}`, { headers: { ...MERGE_PATCH, 'if-match': `"${own.id}.2"` }, payload: { state: 'published' } })
    t.equal(republished.statusCode, 200, republished.body)
    t.same(await namedBy(resource.slug), [['own-project', own.id, title, 'ar']], 'published again: named again')
    const renamed = await editor.request('PATCH', `/v1/projects/${own.id}`, { headers: { ...MERGE_PATCH, 'if-match': `"${own.id}.3"` }, payload: { title: { fr: 'Budget participatif à Sfax' } } })
    t.equal(renamed.statusCode, 200, renamed.body)
    t.same(await namedBy(resource.slug), [['own-project', own.id, 'Budget participatif à Sfax', 'fr']], 'a new translation shows at once')
  })
})

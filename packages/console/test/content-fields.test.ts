import { test } from 'tap'
import { changedKeys, createBody, modelOf, patchOf } from '../src/content/content-fields.js'
import type { ProjectSource, ResourceSource } from '../src/content/content-source.js'

/**
 * The editors send only what changed, as a JSON merge patch: one language of a translated field on its own,
 * null to remove a language or clear a field, a group (budget, webinar) whole. What the conflict screen
 * names comes from the same comparison.
 */
const meta = {
  id: '7d6f3a4e-0000-4000-8000-000000000001',
  slug: 'eau-propre',
  state: 'published' as const,
  version: 3,
  originalLang: 'ar' as const,
  owner: { id: '7d6f3a4e-0000-4000-8000-000000000002', slug: 'nour' },
  title: { ar: 'مياه نظيفة', fr: 'Eau propre' },
  summary: { ar: 'ملخص' },
  countries: ['TN'],
  themes: ['transparency' as const],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  deletedAt: null,
  firstPublishedAt: '2026-12-01T10:00:00.000Z',
}

const project: ProjectSource = {
  ...meta,
  description: {},
  status: 'implementation',
  plannedStart: '2026-01-15',
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  budget: { amount: 1000, currency: 'EUR' },
  participants: [{ organisation: 'nour', role: 'funding' }],
  website: null,
  contact: null,
}

test('an unchanged model sends nothing', async (t) => {
  t.same(changedKeys('projects', modelOf('projects', project), modelOf('projects', project)), [])
})

test('one language of a title, on its own; an emptied language is removed', async (t) => {
  const before = modelOf('projects', project)
  const after = { ...before, 'title.fr': 'De l’eau propre', 'summary.ar': '' }
  const keys = changedKeys('projects', before, after)
  t.same(keys, ['title.fr', 'summary.ar'])
  t.same(patchOf('projects', after, keys), { title: { fr: 'De l’eau propre' }, summary: { ar: null } })
})

test('a date cleared is null; the budget is sent whole; lists are sent as they are', async (t) => {
  const before = modelOf('projects', project)
  const after = { ...before, plannedStart: '', 'budget.currency': 'tnd', countries: ['TN', 'JO'], participants: [] }
  const keys = changedKeys('projects', before, after)
  t.same(patchOf('projects', after, keys), { plannedStart: null, budget: { amount: 1000, currency: 'TND' }, countries: ['TN', 'JO'], participants: [] })
  t.same(patchOf('projects', { ...after, 'budget.amount': '' }, ['budget.amount']), { budget: null }, 'no amount: no budget')
})

test('a new item: only what was filled in, as a draft in its original language', async (t) => {
  const model = { ...modelOf('projects'), 'title.ar': 'مشروع', status: 'pipeline', plannedEnd: '2027-01-01' }
  t.same(createBody('projects', model, 'ar'), { title: { ar: 'مشروع' }, status: 'pipeline', plannedEnd: '2027-01-01', originalLang: 'ar', state: 'draft' })
})

test('a webinar in the reader’s time zone is sent as an instant; the document is attached by its fileId', async (t) => {
  const resource: ResourceSource = {
    ...meta,
    languages: ['fr'],
    url: null,
    publisher: null,
    publishedOn: null,
    licence: null,
    durationSeconds: null,
    collection: 'learning',
    kind: 'webinar',
    body: { fr: '<p>Texte</p>' },
    webinar: { startsAt: '2026-12-10T09:00:00.000Z', endsAt: '2026-12-10T10:00:00.000Z', joinUrl: null, recordingUrl: null },
    fileId: '7d6f3a4e-0000-4000-8000-0000000000ff',
    file: { url: 'https://wegov.example/v1/files/7d6f3a4e-0000-4000-8000-0000000000ff', type: 'application/pdf', size: 10 },
    projects: [],
  }
  const before = modelOf('resources', resource)
  t.equal(before.fileId, '7d6f3a4e-0000-4000-8000-0000000000ff')
  const after = { ...before, 'webinar.joinUrl': 'https://meet.example/x' }
  t.same(patchOf('resources', after, changedKeys('resources', before, after)), {
    webinar: { startsAt: '2026-12-10T09:00:00.000Z', endsAt: '2026-12-10T10:00:00.000Z', joinUrl: 'https://meet.example/x', recordingUrl: null },
  })
  // A new upload or a detached document goes in the same merge patch as every other change.
  const replaced = { ...before, fileId: '7d6f3a4e-0000-4000-8000-0000000000fe' }
  t.same(patchOf('resources', replaced, changedKeys('resources', before, replaced)), { fileId: '7d6f3a4e-0000-4000-8000-0000000000fe' })
  const detached = { ...before, fileId: '' }
  t.same(patchOf('resources', detached, changedKeys('resources', before, detached)), { fileId: null })
  t.same(createBody('resources', { ...modelOf('resources'), 'title.fr': 'Guide', fileId: '7d6f3a4e-0000-4000-8000-0000000000fe' }, 'fr').fileId, '7d6f3a4e-0000-4000-8000-0000000000fe')
})

test('a resource’s projects: the whole list in the patch, in id order; ticked off and on again, nothing changed', async (t) => {
  const [a, b, c] = ['7d6f3a4e-0000-4000-8000-00000000000a', '7d6f3a4e-0000-4000-8000-00000000000b', '7d6f3a4e-0000-4000-8000-00000000000c']
  const resource = {
    ...meta,
    languages: [],
    url: null,
    publisher: null,
    publishedOn: null,
    licence: null,
    durationSeconds: null,
    collection: 'library',
    kind: 'guide',
    body: {},
    webinar: null,
    fileId: null,
    file: null,
    projects: [c, a],
  } satisfies ResourceSource
  const before = modelOf('resources', resource)
  t.same(before.projects, [a, c], 'sorted as the source sorts them')
  t.same(changedKeys('resources', before, { ...before, projects: [a, c] }), [])
  const after = { ...before, projects: [a, b, c] }
  t.same(patchOf('resources', after, changedKeys('resources', before, after)), { projects: [a, b, c] }, 'a merge patch replaces the whole list')
  t.same(patchOf('resources', { ...before, projects: [] }, ['projects']), { projects: [] }, 'none: an empty list, not null')
  t.same(createBody('resources', { ...modelOf('resources'), 'title.fr': 'Guide', projects: [b] }, 'fr').projects, [b])
  t.notOk('projects' in createBody('resources', { ...modelOf('resources'), 'title.fr': 'Guide' }, 'fr'), 'a new item without projects sends none')
})

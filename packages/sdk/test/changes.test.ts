import t from 'tap'
import { encodeCursor } from '../../api/src/http/cursor.js'
import { addProject, addResource, createFixtureOrganisations } from '../../api/test/helpers/content-fixtures.js'
import { writeItem } from '../../api/test/helpers/content-changes.js'
import { createClient, NotFoundError } from '../src/index.js'
import { startApi } from './helpers/servers.js'

t.test('changes: a page, every page until caught up, and resuming later', async (t) => {
  const { app, baseUrl } = await startApi(t)
  await createFixtureOrganisations(app.db)
  const ids: string[] = []
  for (let i = 1; i <= 3; i++) {
    const project = await addProject(app.db, { title: { fr: `Projet ${i}` } })
    await writeItem(app.db, 'project', project.id, { title: { fr: `Projet ${i}`, ar: `مشروع ${i}` } })
    ids.push(project.id)
  }
  const wegov = createClient({ baseUrl })

  const first = await wegov.changes.page({ limit: 2 })
  t.same(first.items.map((c) => c.id), ids.slice(0, 2))
  t.type(first.nextCursor, 'string')
  const item = first.items[0]!.item as { title: { fr?: string; ar?: string } }
  t.same(item.title, { fr: 'Projet 1', ar: 'مشروع 1' }, 'every language, typed as Translations')

  const all = await wegov.changes.list({ limit: 1 }).collect()
  t.same(all.map((c) => [c.type, c.id, c.action]), ids.map((id) => ['project', id, 'upsert']), 'list() follows the pages until caught up')

  const caughtUp = await wegov.changes.page({ since: first.nextCursor! })
  t.equal(caughtUp.nextCursor, null)
  const resource = await addResource(app.db, { title: { fr: 'Ressource' } })
  await writeItem(app.db, 'resource', resource.id, { title: { fr: 'Ressource, revue' } })
  const later = await wegov.changes.page({ since: caughtUp.resumeCursor })
  t.same(later.items.map((c) => [c.type, c.id]), [['resource', resource.id]], 'resumeCursor picks up where the reader left')

  const expired = await wegov.changes.page({ since: encodeCursor([0, Date.now() - 365 * 86_400_000]) }).catch((e: unknown) => e)
  t.type(expired, NotFoundError)
  t.equal((expired as NotFoundError).code, 'WEGOV_CURSOR_EXPIRED')
  t.equal((expired as NotFoundError).status, 410)
})

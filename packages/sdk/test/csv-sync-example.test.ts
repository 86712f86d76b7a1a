import { readFile } from 'node:fs/promises'
import t from 'tap'
import { projectsFromCsv, syncProjects } from '../../../examples/node-sdk/csv-sync.js'
import { createClient } from '../src/index.js'
import { invitationToken, signedInClient } from './helpers/console-browser.js'
import { startApi } from './helpers/servers.js'

/* examples/node-sdk/sync-projects-from-csv.ts against a real API: run twice, the second run changes nothing. */

t.test('the CSV sync example is idempotent', async (t) => {
  const { app, baseUrl } = await startApi(t, { config: { adminEmails: ['admin@example.org'], rateLimit: false } })
  const admin = await signedInClient(app, baseUrl, 'admin@example.org')
  const organisation = await admin.wegov.organisations.create({ name: { fr: 'Mourakiboun' }, kind: 'ngo', country: 'TN', originalLang: 'fr', ownerEmail: 'hedi@example.org' })
  const owner = await signedInClient(app, baseUrl, 'hedi@example.org')
  await owner.wegov.invitations.accept(await invitationToken(app, baseUrl, 'hedi@example.org'))
  const key = await owner.wegov.apiKeys.create(organisation.id, { name: 'CSV sync', scopes: ['content:write', 'drafts:read'] })
  const wegov = createClient({ baseUrl, apiKey: key.secret })
  const csv = await readFile(new URL('../../../examples/node-sdk/projects.csv', import.meta.url), 'utf8')
  t.equal(projectsFromCsv(csv)[2]!.write.title.fr, 'Conseils locaux des jeunes, Sfax', 'a quoted comma stays in its cell')

  const versions = async () =>
    Object.fromEntries(
      (await app.db.selectFrom('projects').select(['slug', 'version']).where('owner_organisation_id', '=', organisation.id).orderBy('slug').execute()).map((p) => [p.slug, p.version]),
    )
  const first = await syncProjects(wegov, csv)
  t.same(first, { created: ['MRK-001', 'MRK-002', 'MRK-003'], updated: [], unchanged: [] })
  const afterFirst = await versions()
  t.same(Object.keys(afterFirst), ['ref-mrk-001', 'ref-mrk-002', 'ref-mrk-003'])

  const second = await syncProjects(wegov, csv)
  t.same(second, { created: [], updated: [], unchanged: ['MRK-001', 'MRK-002', 'MRK-003'] })
  t.same(await versions(), afterFirst, 'the second run wrote no new version')

  const edited = csv.replace('Observatoire des budgets municipaux', 'Observatoire des budgets des communes')
  const third = await syncProjects(wegov, edited)
  t.same(third.updated, ['MRK-001'])
  const afterThird = await versions()
  t.equal(afterThird['ref-mrk-001'], afterFirst['ref-mrk-001']! + 1, 'a changed row is one new version')
  const reader = createClient({ baseUrl, lang: 'fr' })
  t.equal((await reader.projects.get('ref-mrk-001')).title.text, 'Observatoire des budgets des communes')
})

import { readFile } from 'node:fs/promises'
import t from 'tap'
import { OPENAPI_PATH } from '../scripts/export-openapi.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { signIn } from './helpers/accounts.js'
import { addPetition } from './helpers/petition-fixtures.js'
import { DIALECT, buildTestApp } from './helpers/test-app.js'

interface Operation {
  parameters?: { name: string; in: string }[]
  security?: unknown[]
}

/** Every GET the OpenAPI document gives a `limit`: the lists and the feeds, and those needing a sign-in (the audit). */
async function pagedPaths(): Promise<{ path: string; signedIn: boolean }[]> {
  const document = JSON.parse(await readFile(OPENAPI_PATH, 'utf8')) as { paths: Record<string, { get?: Operation }> }
  return Object.entries(document.paths)
    .filter(([, item]) => item.get?.parameters?.some((p) => p.name === 'limit' && p.in === 'query'))
    .map(([path, item]) => ({ path, signedIn: (item.get?.security?.length ?? 0) > 0 }))
}

const ADMIN = 'admin@example.org'

/** Numbers a query string can spell that are no page size: non-finite once read, or out of 1-100. */
const OUT_OF_RANGE = ['Infinity', '-Infinity', '1e309', '-1e309', '0', '101', '-1', '1e3']

t.test(`every list and feed refuses a page size it cannot serve, with WEGOV_LIMIT_OUT_OF_RANGE (${DIALECT})`, async (t) => {
  const app = await buildTestApp(t, { config: { adminEmails: [ADMIN] } })
  await createFixtureOrganisations(app.db)
  const petition = await addPetition(app.db)
  const organisation = await app.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()
  const paths = await pagedPaths()
  t.equal(paths.filter((p) => !p.signedIn).length, 8, 'the eight public list and feed endpoints')
  t.equal(paths.filter((p) => p.signedIn).length, 2, 'and the two audit logs')
  const admin = await signIn(app, ADMIN)

  for (const { path: template, signedIn } of paths) {
    const path = template.replace('{idOrSlug}', petition.slug).replace('{organisationId}', organisation.id)
    const cookie = signedIn ? { cookie: admin } : {}
    for (const limit of OUT_OF_RANGE) {
      const res = await app.inject({ method: 'GET', url: `${path}?limit=${encodeURIComponent(limit)}`, headers: { 'accept-language': 'en', ...cookie } })
      t.equal(res.statusCode, 400, `${path}?limit=${limit} -> 400`)
      t.match(res.headers['content-type'], /^application\/problem\+json/)
      t.equal(res.json().code, 'WEGOV_LIMIT_OUT_OF_RANGE', `${path}?limit=${limit} -> WEGOV_LIMIT_OUT_OF_RANGE`)
    }
    for (const limit of ['1', '100', '1e2']) {
      const res = await app.inject({ method: 'GET', url: `${path}?limit=${limit}`, headers: cookie })
      t.equal(res.statusCode, 200, `${path}?limit=${limit} is served`)
    }
  }
})

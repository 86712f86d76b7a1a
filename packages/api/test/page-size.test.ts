import { readFile } from 'node:fs/promises'
import t from 'tap'
import { OPENAPI_PATH } from '../scripts/export-openapi.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { signIn } from './helpers/accounts.js'
import { addPetition } from './helpers/petition-fixtures.js'
import { DIALECT, buildTestApp } from './helpers/test-app.js'

interface Operation {
  parameters?: { name: string; in: string; schema?: { maximum?: number } }[]
  security?: unknown[]
}

/**
 * Every GET the OpenAPI document gives a `limit`: the lists and the feeds, and those needing a sign-in (the
 * audit), with the largest page each serves (100, or 1,000 for the change feed).
 */
async function pagedPaths(): Promise<{ path: string; signedIn: boolean; max: number }[]> {
  const document = JSON.parse(await readFile(OPENAPI_PATH, 'utf8')) as { paths: Record<string, { get?: Operation }> }
  return Object.entries(document.paths).flatMap(([path, item]) => {
    const limit = item.get?.parameters?.find((p) => p.name === 'limit' && p.in === 'query')
    return limit ? [{ path, signedIn: (item.get?.security?.length ?? 0) > 0, max: limit.schema?.maximum ?? Number.NaN }] : []
  })
}

const ADMIN = 'admin@example.org'

/** Numbers a query string can spell that are no page size: non-finite once read, or out of 1-max. */
const outOfRange = (max: number) => ['Infinity', '-Infinity', '1e309', '-1e309', '0', String(max + 1), '-1', `1e${Math.log10(max) + 1}`]

t.test(`every list and feed refuses a page size it cannot serve, with WEGOV_LIMIT_OUT_OF_RANGE (${DIALECT})`, async (t) => {
  const app = await buildTestApp(t, { config: { adminEmails: [ADMIN] } })
  await createFixtureOrganisations(app.db)
  const petition = await addPetition(app.db)
  const organisation = await app.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()
  const paths = await pagedPaths()
  t.equal(paths.filter((p) => !p.signedIn).length, 9, 'the nine public list and feed endpoints (the change feed is the ninth)')
  t.same([...new Set(paths.map((p) => p.max))].sort((a, b) => a - b), [100, 1000], 'each says its largest page')
  t.equal(paths.filter((p) => p.signedIn).length, 4, 'and the signed-in ones: the two audit logs, the held signatures, a webhook’s deliveries')
  const admin = await signIn(app, ADMIN)
  const webhook = await app.inject({
    method: 'POST',
    url: `/v1/organisations/${organisation.id}/webhooks`,
    headers: { cookie: admin, origin: 'http://localhost' },
    payload: { url: 'https://127.0.0.1:9/hooks', eventTypes: ['project.published'] },
  })
  if (webhook.statusCode !== 201) throw new Error(`registering a webhook answered ${webhook.statusCode}: ${webhook.body}`)

  for (const { path: template, signedIn, max } of paths) {
    const path = template.replace('{idOrSlug}', petition.slug).replace('{organisationId}', organisation.id).replace('{webhookId}', webhook.json().id)
    const cookie = signedIn ? { cookie: admin } : {}
    for (const limit of outOfRange(max)) {
      const res = await app.inject({ method: 'GET', url: `${path}?limit=${encodeURIComponent(limit)}`, headers: { 'accept-language': 'en', ...cookie } })
      t.equal(res.statusCode, 400, `${path}?limit=${limit} -> 400`)
      t.match(res.headers['content-type'], /^application\/problem\+json/)
      t.equal(res.json().code, 'WEGOV_LIMIT_OUT_OF_RANGE', `${path}?limit=${limit} -> WEGOV_LIMIT_OUT_OF_RANGE`)
    }
    for (const limit of ['1', String(max), `1e${Math.log10(max)}`]) {
      const res = await app.inject({ method: 'GET', url: `${path}?limit=${limit}`, headers: cookie })
      t.equal(res.statusCode, 200, `${path}?limit=${limit} is served`)
    }
  }
})

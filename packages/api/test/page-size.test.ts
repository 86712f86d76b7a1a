import { readFile } from 'node:fs/promises'
import t from 'tap'
import { OPENAPI_PATH } from '../scripts/export-openapi.js'
import { createFixtureOrganisations } from './helpers/content-fixtures.js'
import { addPetition } from './helpers/petition-fixtures.js'
import { DIALECT, buildTestApp } from './helpers/test-app.js'

interface Operation {
  parameters?: { name: string; in: string }[]
}

/** Every GET the OpenAPI document gives a `limit`: the lists and the feeds. */
async function pagedPaths(): Promise<string[]> {
  const document = JSON.parse(await readFile(OPENAPI_PATH, 'utf8')) as { paths: Record<string, { get?: Operation }> }
  return Object.entries(document.paths)
    .filter(([, item]) => item.get?.parameters?.some((p) => p.name === 'limit' && p.in === 'query'))
    .map(([path]) => path)
}

/** Numbers a query string can spell that are no page size: non-finite once read, or out of 1-100. */
const OUT_OF_RANGE = ['Infinity', '-Infinity', '1e309', '-1e309', '0', '101', '-1', '1e3']

t.test(`every list and feed refuses a page size it cannot serve, with WEGOV_LIMIT_OUT_OF_RANGE (${DIALECT})`, async (t) => {
  const app = await buildTestApp(t)
  await createFixtureOrganisations(app.db)
  const petition = await addPetition(app.db)
  const paths = await pagedPaths()
  t.equal(paths.length, 8, 'the eight list and feed endpoints')

  for (const template of paths) {
    const path = template.replace('{idOrSlug}', petition.slug)
    for (const limit of OUT_OF_RANGE) {
      const res = await app.inject({ method: 'GET', url: `${path}?limit=${encodeURIComponent(limit)}`, headers: { 'accept-language': 'en' } })
      t.equal(res.statusCode, 400, `${path}?limit=${limit} -> 400`)
      t.match(res.headers['content-type'], /^application\/problem\+json/)
      t.equal(res.json().code, 'WEGOV_LIMIT_OUT_OF_RANGE', `${path}?limit=${limit} -> WEGOV_LIMIT_OUT_OF_RANGE`)
    }
    for (const limit of ['1', '100', '1e2']) {
      const res = await app.inject({ method: 'GET', url: `${path}?limit=${limit}` })
      t.equal(res.statusCode, 200, `${path}?limit=${limit} is served`)
    }
  }
})

import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { addProject, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { buildTestApp } from './helpers/test-app.js'

type Page = { items: { slug: string }[]; nextCursor: string | null }

async function searchProjects(app: FastifyInstance, q: string, limit: number, cursor?: string | null): Promise<Page> {
  const url = `/v1/projects?q=${encodeURIComponent(q)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`
  const res = await app.inject({ method: 'GET', url })
  if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res.json() as Page
}

/** Every page of a search, followed through its cursors. */
async function walk(app: FastifyInstance, q: string, limit: number): Promise<string[]> {
  const slugs: string[] = []
  let cursor: string | null = null
  do {
    const page: Page = await searchProjects(app, q, limit, cursor)
    slugs.push(...page.items.map((item) => item.slug))
    cursor = page.nextCursor
  } while (cursor && slugs.length < 50)
  return slugs
}

// A page of one item looks for title matches among the 100 newest projects first (search-page.ts), then
// collects them through the index. The fillers push the older matches out of those 100, so both ways of
// finding a page, and the passage from title matches to the others, are walked through.
t.test('search results: title matches first, then the others, newest first in each, page after page', async (t) => {
  const app = await buildTestApp(t)
  await createFixtureOrganisations(app.db)
  const oldTitle = await addProject(app.db, { slug: 'old-title', title: { fr: 'Aqueduc de Zaghouan' } })
  const oldTitle2 = await addProject(app.db, { slug: 'old-title-2', title: { fr: 'Les aqueducs de Kairouan' } })
  const oldSummary = await addProject(app.db, { slug: 'old-summary', summary: { fr: 'Restaurer un aqueduc.' } })
  const oldBody = await addProject(app.db, { slug: 'old-body', description: { fr: 'Le vieil aqueduc romain.' } })
  for (let i = 0; i < 100; i++) await addProject(app.db, { slug: `filler-${i}` })
  const newTitle = await addProject(app.db, { slug: 'new-title', title: { fr: 'Aqueduc de Dougga' } })
  const newSummary = await addProject(app.db, { slug: 'new-summary', summary: { fr: 'Un aqueduc municipal.' } })
  const newestTitle = await addProject(app.db, {
    slug: 'newest-title',
    title: { fr: 'Aqueduc de Carthage' },
    summary: { fr: 'Un aqueduc romain, encore.' },
  })

  const expected = [newestTitle, newTitle, oldTitle2, oldTitle, newSummary, oldBody, oldSummary].map((p) => p.slug)
  t.same((await searchProjects(app, 'aqueduc', 20)).items.map((item) => item.slug), expected, 'one page')
  for (const limit of [1, 2, 4]) t.same(await walk(app, 'aqueduc', limit), expected, `pages of ${limit}`)

  // A title that matches while the whole record is excluded: the body must be read too.
  const withoutRoman = expected.filter((slug) => slug !== newestTitle.slug && slug !== oldBody.slug)
  t.same(await walk(app, 'aqueduc -romain', 1), withoutRoman, 'negation')

  const refused = await app.inject({
    method: 'GET',
    url: `/v1/projects?q=aqueduc&cursor=${Buffer.from(JSON.stringify([2, '2024-01-01T00:00:00.000000Z', newTitle.id])).toString('base64url')}`,
  })
  t.equal(refused.json().code, 'WEGOV_BAD_CURSOR', 'a tier that does not exist')
})

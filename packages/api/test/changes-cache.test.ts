import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { buildApp } from '../src/app.js'
import { type Database, openDatabase } from '../src/db/database.js'
import { CHANGES_CHANNEL } from '../src/domains/changes/change-invalidation.js'
import { CONTENT_CHANNEL } from '../src/http/read-cache.js'
import { addProject, addResource, createFixtureOrganisations } from './helpers/content-fixtures.js'
import { writeItem } from './helpers/content-changes.js'
import { DIALECT, openTestDatabase, testConfig } from './helpers/test-app.js'
import { eventuallyTrue } from './helpers/eventually-true.js'
import { notificationsHeard } from './helpers/notifications-heard.js'

const title = async (app: FastifyInstance, url: string) => (await app.inject({ method: 'GET', url })).json().title.text as string

/**
 * Two API instances on one database (two pools on PostgreSQL, as two processes; one PGlite shared in
 * this process): a write that one of them, or anything else, records in the change log reaches both
 * caches, and each forgets only the item and its type's lists.
 */
async function twoInstances(t: Test): Promise<[FastifyInstance, FastifyInstance, Database]> {
  const first = await openTestDatabase(t)
  let second = first
  if (DIALECT === 'postgres') {
    const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(first.db)
    second = await openDatabase({ url: process.env.DATABASE_URL!, schema: rows[0]!.schema, poolSize: 2 })
    t.teardown(() => second.close())
  }
  const apps: FastifyInstance[] = []
  for (const database of [first, second]) {
    const app = await buildApp({ config: testConfig(), database, logger: false })
    t.teardown(() => app.close())
    await app.ready()
    apps.push(app)
  }
  return [apps[0]!, apps[1]!, first]
}

t.test('a content write forgets its item and its lists on every instance, and nothing else', async (t) => {
  const [one, two, database] = await twoInstances(t)
  const { db } = database
  const heardBy = [await notificationsHeard(t, one.database, CONTENT_CHANNEL), await notificationsHeard(t, two.database, CONTENT_CHANNEL)]
  await createFixtureOrganisations(db)
  const a = await addProject(db, { title: { fr: 'Projet A' } })
  const b = await addProject(db, { title: { fr: 'Projet B' } })
  const resource = await addResource(db, { title: { fr: 'Ressource R' } })
  // The fixtures' writes record no event: each clears the whole cache (the fallback) when its NOTIFY arrives,
  // on PostgreSQL after the write returned. Read only once the last one has reached both instances, or it
  // would drop the entries read below, whose keeping is what this test is about.
  t.ok(await eventuallyTrue(() => heardBy.every((heard) => heard('resources'))), 'the fixtures were announced to both instances')
  const urls = { a: `/v1/projects/${a.slug}?lang=fr`, aById: `/v1/projects/${a.id}?lang=fr`, b: `/v1/projects/${b.id}?lang=fr`, projects: '/v1/projects?lang=fr', resources: '/v1/resources?lang=fr', resource: `/v1/resources/${resource.id}?lang=fr` }
  for (const app of [one, two]) {
    for (const url of Object.values(urls)) t.equal((await app.inject({ method: 'GET', url })).statusCode, 200, url)
  }
  t.equal(await title(one, urls.b), 'Projet B')

  // One transaction changes A (recorded in the change log) and, behind the log's back, B's title: B's
  // cached reply staying as it was proves that its entry was kept, through HTTP.
  await writeItem(db, 'project', a.id, {
    title: { fr: 'Projet A, corrigé' },
    alsoSilently: async (trx) => {
      await trx.updateTable('projects').set({ title: JSON.stringify({ fr: 'Projet B, en douce' }) }).where('id', '=', b.id).execute()
    },
  })

  for (const [name, app] of [['first', one], ['second', two]] as const) {
    t.ok(await eventuallyTrue(async () => (await title(app, urls.a)) === 'Projet A, corrigé'), `${name} instance: A by slug is fresh`)
    t.equal(await title(app, urls.aById), 'Projet A, corrigé', `${name} instance: A by id is fresh`)
    const list = (await app.inject({ method: 'GET', url: urls.projects })).json() as { items: { id: string; title: { text: string } }[] }
    t.equal(list.items.find((p) => p.id === a.id)?.title.text, 'Projet A, corrigé', `${name} instance: the projects list is fresh`)
    t.equal(await title(app, urls.b), 'Projet B', `${name} instance: B's cached reply was kept`)
    t.ok(app.readCache.has('fr', urls.resources), `${name} instance: the resources list stayed cached`)
    t.ok(app.readCache.has('fr', urls.resource), `${name} instance: the resource stayed cached`)
  }

  // A write that records no event (the demo loader, a fixture) still reaches every cache: all of it goes.
  await db.updateTable('resources').set({ title: JSON.stringify({ fr: 'Ressource R, chargée' }) }).where('id', '=', resource.id).execute()
  for (const app of [one, two]) {
    t.ok(await eventuallyTrue(async () => (await title(app, urls.resource)) === 'Ressource R, chargée'), 'an unlogged write clears the caches')
    t.equal(await title(app, urls.b), 'Projet B, en douce', 'everything was cleared')
  }
})

t.test('a WeGov in another schema of the same PostgreSQL database does not drop this one’s cache', { skip: DIALECT !== 'postgres' && 'NOTIFY is per database: only PostgreSQL has neighbours' }, async (t) => {
  // NOTIFY channels belong to the database, not the schema: unqualified, every parallel test run (and a
  // second deployment) cleared every other's caches on each of its writes.
  const [mine, theirs] = [await openTestDatabase(t), await openTestDatabase(t)]
  await createFixtureOrganisations(mine.db)
  await createFixtureOrganisations(theirs.db)
  const project = await addProject(mine.db, { title: { fr: 'Le mien' } })
  const other = await addProject(mine.db, { title: { fr: 'Un autre des miens' } })
  const app = await buildApp({ config: testConfig(), database: mine, logger: false })
  t.teardown(() => app.close())
  await app.ready()
  const url = `/v1/projects/${project.id}?lang=fr`
  t.equal((await app.inject({ method: 'GET', url })).statusCode, 200)
  t.ok(app.readCache.has('fr', url), 'cached')

  // Their unlogged write (the whole-cache fallback) and their logged one (the change-log trigger)…
  const theirProject = await addProject(theirs.db, { title: { fr: 'Le leur' } })
  await writeItem(theirs.db, 'project', theirProject.id, { title: { fr: 'Le leur, encore' } })
  // …then a logged write of ours to another item. Notifications arrive in commit order on one connection:
  // once ours is heard, theirs would have been heard before it.
  const heard = await notificationsHeard(t, mine, CHANGES_CHANNEL)
  await writeItem(mine.db, 'project', other.id, { title: { fr: 'Un autre, changé' } })
  t.ok(await eventuallyTrue(() => heard(`project:${other.id}`)), 'our write was announced')
  t.ok(app.readCache.has('fr', url), 'their writes did not reach our cache; our write to another item kept it too')
})

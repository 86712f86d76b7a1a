import { type Kysely, sql } from 'kysely'
import { createOrganisation, createProject, createResource } from '../content/content-store.js'
import type { DB } from '../db/schema.js'
import { loadDemoPetitions } from './demo-petitions.js'
import { loadDemoAccounts } from './demo-accounts.js'
import { DEMO_ORGANISATIONS } from './demo-organisations.js'
import { DEMO_PROJECTS } from './demo-projects.js'
import { DEMO_ATTACHMENTS, DEMO_RESOURCES } from './demo-resources.js'

/** The advisory lock that serialises demo loading across instances: 'WeGovDem' read as a 64-bit integer. */
const DEMO_LOCK_KEY = '6297518197998642541'

export interface DemoCounts {
  organisations: number
  projects: number
  resources: number
}

/**
 * Loads the demo organisations, projects, resources, petitions and accounts (demo-accounts.ts), but only
 * into a database that has never had an organisation (a tombstoned one counts: someone has used this database, and it is not ours to fill).
 * Returns what was loaded, or null when the database was not empty.
 *
 * Several instances may start at once on one database. The check and the inserts run in one
 * transaction that first takes a transaction-scoped advisory lock, so the second instance waits, then
 * sees the committed demo and loads nothing; and a failure half-way leaves no partial demo behind.
 *
 * @example
 * const loaded = await loadDemoContent(database.db)
 * // BEGIN; SELECT pg_advisory_xact_lock($1::bigint); SELECT "id" FROM "organisations" LIMIT 1; INSERT ...; COMMIT
 */
export async function loadDemoContent(db: Kysely<DB>): Promise<DemoCounts | null> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK_KEY}::bigint)`.execute(trx)
    const anyOrganisation = await trx.selectFrom('organisations').select('id').limit(1).executeTakeFirst()
    if (anyOrganisation) {
      // A database that already holds the demo (loaded before demo accounts existed) gets the missing
      // accounts; one where an organisation merely has a demo slug does not (demo descriptions say [Demo]).
      const demo = await trx
        .selectFrom('organisations')
        .select('id')
        .where('slug', '=', DEMO_ORGANISATIONS[0]!.slug)
        .where(sql<string>`description->>'en'`, 'like', '[Demo]%')
        .executeTakeFirst()
      if (demo) await loadDemoAccounts(trx)
      return null
    }

    for (const organisation of DEMO_ORGANISATIONS) await createOrganisation(trx, organisation)
    for (const project of DEMO_PROJECTS) await createProject(trx, project)
    for (const resource of DEMO_RESOURCES) await createResource(trx, resource)
    await attachDemoResources(trx)
    // The accounts first: the citizen's petitions name the account that launched them.
    await loadDemoAccounts(trx)
    await loadDemoPetitions(trx)
    return { organisations: DEMO_ORGANISATIONS.length, projects: DEMO_PROJECTS.length, resources: DEMO_RESOURCES.length }
  })
}

/** DEMO_ATTACHMENTS, by slug: every one must name a demo resource and a demo project. */
async function attachDemoResources(trx: Kysely<DB>): Promise<void> {
  const pairs = Object.entries(DEMO_ATTACHMENTS).flatMap(([resource, projects]) => projects.map((project) => ({ resource, project })))
  const resources = new Map((await trx.selectFrom('resources').select(['id', 'slug']).execute()).map((row) => [row.slug, row.id]))
  const projects = new Map((await trx.selectFrom('projects').select(['id', 'slug']).execute()).map((row) => [row.slug, row.id]))
  const rows = pairs.map(({ resource, project }) => {
    const resourceId = resources.get(resource)
    const projectId = projects.get(project)
    if (!resourceId || !projectId) throw new Error(`demo attachment ${resource} -> ${project}: no such demo item`)
    return { resource_id: resourceId, project_id: projectId }
  })
  await trx.insertInto('resource_projects').values(rows).execute()
}

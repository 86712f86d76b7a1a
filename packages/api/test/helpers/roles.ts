import type { FastifyInstance } from 'fastify'
import type { OrganisationRole, PlatformRole } from '../../src/db/account-tables.js'

/**
 * Roles for tests, given as an admin or an accepted invitation would (those routes belong to other parts
 * of the accounts work); every instance then forgets what it knew of the person, as after a real change.
 */

export async function personIdOf(app: FastifyInstance, email: string): Promise<string> {
  return (await app.db.selectFrom('people').select('id').where('email', '=', email.toLowerCase()).executeTakeFirstOrThrow()).id
}

export async function grantMembership(app: FastifyInstance, email: string, organisationId: string, role: OrganisationRole): Promise<void> {
  const personId = await personIdOf(app, email)
  await app.db
    .insertInto('memberships')
    .values({ person_id: personId, organisation_id: organisationId, role })
    .onConflict((oc) => oc.columns(['person_id', 'organisation_id']).doUpdateSet({ role }))
    .execute()
  await app.auth.changed(personId)
}

export async function grantPlatformRole(app: FastifyInstance, email: string, role: PlatformRole): Promise<void> {
  const personId = await personIdOf(app, email)
  await app.db.updateTable('people').set({ platform_role: role }).where('id', '=', personId).execute()
  await app.auth.changed(personId)
}

/** The ids of the fixture organisations (content-fixtures.ts), by slug. */
export async function organisationIdOf(app: FastifyInstance, slug: string): Promise<string> {
  return (await app.db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
}

import type { Kysely } from 'kysely'
import type { OrganisationRole } from '../../db/account-tables.js'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { peopleByIds, personById } from '../accounts/people-directory.js'
import { recordChange } from '../changes/change-log.js'
import { type Requester, findLiveOrganisation } from './organisation-service.js'

/**
 * Who belongs to an organisation, with which role. An organisation always keeps an owner: demoting or
 * removing the last one is refused (409 WEGOV_LAST_OWNER), and concurrent changes to one organisation's
 * members queue on its row, so two owners cannot both leave at once. In the change log a membership is
 * named by its person (subject) and its organisation.
 */

export async function listMembers(db: Kysely<DB>, organisationId: string, options: { withEmails: boolean }) {
  await findLiveOrganisation(db, organisationId)
  const rows = await db
    .selectFrom('memberships')
    .select(['person_id', 'role', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('role', 'desc') // owner before editor
    .orderBy('created_at')
    .orderBy('person_id')
    .execute()
  const people = await peopleByIds(db, rows.map((row) => row.person_id))
  // A membership's person always exists (foreign key); the filter only satisfies the types.
  return rows.flatMap((row) => {
    const person = people.get(row.person_id)
    if (!person) return []
    return [{ personId: row.person_id, email: options.withEmails ? person.email : null, name: person.name, role: row.role, since: row.created_at.toISOString() }]
  })
}

/** A new member (invitation accepted, application approved). 409 WEGOV_ALREADY_MEMBER if they are one. */
export async function addMembership(db: Kysely<DB>, who: Requester, membership: { organisationId: string; personId: string; role: OrganisationRole }): Promise<void> {
  const existing = await db
    .selectFrom('memberships')
    .select('role')
    .where('organisation_id', '=', membership.organisationId)
    .where('person_id', '=', membership.personId)
    .executeTakeFirst()
  if (existing) throw new WeGovError('WEGOV_ALREADY_MEMBER')
  await db.insertInto('memberships').values({ organisation_id: membership.organisationId, person_id: membership.personId, role: membership.role }).execute()
  await recordChange(db, who, {
    action: 'membership.added',
    subjectType: 'membership',
    subjectId: membership.personId,
    organisationId: membership.organisationId,
    after: membership,
  })
}

export async function setMemberRole(db: Kysely<DB>, who: Requester, organisationId: string, personId: string, role: OrganisationRole) {
  return db.transaction().execute(async (trx) => {
    await findLiveOrganisation(trx, organisationId, { lock: true })
    const current = await membershipOf(trx, organisationId, personId)
    if (current.role !== role) {
      if (current.role === 'owner') await keepAnOwner(trx, organisationId)
      await trx.updateTable('memberships').set({ role }).where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute()
      await recordChange(trx, who, {
        action: 'membership.role_changed',
        subjectType: 'membership',
        subjectId: personId,
        organisationId,
        before: { organisationId, personId, role: current.role },
        after: { organisationId, personId, role },
      })
    }
    return { personId, email: current.email, name: current.name, role, since: current.created_at.toISOString() }
  })
}

/** Removes a member (an owner leaving included). */
export async function removeMember(db: Kysely<DB>, who: Requester, organisationId: string, personId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await findLiveOrganisation(trx, organisationId, { lock: true })
    const current = await membershipOf(trx, organisationId, personId)
    if (current.role === 'owner') await keepAnOwner(trx, organisationId)
    await trx.deleteFrom('memberships').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute()
    await recordChange(trx, who, {
      action: 'membership.removed',
      subjectType: 'membership',
      subjectId: personId,
      organisationId,
      before: { organisationId, personId, role: current.role },
    })
  })
}

async function membershipOf(db: Kysely<DB>, organisationId: string, personId: string) {
  const row = await db.selectFrom('memberships').select(['role', 'created_at']).where('organisation_id', '=', organisationId).where('person_id', '=', personId).executeTakeFirst()
  const person = row && (await personById(db, personId))
  if (!row || !person) throw new WeGovError('WEGOV_NOT_FOUND')
  return { ...row, email: person.email, name: person.name }
}

/** Refuses to take away an owner when they are the only one. Call it with the organisation row locked. */
async function keepAnOwner(db: Kysely<DB>, organisationId: string): Promise<void> {
  const owners = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow()
  if (Number(owners.n) <= 1) throw new WeGovError('WEGOV_LAST_OWNER')
}

import type { Kysely } from 'kysely'
import type { DB, Lang } from '../../db/schema.js'
import { createInvitation } from './invitation-service.js'
import { type OrganisationRow, type ProfileInput, type Requester, insertOrganisation } from './organisation-service.js'
import { isUniqueViolation } from './organisation-slug.js'

export interface OrganisationCreation extends ProfileInput {
  slug?: string | undefined
  /** Invite this address as the organisation's first owner. */
  ownerEmail?: string | undefined
  /** The invitation's language; the organisation's original language when left out. */
  ownerLang?: Lang | undefined
}

/**
 * An admin creates an organisation (public at once) and, with an owner address, invites its first owner, in
 * one transaction: a bad address leaves no organisation behind. A generated slug that another creation took
 * in the same instant is retried with the next free one.
 */
export async function createManagedOrganisation(db: Kysely<DB>, who: Requester, input: OrganisationCreation, baseUrl: string): Promise<OrganisationRow> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const organisation = await insertOrganisation(trx, who, input)
        if (input.ownerEmail !== undefined) {
          const lang = input.ownerLang ?? input.originalLang
          await createInvitation(trx, who, { organisationId: organisation.id, email: input.ownerEmail, role: 'owner', lang, baseUrl })
        }
        return organisation
      })
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue
      throw error
    }
  }
}

import { sql, type Expression, type SqlBool } from 'kysely'
import type { PetitionStatus } from '../../db/petition-tables.js'
import type { Lang } from '../../db/schema.js'
import { PUBLIC_PETITION_STATUSES as PUBLIC_PETITION_STATUS_TERMS } from '../vocabulary/terms.js'

/**
 * The lifecycle of a petition. Stored statuses: draft → collecting_sponsors (a citizen's) → pending_review
 * (awaiting moderation) → open → closed, or rejected (with a coded reason, still public), hidden (rejected
 * for a reason that takes it off the site: defamatory, illegal, personal data) or withdrawn by its creator.
 * Each move is one operation of petition-launches.ts. The public sees a derived status, because time moves a
 * petition on by itself: an `open` petition before its opening date is `upcoming`, and after its closing date
 * `closed`. Drafts, petitions collecting sponsors or under review, hidden and withdrawn ones are never public.
 */
export const PETITION_STATUSES = [
  'draft', 'collecting_sponsors', 'pending_review', 'open', 'closed', 'rejected', 'hidden', 'withdrawn',
] as const satisfies readonly PetitionStatus[]

export const PUBLIC_PETITION_STATUSES = ['upcoming', 'open', 'closed', 'rejected'] as const
export type PublicPetitionStatus = (typeof PUBLIC_PETITION_STATUSES)[number]

/** What the `status` filter accepts: a public status, or `responded` (an official response was given). */
export const PETITION_STATUS_FILTERS = [...PUBLIC_PETITION_STATUSES, 'responded'] as const
export type PetitionStatusFilter = (typeof PETITION_STATUS_FILTERS)[number]

/** Their labels live with the other vocabularies, so /v1/vocabularies serves them too. */
export const PETITION_STATUS_LABELS: Record<PublicPetitionStatus | 'responded', Record<Lang, string>> = PUBLIC_PETITION_STATUS_TERMS.terms

interface Timing {
  status: PetitionStatus
  opens_at: Date
  closes_at: Date
  deleted_at: Date | null
}

/** The status the public sees, or null for a petition the public must not see at all. */
export function publicStatus(petition: Timing, now = Date.now()): PublicPetitionStatus | null {
  if (petition.deleted_at) return null
  switch (petition.status) {
    case 'open':
      if (now < petition.opens_at.getTime()) return 'upcoming'
      return now < petition.closes_at.getTime() ? 'open' : 'closed'
    case 'closed':
      return 'closed'
    case 'rejected':
      return 'rejected'
    default:
      return null
  }
}

/** Only open petitions, between their opening and closing dates, accept signatures. */
export function acceptsSignatures(petition: Timing, now = Date.now()): boolean {
  return publicStatus(petition, now) === 'open'
}

/** The same rules in SQL, for list filters. `p` is the petitions alias. */
export function statusCondition(filter: PetitionStatusFilter | undefined): Expression<SqlBool> {
  switch (filter) {
    case 'upcoming':
      return sql<SqlBool>`(p.status = 'open' AND p.opens_at > now())`
    case 'open':
      return sql<SqlBool>`(p.status = 'open' AND p.opens_at <= now() AND p.closes_at > now())`
    case 'closed':
      return sql<SqlBool>`(p.status = 'closed' OR (p.status = 'open' AND p.closes_at <= now()))`
    case 'rejected':
      return sql<SqlBool>`(p.status = 'rejected')`
    case 'responded':
      return sql<SqlBool>`(p.status IN ('open', 'closed') AND p.response IS NOT NULL)`
    default:
      return sql<SqlBool>`(p.status IN ('open', 'closed', 'rejected'))`
  }
}

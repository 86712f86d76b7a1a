import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { surnameInitial } from './surname-initial.js'

/**
 * What moderators see of the signatures the abuse checks held back (validity 'flagged'): enough to tell an
 * office or a campus behind one address from a bot (name and initial, city, country, source, times), never
 * an email address. Oldest first: what nobody releases within FLAG_HOLD_MS is invalidated by the job.
 */
export function flaggedSignatures(db: Kysely<DB>, filter: { petitionId?: string | undefined; limit: number }) {
  let query = db
    .selectFrom('signatures')
    .select([
      'id', 'petition_id', 'flag_reason', 'status', 'first_name', 'city', 'country', 'source_partner', 'created_at', 'confirmed_at',
      surnameInitial().as('last_initial'),
    ])
    .where('validity', '=', 'flagged')
    .where('anonymised_at', 'is', null)
  if (filter.petitionId) query = query.where('petition_id', '=', filter.petitionId)
  return query.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(filter.limit).execute()
}

/** Of these ids, the signatures still flagged: a moderator acts only on what is held, never on counted ones. */
export async function stillFlagged(db: Kysely<DB>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('signatures').select('id').where('id', 'in', [...ids]).where('validity', '=', 'flagged').execute()
  return rows.map((row) => row.id)
}

/** How many are flagged per petition, for the queue's summary. */
export function flaggedCounts(db: Kysely<DB>) {
  return db
    .selectFrom('signatures')
    .select(['petition_id', sql<number>`count(*)::int`.as('flagged'), sql<Date>`min(created_at)`.as('oldest')])
    .where('validity', '=', 'flagged')
    .groupBy('petition_id')
    .orderBy('oldest', 'asc')
    .execute()
}

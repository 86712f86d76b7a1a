import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { recentlyActivePetitionIds } from '../petitions/petition-facts.js'
import { RECONCILIATION_SHARD, addToCount } from './signature-counts.js'

export interface ReconcileOptions {
  /** Only these petitions; by default every petition open now or ended in the last `recentDays`. */
  petitionIds?: string[]
  recentDays?: number
}

/**
 * Recounts signatures from the signatures table and repairs any drift in the maintained counts (a bug, a
 * manual edit, a restored backup), without stopping signing.
 *
 * The recount and the sum of the count shards are read in ONE repeatable-read snapshot. Every write that
 * changes a count updates the signature and its shard in the same transaction, so within one snapshot
 * the two must agree; the difference is the drift as of that snapshot. It is added as a correction to a
 * shard only this job writes, so increments committed meanwhile are neither lost nor counted twice.
 * Run it under runExclusive: two reconcilers would both apply the same correction.
 *
 * @returns how many petitions were checked and the total absolute correction applied.
 */
export async function reconcileCounts(db: Kysely<DB>, options: ReconcileOptions = {}): Promise<{ petitions: number; corrected: number }> {
  const ids = options.petitionIds ?? (await recentlyActivePetitionIds(db, options.recentDays ?? 30))
  let corrected = 0
  for (const petitionId of ids) {
    corrected += await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const actual = await trx
          .selectFrom('signatures')
          .select([
            'country',
            sql<string>`coalesce(source_partner, '')`.as('source'),
            sql<number>`count(*) FILTER (WHERE validity = 'valid')`.as('confirmed'),
            sql<number>`count(*) FILTER (WHERE validity = 'invalidated')`.as('invalidated'),
          ])
          .where('petition_id', '=', petitionId)
          .where('status', '=', 'confirmed')
          .groupBy(['country', sql`coalesce(source_partner, '')`])
          .execute()
        const maintained = await trx
          .selectFrom('petition_counts')
          .select(['country', 'source', (eb) => eb.fn.sum<number>('confirmed').as('confirmed'), (eb) => eb.fn.sum<number>('invalidated').as('invalidated')])
          .where('petition_id', '=', petitionId)
          .groupBy(['country', 'source'])
          .execute()
        const drift = new Map<string, { country: string; source: string; confirmed: number; invalidated: number }>()
        const add = (row: { country: string; source: string; confirmed: number; invalidated: number }, sign: 1 | -1) => {
          const key = `${row.country}\u0000${row.source}`
          const entry = drift.get(key) ?? { country: row.country, source: row.source, confirmed: 0, invalidated: 0 }
          entry.confirmed += sign * Number(row.confirmed)
          entry.invalidated += sign * Number(row.invalidated)
          drift.set(key, entry)
        }
        for (const row of actual) add(row, 1)
        for (const row of maintained) add(row, -1)
        let applied = 0
        for (const entry of drift.values()) {
          if (entry.confirmed === 0 && entry.invalidated === 0) continue
          await addToCount(
            trx,
            { petitionId, country: entry.country, source: entry.source === '' ? null : entry.source, confirmed: entry.confirmed, invalidated: entry.invalidated },
            RECONCILIATION_SHARD,
          )
          applied += Math.abs(entry.confirmed) + Math.abs(entry.invalidated)
        }
        return applied
      })
  }
  return { petitions: ids.length, corrected }
}

import { randomInt } from 'node:crypto'
import { type Kysely, type Transaction, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { paperTotal } from './paper-signatures.js'

/**
 * The maintained signature counts. Every change that makes a signature count or stop counting writes its
 * +1/-1 here in the same transaction, so the count is exact without ever running COUNT(*) on a request.
 *
 * A surge confirms hundreds of signatures a second on one petition. One counter row would make every
 * confirmation wait for the previous one's lock (the "hot row" that blocked the UK site), so increments
 * go to one of SHARDS rows chosen at random, and a read sums them.
 */
export const SHARDS = 16
/** Written only by the reconciliation job, so its corrections never race an increment. */
export const RECONCILIATION_SHARD = -1

export interface CountDelta {
  petitionId: string
  country: string
  /** Partner slug, or null for a signature from WeGov itself. */
  source: string | null
  confirmed?: number
  invalidated?: number
}

export async function addToCount(trx: Kysely<DB> | Transaction<DB>, delta: CountDelta, shard = randomInt(SHARDS)): Promise<void> {
  const confirmed = delta.confirmed ?? 0
  const invalidated = delta.invalidated ?? 0
  if (confirmed === 0 && invalidated === 0) return
  await trx
    .insertInto('petition_counts')
    .values({ petition_id: delta.petitionId, shard, country: delta.country, source: delta.source ?? '', confirmed, invalidated })
    .onConflict((oc) =>
      oc.columns(['petition_id', 'shard', 'country', 'source']).doUpdateSet({
        confirmed: sql`petition_counts.confirmed + excluded.confirmed`,
        invalidated: sql`petition_counts.invalidated + excluded.invalidated`,
        updated_at: sql`now()`,
      }),
    )
    .execute()
}

/** What a signature adds to the counts once confirmed: flagged ones add nothing until they are settled. */
export function countedAs(validity: 'valid' | 'flagged' | 'invalidated'): { confirmed: number; invalidated: number } {
  return { confirmed: validity === 'valid' ? 1 : 0, invalidated: validity === 'invalidated' ? 1 : 0 }
}

export interface PetitionCount {
  total: number
  invalidated: number
  bySource: { partner: string | null; count: number }[]
  byCountry: { country: string; count: number }[]
  /** Paper signatures partners declared (batches not voided): apart from `total`, which is online only. */
  paper: { total: number }
  updatedAt: string
}

/**
 * Sums the shards of one petition: at most SHARDS rows per (country, source), read by primary key; and its
 * paper batches, a handful of rows by index.
 */
export async function readCount(db: Kysely<DB>, petitionId: string): Promise<PetitionCount> {
  const [rows, paper] = await Promise.all([
    db
      .selectFrom('petition_counts')
      .select(['country', 'source', (eb) => eb.fn.sum<number>('confirmed').as('confirmed'), (eb) => eb.fn.sum<number>('invalidated').as('invalidated')])
      .where('petition_id', '=', petitionId)
      .groupBy(['country', 'source'])
      .execute(),
    paperTotal(db, petitionId),
  ])
  const bySource = new Map<string, number>()
  const byCountry = new Map<string, number>()
  let total = 0
  let invalidated = 0
  for (const row of rows) {
    const confirmed = Number(row.confirmed)
    total += confirmed
    invalidated += Number(row.invalidated)
    if (confirmed === 0) continue
    bySource.set(row.source, (bySource.get(row.source) ?? 0) + confirmed)
    byCountry.set(row.country, (byCountry.get(row.country) ?? 0) + confirmed)
  }
  const sorted = <K>(map: Map<K, number>) => [...map].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
  return {
    total,
    invalidated,
    bySource: sorted(bySource).map(([source, count]) => ({ partner: source === '' ? null : source, count })),
    byCountry: sorted(byCountry).map(([country, count]) => ({ country, count })),
    paper: { total: paper },
    updatedAt: new Date().toISOString(),
  }
}

/** Confirmed totals of several petitions at once, for list pages. */
export async function readTotals(db: Kysely<DB>, petitionIds: string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>(petitionIds.map((id) => [id, 0]))
  if (petitionIds.length === 0) return totals
  const rows = await db
    .selectFrom('petition_counts')
    .select(['petition_id', (eb) => eb.fn.sum<number>('confirmed').as('confirmed')])
    .where('petition_id', 'in', petitionIds)
    .groupBy('petition_id')
    .execute()
  for (const row of rows) totals.set(row.petition_id, Number(row.confirmed))
  return totals
}

/**
 * The confirmed count of each petition's signatures that came through one partner's site (`source`, its
 * slug), from the sharded counters: a few rows per petition, however many signatures.
 */
export async function readConfirmedBySource(db: Kysely<DB>, source: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('petition_counts')
    .select(['petition_id', (eb) => eb.fn.sum<number>('confirmed').as('confirmed')])
    .where('source', '=', source)
    .groupBy('petition_id')
    .execute()
  return new Map(rows.map((row) => [row.petition_id, Number(row.confirmed)]))
}

export type Validity = 'valid' | 'flagged' | 'invalidated'

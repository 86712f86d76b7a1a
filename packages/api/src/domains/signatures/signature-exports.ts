import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

export interface ExportCounts {
  /** Confirmed online signatures, net of invalidated ones. */
  online: number
  /** Paper signatures of batches not voided. */
  paper: number
}

/**
 * The counts of a page of petitions for the bulk exports (domains/open-data): two grouped queries, whatever
 * the number of signatures. Counts only: no signer.
 */
export async function exportCounts(db: Kysely<DB>, petitionIds: string[]): Promise<Map<string, ExportCounts>> {
  const counts = new Map<string, ExportCounts>(petitionIds.map((id) => [id, { online: 0, paper: 0 }]))
  if (petitionIds.length === 0) return counts
  const [online, paper] = await Promise.all([
    db
      .selectFrom('petition_counts')
      .select(['petition_id', (eb) => eb.fn.sum<number | string>('confirmed').as('total')])
      .where('petition_id', 'in', petitionIds)
      .groupBy('petition_id')
      .execute(),
    db
      .selectFrom('paper_signature_batches')
      .select(['petition_id', (eb) => eb.fn.sum<number | string>('count').as('total')])
      .where('petition_id', 'in', petitionIds)
      .where('voided_at', 'is', null)
      .groupBy('petition_id')
      .execute(),
  ])
  for (const row of online) counts.get(row.petition_id)!.online = Number(row.total)
  for (const row of paper) counts.get(row.petition_id)!.paper = Number(row.total)
  return counts
}

import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'

const CHUNK = 1000

/**
 * Erases signers' personal data `retentionDays` after their petition ended (closing date, or when it was
 * closed early, rejected or withdrawn). The rows stay, with their country, source and status, so every
 * count stays the same; the email hash stays too (it is keyed, and keeps "one signature per person").
 */
export async function anonymiseSignatures(db: Kysely<DB>, retentionDays: number): Promise<number> {
  let anonymised = 0
  for (;;) {
    const result = await db
      .updateTable('signatures')
      .set({ email: null, first_name: null, last_name: null, city: null, comment: null, source_url: null, anonymised_at: sql`now()` })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('signatures as s')
          .innerJoin('petitions as p', 'p.id', 's.petition_id')
          .select('s.id')
          .where('s.anonymised_at', 'is', null)
          .where(sql<boolean>`COALESCE(p.ended_at, p.closes_at) < now() - make_interval(days => ${retentionDays})`)
          .limit(CHUNK)
          .forUpdate('s')
          .skipLocked(),
      )
      .executeTakeFirst()
    const count = Number(result.numUpdatedRows)
    anonymised += count
    if (count < CHUNK) return anonymised
  }
}

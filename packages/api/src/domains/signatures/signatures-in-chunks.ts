import type { Kysely, SelectQueryBuilder } from 'kysely'
import type { DB } from '../../db/schema.js'

/** Narrows the signatures a chunked job takes (its where clauses). */
export type SignatureFilter = (query: SelectQueryBuilder<DB, 'signatures', object>) => SelectQueryBuilder<DB, 'signatures', object>

/**
 * Deletes the signatures `filter` selects, `chunk` at a time, until a chunk comes back short; returns how
 * many went. Each chunk is locked with SKIP LOCKED: a row another transaction holds (a confirmation at
 * this very moment, another instance's run) is left to it, and no run ever holds many locks for long.
 */
export async function deleteSignaturesInChunks(db: Kysely<DB>, chunk: number, filter: SignatureFilter): Promise<number> {
  let deleted = 0
  for (;;) {
    const result = await db
      .deleteFrom('signatures')
      .where('id', 'in', (eb) => filter(eb.selectFrom('signatures')).select('id').limit(chunk).forUpdate().skipLocked())
      .executeTakeFirst()
    const count = Number(result.numDeletedRows)
    deleted += count
    if (count < chunk) return deleted
  }
}

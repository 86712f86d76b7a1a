import { type Kysely, sql } from 'kysely'
import { cursorValue, rowsAfter, timestampKey } from '../../content/keyset.js'
import type { DB } from '../../db/schema.js'
import { decodeCursor, encodeCursor } from '../../http/cursor.js'
import { surnameInitial } from './surname-initial.js'

/**
 * Confirmed, counted signers who chose to appear publicly, newest first, in display form. The query
 * selects only the columns that may be published: the full surname leaves the database as its initial (particles such as ال skipped),
 * and the email columns are never read.
 */
export async function listPublicSignatures(db: Kysely<DB>, petitionId: string, page: { limit: number; cursor?: string | undefined }) {
  let query = db
    .selectFrom('signatures')
    .select([
      'id', 'first_name', 'city', 'country', 'comment', 'confirmed_at',
      surnameInitial().as('last_initial'),
      timestampKey(sql.ref('confirmed_at')).as('confirmed_key'),
    ])
    .where('petition_id', '=', petitionId)
    .where('status', '=', 'confirmed')
    .where('display', '=', 'public')
    .where('validity', '=', 'valid')
    .where('anonymised_at', 'is', null)
  if (page.cursor) {
    const [lastConfirmed, lastId] = decodeCursor(page.cursor, ['string', 'string'] as const)
    query = query.where(rowsAfter([sql.ref('confirmed_at'), sql.ref('id')], [cursorValue.timestamp(lastConfirmed), cursorValue.uuid(lastId)]))
  }
  const rows = await query.orderBy('confirmed_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute()
  const items = rows.slice(0, page.limit)
  const last = items.at(-1)
  return {
    items: items.map((row) => ({
      firstName: row.first_name ?? '',
      lastInitial: row.last_initial ?? '',
      city: row.city,
      country: row.country,
      signedAt: (row.confirmed_at ?? new Date(0)).toISOString(),
      comment: row.comment,
    })),
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.confirmed_key, last.id]) : null,
  }
}

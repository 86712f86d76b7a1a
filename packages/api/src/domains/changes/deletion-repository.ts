import { type Kysely, sql } from 'kysely'
import { cursorValue, timestampKey } from '../../content/keyset.js'
import type { DB } from '../../db/schema.js'
import { decodeCursor, encodeCursor } from '../../http/cursor.js'

export type ContentType = 'organisation' | 'project' | 'resource'

/**
 * Tombstones of every content table, oldest deletion first, so that a replicating node can resume from
 * the last deletion it saw (`since`) and page through the rest. The cursor is [deletedAt to the
 * microsecond, id].
 */
export async function listDeletions(
  db: Kysely<DB>,
  filters: { since?: Date | undefined },
  page: { limit: number; cursor?: string | undefined },
) {
  const tombstones = (table: 'organisations' | 'projects' | 'resources', type: ContentType) =>
    db
      .selectFrom(table)
      .select([sql<ContentType>`${sql.lit(type)}::text`.as('type'), 'id', 'slug', 'deleted_at'])
      .where('deleted_at', 'is not', null)

  let query = db
    .selectFrom(
      tombstones('organisations', 'organisation')
        .unionAll(tombstones('projects', 'project'))
        .unionAll(tombstones('resources', 'resource'))
        .as('d'),
    )
    .select(['d.type', 'd.id', 'd.slug', 'd.deleted_at', timestampKey(sql.ref('d.deleted_at')).as('deleted_key')])
  if (filters.since) query = query.where('d.deleted_at', '>=', filters.since)
  if (page.cursor) {
    const [lastDeleted, lastId] = decodeCursor(page.cursor, ['string', 'string'] as const)
    query = query.where(sql<boolean>`(d.deleted_at, d.id) > (${cursorValue.timestamp(lastDeleted)}, ${cursorValue.uuid(lastId)})`)
  }
  const rows = await query.orderBy('d.deleted_at').orderBy('d.id').limit(page.limit + 1).execute()
  const items = rows.slice(0, page.limit)
  const last = items.at(-1)
  return {
    items: items.map((row) => ({ type: row.type, id: row.id, slug: row.slug, deletedAt: row.deleted_at!.toISOString() })),
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.deleted_key, last.id]) : null,
  }
}

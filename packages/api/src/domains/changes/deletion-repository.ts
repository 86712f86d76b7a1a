import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { decodeCursor, encodeCursor } from '../../http/cursor.js'
import { cursorValue } from '../../content/keyset.js'

export type ContentType = 'organisation' | 'project' | 'resource'

const TABLES = { organisation: 'organisations', project: 'projects', resource: 'resources' } as const

/**
 * Tombstones, read from the change log: the deletion events of items that are still deleted (a restored
 * item is no longer listed; one deleted twice is listed at its last deletion), oldest first, so that a
 * replicating node can resume from the last deletion it saw (`since`) and page through the rest. The
 * cursor is the event's position in the log, its seq (change-reader.ts): commit order, so a page never moves
 * past a deletion that commits later. Cursors handed out before named the event's id, which is the seq of
 * the events of that time.
 */
export async function listDeletions(
  db: Kysely<DB>,
  filters: { since?: Date | undefined },
  page: { limit: number; cursor?: string | undefined },
) {
  const deletions = (type: ContentType) => {
    // Typed as one table: the three share the columns read here (id, slug, deleted_at).
    const table = TABLES[type] as 'projects'
    // The action filter applies to change_log before the join, so the uuid cast only sees content ids.
    return db
      .selectFrom('change_log as c')
      .innerJoin(`${table} as t`, (join) => join.on(sql<boolean>`t.id = c.subject_id::uuid`))
      .select([sql<ContentType>`${sql.lit(type)}::text`.as('type'), 'c.seq as event_seq', 't.id', 't.slug', 'c.at'])
      .where('c.action', '=', `${type}.deleted`)
      // A draft deleted before it was ever published was never public (its event says so): nothing to forget.
      .where('c.public', '=', true)
      .where('t.deleted_at', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('change_log as later')
              .select(sql`1`.as('one'))
              .whereRef('later.action', '=', 'c.action')
              .whereRef('later.subject_id', '=', 'c.subject_id')
              .whereRef('later.seq', '>', 'c.seq'),
          ),
        ),
      )
  }
  let query = db
    .selectFrom(deletions('organisation').unionAll(deletions('project')).unionAll(deletions('resource')).as('d'))
    .select(['d.type', 'd.event_seq', 'd.id', 'd.slug', 'd.at'])
  if (filters.since) query = query.where('d.at', '>=', filters.since)
  if (page.cursor) {
    const [lastEvent] = decodeCursor(page.cursor, ['number'] as const)
    query = query.where(sql<boolean>`d.event_seq > ${cursorValue.integer(lastEvent)}`)
  }
  const rows = await query.orderBy('d.event_seq').limit(page.limit + 1).execute()
  const items = rows.slice(0, page.limit)
  const last = items.at(-1)
  return {
    items: items.map((row) => ({ type: row.type, id: row.id, slug: row.slug, deletedAt: row.at.toISOString() })),
    nextCursor: rows.length > page.limit && last ? encodeCursor([Number(last.event_seq)]) : null,
  }
}

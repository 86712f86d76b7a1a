import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { decodeCursor, encodeCursor } from '../../http/cursor.js'
import { isUuid } from '../../http/schemas.js'
import { type FeedSources, loadPublicItems } from './change-feed-items.js'
import { type ChangePosition, LOG_START, readChangesAfter } from './change-reader.js'
import type { FeedType } from './change-tags.js'

const FEED_TYPES: readonly FeedType[] = ['organisation', 'project', 'resource']
const DAY_MS = 86_400_000

export interface FeedChange {
  cursor: string
  at: string
  type: FeedType
  id: string
  action: 'upsert' | 'delete'
  version: number | null
  origin: string
  item?: Record<string, unknown>
}

/**
 * A cursor is [the last change-log position the reader has (a seq: change-reader.ts), when it was served].
 * The time is what retention judges: a reader that was away longer than the feed keeps its guarantees
 * (WEGOV_CHANGE_RETENTION_DAYS) may have missed tombstones and must resync from the lists (410). A reader
 * that keeps polling an idle feed keeps getting fresh cursors, so quiet is never mistaken for absence.
 * Cursors handed out before the log had a commit order named an id: the events of that time have their id
 * as their seq, so those cursors still mean the same place.
 */
function readCursor(cursor: string | undefined, now: number, retentionDays: number): ChangePosition | undefined {
  if (cursor === undefined) return undefined
  const [position, servedAt] = decodeCursor(cursor, ['number', 'number'] as const)
  if (!Number.isSafeInteger(position) || position < 0) throw new WeGovError('WEGOV_BAD_CURSOR')
  if (servedAt < now - retentionDays * DAY_MS) throw new WeGovError('WEGOV_CURSOR_EXPIRED')
  return position
}

/**
 * Public changes to content, in change-log order, each with the item as it is now. A catch-up is
 * compacted: an event is left out when a later public event of the same item exists, so a reader gets
 * each item once, in its latest state, at the position of its latest change (still a correct replay: an
 * item's state never depends on an earlier one). Without a cursor the feed starts at its horizon: what it
 * keeps; older content is in the lists. Events come in commit order (readChangesAfter): a page never
 * moves past an event that commits later, and a client sees its own writes.
 */
export async function listChanges(
  db: Kysely<DB>,
  sources: FeedSources,
  page: { since?: string | undefined; limit: number; retentionDays: number; origin: string; now?: number },
) {
  const now = page.now ?? Date.now()
  const since = readCursor(page.since, now, page.retentionDays)
  const rows = await readChangesAfter(db, since, {
    limit: page.limit + 1,
    filter: (query) => {
      const feed = query
        .where('c.public', '=', true)
        .where('c.subject_type', 'in', FEED_TYPES)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('change_log as later')
                .select(sql`1`.as('one'))
                .where('later.public', '=', true)
                .whereRef('later.subject_type', '=', 'c.subject_type')
                .whereRef('later.subject_id', '=', 'c.subject_id')
                .whereRef('later.seq', '>', 'c.seq'),
            ),
          ),
        )
      return since === undefined ? feed.where('c.at', '>=', new Date(now - page.retentionDays * DAY_MS)) : feed
    },
  })
  const events = rows.slice(0, page.limit)

  const items = new Map<FeedType, Map<string, Record<string, unknown>>>()
  for (const type of FEED_TYPES) {
    const ids = events.filter((row) => row.subject_type === type && isUuid(row.subject_id)).map((row) => row.subject_id)
    items.set(type, await loadPublicItems(sources, type, ids))
  }
  const cursorAt = (position: ChangePosition) => encodeCursor([position, now])
  const changes = events.map((row): FeedChange => {
    const type = row.subject_type as FeedType
    const item = items.get(type)?.get(row.subject_id)
    return {
      cursor: cursorAt(row.seq),
      at: row.at.toISOString(),
      type,
      id: row.subject_id,
      action: item === undefined ? 'delete' : 'upsert',
      version: row.version,
      origin: row.origin ?? page.origin,
      ...(item === undefined ? {} : { item }),
    }
  })
  const last = events.length > 0 ? events.at(-1)!.seq : (since ?? LOG_START)
  return {
    items: changes,
    nextCursor: rows.length > page.limit ? cursorAt(last) : null,
    resumeCursor: cursorAt(last),
  }
}

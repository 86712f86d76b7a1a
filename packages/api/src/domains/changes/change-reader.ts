import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * A place in the change log: an event's seq, its number in commit order (migration 0010). Ids come from a
 * sequence at INSERT, and transactions commit in another order, so "id > last seen" would skip the events
 * of a transaction still open when the reader passed their ids. A seq is given at commit, under a lock
 * released only once the commit is visible: no event can ever appear below a seq a reader has seen, and a
 * writer's events are readable as soon as its request has been answered.
 */
export type ChangePosition = number

/** Before every event. */
export const LOG_START: ChangePosition = 0

/** An event's own columns, as every reader of the log selects them (the audit adds who and which organisation). */
export const EVENT_COLUMNS = [
  'c.id',
  'c.at',
  'c.action',
  'c.subject_type',
  'c.subject_id',
  'c.organisation_id',
  'c.actor_person_id',
  'c.actor_key_id',
  'c.request_id',
  'c.before',
  'c.after',
  'c.version',
  'c.origin',
  'c.public',
] as const

function numberedChanges(db: Kysely<DB>) {
  return db
    .selectFrom('change_log as c')
    .select(EVENT_COLUMNS)
    .select(sql<number>`c.seq`.as('seq'))
}

export type ChangeLogQuery = ReturnType<typeof numberedChanges>
export type LoggedChange = Awaited<ReturnType<ChangeLogQuery['execute']>>[number]

/**
 * The next `limit` events after a position, in commit order; the filter narrows them (a where on `c`,
 * change_log). Every reader of the log goes through here: the public feed, the named consumers
 * (change-consumers.ts). Events of the reader's own open transaction have no seq yet and are not read.
 *
 * @example
 * await readChangesAfter(db, 741, { limit: 100, filter: (q) => q.where('c.public', '=', true) })
 * // SELECT c.id, …, c.seq AS seq FROM change_log AS c WHERE c.seq > 741 AND c.public = true ORDER BY c.seq LIMIT 100
 */
export async function readChangesAfter(
  db: Kysely<DB>,
  after: ChangePosition | undefined,
  options: { limit: number; filter?: (query: ChangeLogQuery) => ChangeLogQuery },
): Promise<LoggedChange[]> {
  let query = numberedChanges(db).where('c.seq', '>', after ?? LOG_START)
  if (options.filter) query = options.filter(query)
  const rows = await query.orderBy('c.seq').limit(options.limit).execute()
  return rows.map((row) => ({ ...row, id: Number(row.id), seq: Number(row.seq) }))
}

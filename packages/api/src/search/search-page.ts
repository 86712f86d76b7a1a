import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely'
import { cursorValue, rowsAfter, timestampKey } from '../content/keyset.js'
import { WeGovError } from '../errors.js'
import { decodeCursor } from '../http/cursor.js'
import { searchQuery } from './search-vector.js'

/** Where a row of a search page sits in the order; the next page's cursor is made of the last row's. */
export interface SearchKeys {
  /** 1: the title matches; 0: only the summary or body does. */
  search_tier: number
  recency_key: string
}

export interface SearchPageOptions {
  q: string
  /** The alias of the searched table (projects, resources or petitions) in the listing query. */
  alias: string
  /**
   * The timestamp that orders matches within a tier, newest first. An index on (recency DESC, id DESC)
   * that the listing's conditions can use must exist: the newest rows are read through it.
   */
  recency: string
  cursor: string | undefined
  limit: number
}

/**
 * How many of the newest rows are looked at for title matches, per row wanted, before collecting every
 * title match through the index instead. A word whose titles match 1 row in 50 or more fills a page from
 * that window; a rarer one has few title matches to collect (about 1,000 at 50,000 records). Testing a
 * row's title costs about as much as collecting and sorting one match, so neither path reads more than a
 * few thousand rows.
 */
const WINDOW_PER_ROW = 50

/**
 * One page of search results (limit + 1 rows, the extra one telling that there is a next page) of a
 * listing query, or null when the query has nothing to search for.
 *
 * The order is: records whose title matches, then records that match only in their summary or body;
 * within each, newest first, then by id. Every key is a property of the record and the query alone, so
 * the keyset cursor [tier, recency, id] neither skips nor repeats an item when records are added
 * between two pages.
 *
 * Why not ts_rank: ranking needs the vector of every match before the first row can be returned, and a
 * record's vector (title, summary and body in three languages) is stored out of line. A common word
 * matches a third of 100,000 records: ranking them all took hundreds of milliseconds. This order can be
 * served by reading few rows instead:
 * - common words: the newest rows, through the recency index, are read until enough titles match;
 * - rarer words: too few of the newest rows match, so every title match is collected through the
 *   `search_title` GIN index and sorted; there are few, since the newest rows held so few;
 * - then, when the titles run out, the other matches, collected through the `search` GIN index.
 *
 * @example
 * const rows = await searchPage(listing, { q: 'budget', alias: 'p', recency: 'created_at', cursor, limit: 20 })
 * // SELECT … WHERE p.id IN (SELECT c.id FROM (SELECT p.id, p.created_at … ORDER BY p.created_at DESC,
 * //   p.id DESC LIMIT 1050) c WHERE c.search_title @@ (SELECT …) … LIMIT 21) ORDER BY p.created_at DESC, p.id DESC
 */
export async function searchPage<DB, TB extends keyof DB, O>(
  listing: SelectQueryBuilder<DB, TB, O>,
  options: SearchPageOptions,
): Promise<(O & SearchKeys)[] | null> {
  const tsquery = searchQuery(options.q)
  if (!tsquery) return null
  const column = (table: string, name: string) => sql.ref(`${table}.${name}`)
  const { alias } = options
  const recency = column(alias, options.recency)
  const id = column(alias, 'id')
  const start = options.cursor ? decodeSearchCursor(options.cursor) : undefined

  // A title can match although the whole record does not: "budget -gafsa" with Gafsa in the body.
  // Only a query with a negation needs the whole vector read to tell. Normalised text holds no "!", so
  // one in the query's text is a NOT.
  const negates = sql<boolean>`(SELECT position('!' IN (${tsquery})::text) > 0)`
  const inTier = (tier: number, table: string): RawBuilder<boolean> => {
    const title = sql`${column(table, 'search_title')} @@ ${tsquery}`
    const whole = sql`${column(table, 'search')} @@ ${tsquery}`
    return tier === 1 ? sql`(${title} AND (NOT ${negates} OR ${whole}))` : sql`(${whole} AND NOT ${title})`
  }

  /** The listing's rows whose ids the subquery returns, with their keys, in recency order. */
  const rowsOf = (tier: number, ids: RawBuilder<unknown>) =>
    listing
      .where(sql<boolean>`${id} IN (${ids})`)
      .select([sql.lit(tier).as('search_tier'), timestampKey(recency).as('recency_key')])
      .orderBy(recency, 'desc')
      .orderBy(id, 'desc')
      .execute() as Promise<(O & SearchKeys)[]>

  const need = options.limit + 1
  const rows: (O & SearchKeys)[] = []
  for (let tier = start?.tier ?? 1; tier >= 0 && rows.length < need; tier--) {
    const wanted = need - rows.length
    let candidates = listing.clearSelect().select([id.as('id'), recency.as('recency')])
    if (start && tier === start.tier) {
      candidates = candidates.where(rowsAfter([recency, id], [cursorValue.timestamp(start.recency), cursorValue.uuid(start.id)]))
    }
    let found: (O & SearchKeys)[] = []
    if (tier === 1) {
      const newest = candidates
        .select([column(alias, 'search').as('search'), column(alias, 'search_title').as('search_title')])
        .orderBy(recency, 'desc')
        .orderBy(id, 'desc')
        .limit(wanted * WINDOW_PER_ROW)
      found = await rowsOf(tier, sql`SELECT c.id FROM (${newest}) AS c WHERE ${inTier(tier, 'c')}
        ORDER BY c.recency DESC, c.id DESC LIMIT ${wanted}`)
    }
    if (found.length < wanted) {
      // OFFSET 0 keeps the planner from merging this into the outer ORDER BY … LIMIT, which it would
      // serve by walking the recency index and testing every row: the whole table for a rare word.
      // Kept apart, the matches are collected through the GIN index, then sorted.
      const matches = candidates.where(inTier(tier, alias)).offset(0)
      found = await rowsOf(tier, sql`SELECT c.id FROM (${matches}) AS c ORDER BY c.recency DESC, c.id DESC LIMIT ${wanted}`)
    }
    rows.push(...found)
  }
  return rows
}

/** The cursor of the page after this row. */
export function searchKey(row: SearchKeys & { id: string }): (string | number)[] {
  return [row.search_tier, row.recency_key, row.id]
}

function decodeSearchCursor(cursor: string): { tier: number; recency: string; id: string } {
  const [tier, recency, id] = decodeCursor(cursor, ['number', 'string', 'string'] as const)
  if (tier !== 0 && tier !== 1) throw new WeGovError('WEGOV_BAD_CURSOR')
  return { tier, recency, id }
}

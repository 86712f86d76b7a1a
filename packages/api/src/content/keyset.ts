import { type Expression, type RawBuilder, sql } from 'kysely'
import { WeGovError } from '../errors.js'
import { isUuid } from '../http/schemas.js'

/**
 * Keyset pagination helpers. Every listing sorts all its keys descending, so "after the cursor" is one
 * row comparison, `(k1, k2, id) < (v1, v2, id)`, which PostgreSQL evaluates left to right and can serve
 * from a matching index. Offsets are never used: a page never skips or repeats an item when content is
 * added between two page reads.
 */
export function rowsAfter(keys: readonly Expression<unknown>[], values: readonly RawBuilder<unknown>[]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(keys)}) < (${sql.join(values)})`
}

/**
 * A timestamp as a cursor key, to the microsecond and in UTC. A JS Date would round to the millisecond,
 * and two rows created in the same millisecond would then be skipped or repeated.
 */
export function timestampKey(column: Expression<unknown>): RawBuilder<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
}

const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.(\d{3}|\d{6})Z$/
/** Rejects 2024-02-30 and the like, which Date would roll over but PostgreSQL refuses. */
function isRealInstant(value: string): boolean {
  const millis = value.slice(0, 23)
  const parsed = new Date(`${millis}Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 23) === millis
}


/**
 * decodeCursor checks the shape; these check each value, so that a hand-made cursor with the right
 * shape but a nonsense value is WEGOV_BAD_CURSOR rather than a database error.
 */
export const cursorValue = {
  uuid(value: string): RawBuilder<string> {
    if (!isUuid(value)) throw new WeGovError('WEGOV_BAD_CURSOR')
    return sql<string>`${value}::uuid`
  },
  timestamp(value: string): RawBuilder<string> {
    if (!TIMESTAMP_KEY.test(value) || !isRealInstant(value)) throw new WeGovError('WEGOV_BAD_CURSOR')
    return sql<string>`${value}::timestamptz`
  },
  integer(value: number): RawBuilder<number> {
    if (!Number.isSafeInteger(value)) throw new WeGovError('WEGOV_BAD_CURSOR')
    return sql<number>`${value}::bigint`
  },
  numeric(value: string): RawBuilder<string> {
    if (!/^-?\d{1,20}(\.\d{1,6})?$/.test(value)) throw new WeGovError('WEGOV_BAD_CURSOR')
    return sql<string>`${value}::numeric`
  },
}

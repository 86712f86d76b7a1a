import { type RawBuilder, sql } from 'kysely'
import type pg from 'pg'

/**
 * The comment that marks a statement as one to prepare, first in a raw statement or last in one built with
 * Kysely (whose builders add SQL only at their end); a name is lowercase letters, digits and dashes.
 */
const MARK = /^\/\* prepared:([a-z0-9-]+) \*\/|\/\* prepared:([a-z0-9-]+) \*\/\s*$/

/**
 * Marks a hot statement whose text never changes (its values travel as parameters, arrays included) to have
 * PostgreSQL parse and plan it once per connection instead of on every run: put it first in a raw statement,
 * or at the end of a Kysely builder's (`.modifyEnd(preparedAs('project-load'))`). For the signing batch, a
 * statement of several CTEs, planning cost as much as running it for a few dozen rows; for an item's load
 * with its organisations' subqueries, planning costs twice what running it does.
 * Only for statements of fixed text: each connection keeps every statement prepared under a name for its
 * lifetime. On PGlite the mark is a plain comment. (A pooler in front of PostgreSQL must keep a session's
 * prepared statements: PgBouncer's transaction mode does so from version 1.21, with max_prepared_statements.)
 */
export function preparedAs(name: string): RawBuilder<unknown> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Invalid prepared statement name: ${name}`)
  return sql.raw(`/* prepared:${name} */ `)
}

/**
 * Makes a pooled connection run marked statements as named prepared statements (the pg driver then sends
 * only Bind and Execute after the first run). Kysely hands pg the statement's text and values; anything
 * else passes through unchanged.
 */
export function prepareMarkedStatements(client: pg.ClientBase): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  client.query = ((...args: unknown[]) => {
    const [text, values, ...rest] = args
    const mark = typeof text === 'string' ? MARK.exec(text) : null
    const name = mark?.[1] ?? mark?.[2]
    return name ? query({ name, text, values }, ...rest) : query(...args)
  }) as typeof client.query
}

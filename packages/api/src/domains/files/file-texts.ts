import { type Expression, type RawBuilder, sql } from 'kysely'

/**
 * The text extracted from a file (null until extracted, or for a file with none), as a scalar subquery
 * another domain embeds in its own statement: the resources' search reads its file's text this way, without
 * reading the files table itself.
 *
 * @example
 * db.selectFrom('resources as r').select(extractedTextOf(sql.ref('r.file_id')).as('file_text'))
 * // SELECT (SELECT text FROM files WHERE id = "r"."file_id") AS "file_text" FROM resources AS r
 */
export function extractedTextOf(fileId: Expression<string | null>): RawBuilder<string | null> {
  return sql<string | null>`(SELECT text FROM files WHERE id = ${fileId})`
}

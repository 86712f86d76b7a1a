/**
 * A batch lookup by key, in one query: each key asked once, no query at all for none (an empty `IN ()` is
 * not valid SQL), and the answer as a map from key to value in the order the query returned the rows; a
 * key with no row is absent. The query gets the distinct keys and selects what it needs.
 *
 * @example
 * const people = await rowsByKey(ids, (wanted) => db.selectFrom('people').select(['id', 'name']).where('id', 'in', wanted).execute(), (row) => row.id)
 * people.get(id)?.name
 */
export async function rowsByKey<Row, Value = Row>(
  keys: Iterable<string>,
  query: (distinctKeys: string[]) => Promise<Row[]>,
  keyOf: (row: Row) => string,
  valueOf: (row: Row) => Value = (row) => row as unknown as Value,
): Promise<Map<string, Value>> {
  const wanted = [...new Set(keys)]
  if (wanted.length === 0) return new Map()
  const rows = await query(wanted)
  return new Map(rows.map((row) => [keyOf(row), valueOf(row)]))
}

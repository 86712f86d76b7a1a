import type { Kysely } from 'kysely'
import { rowsByKey } from '../../db/rows-by-key.js'
import type { DB, Lang } from '../../db/schema.js'

/**
 * The accounts domain's public reads of people and API keys, for the other domains (organisations' member
 * lists, the audit, mails): they ask here by id or address, never with SQL of their own on these tables.
 * Each takes the connection or transaction to run on, since many callers are inside one.
 */

export interface PersonRef {
  id: string
  email: string
  name: string
  lang: Lang
}

/** People by id, in one query; an unknown id is absent from the map. */
export function peopleByIds(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, PersonRef>> {
  return rowsByKey(ids, (wanted) => db.selectFrom('people').select(['id', 'email', 'name', 'lang']).where('id', 'in', wanted).execute(), (row) => row.id)
}

/** One person by id, or undefined. */
export async function personById(db: Kysely<DB>, id: string): Promise<PersonRef | undefined> {
  return (await peopleByIds(db, [id])).get(id)
}

/** The person signing in with `email` (stored lower-case), or undefined. */
export async function personIdByEmail(db: Kysely<DB>, email: string): Promise<string | undefined> {
  const row = await db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst()
  return row?.id
}

/** API keys' names and prefixes by id (revoked keys included: the audit names them), in one query. */
export function apiKeysByIds(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, { name: string; prefix: string }>> {
  return rowsByKey(
    ids,
    (wanted) => db.selectFrom('api_keys').select(['id', 'name', 'prefix']).where('id', 'in', wanted).execute(),
    (row) => row.id,
    (row) => ({ name: row.name, prefix: row.prefix }),
  )
}

import { type Insertable, type Kysely, sql } from 'kysely'
import type { DB, OrganisationTable } from '../../db/schema.js'

/**
 * The organisations domain's writes of its table for the content store (content/content-store.ts: the demo
 * loader, the tests, deletions), which checks the input and records the change-log event itself. Each runs
 * on the caller's transaction.
 */

export async function insertOrganisationRow(trx: Kysely<DB>, row: Insertable<OrganisationTable>): Promise<void> {
  await trx.insertInto('organisations').values(row).execute()
}

/** Leaves a tombstone; undefined when there was nothing (left) to delete. */
export async function softDeleteOrganisation(trx: Kysely<DB>, id: string): Promise<{ owner: string; version: null } | undefined> {
  const row = await trx
    .updateTable('organisations')
    .set({ deleted_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  return row && { owner: row.id, version: null }
}

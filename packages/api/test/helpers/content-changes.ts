import { type Kysely, sql } from 'kysely'
import type { DB, TranslatedText } from '../../src/db/schema.js'
import { recordChange } from '../../src/domains/changes/change-log.js'

/**
 * A content write as the publishing contract (issue 15) says the write API makes one: the item's row
 * changes, its version goes up, and one change-log event is recorded in the same transaction, `public`
 * when the item was public after the change or stopped being public by it. The change feed and the
 * cache invalidation are tested against these rows until the write API (branch h-write) is merged.
 */
export async function writeItem(
  db: Kysely<DB>,
  type: 'project' | 'resource',
  id: string,
  change: { title?: TranslatedText; state?: 'draft' | 'published'; action?: string; alsoSilently?: (trx: Kysely<DB>) => Promise<void> },
): Promise<{ version: number }> {
  return db.transaction().execute(async (trx) => {
    const table = type === 'project' ? 'projects' : 'resources'
    const before = await trx.selectFrom(table).select(['state', 'deleted_at']).where('id', '=', id).executeTakeFirstOrThrow()
    const after = await trx
      .updateTable(table)
      .set((eb) => ({
        version: eb('version', '+', 1),
        updated_at: sql`now()`,
        ...(change.title ? { title: JSON.stringify(change.title) } : {}),
        ...(change.state ? { state: change.state } : {}),
      }))
      .where('id', '=', id)
      .returning(['version', 'state', 'deleted_at', 'owner_organisation_id'])
      .executeTakeFirstOrThrow()
    const wasPublic = before.state === 'published' && before.deleted_at === null
    const isPublic = after.state === 'published' && after.deleted_at === null
    const action =
      change.action ?? (isPublic && !wasPublic ? `${type}.published` : wasPublic && !isPublic ? `${type}.unpublished` : `${type}.updated`)
    await recordChange(trx, null, {
      action,
      subjectType: type,
      subjectId: id,
      organisationId: after.owner_organisation_id,
      version: after.version,
      public: isPublic || wasPublic,
      origin: 'http://localhost',
      after: { fields: change.title ? ['title'] : ['state'] },
    })
    await change.alsoSilently?.(trx)
    return { version: after.version }
  })
}

/** A new draft, as the write API creates one: not public, so its event is not public either. */
export async function makeDraft(db: Kysely<DB>, type: 'project' | 'resource', id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const table = type === 'project' ? 'projects' : 'resources'
    const row = await trx.updateTable(table).set({ state: 'draft' }).where('id', '=', id).returning(['owner_organisation_id', 'version']).executeTakeFirstOrThrow()
    await recordChange(trx, null, {
      action: `${type}.created`,
      subjectType: type,
      subjectId: id,
      organisationId: row.owner_organisation_id,
      version: row.version,
      public: false,
    })
  })
}

import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { fileUrl } from './file-service.js'

/** An upload as another domain refers to it: a paper batch's scan, a petition response's document. */
export interface OrganisationFile {
  id: string
  type: string
  size: number
  name: string
}

export { fileUrl }

/**
 * The upload `fileId` if it belongs to `organisationId`, else undefined: an organisation attaches only its
 * own uploads (a foreign id is refused as if it did not exist). Runs on the caller's transaction.
 */
export async function organisationFile(db: Kysely<DB>, fileId: string, organisationId: string): Promise<OrganisationFile | undefined> {
  const row = await db
    .selectFrom('files')
    .select(['id', 'type', 'size', 'name'])
    .where('id', '=', fileId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
  return row ? { id: row.id, type: row.type, size: Number(row.size), name: row.name } : undefined
}

import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { fileUrl } from './file-service.js'
import { organisationIdBySlug } from '../organisations/organisation-refs.js'

/** What a resource's `file` column set holds: its address, type and size. */
export interface StoredFileRef {
  url: string
  type: string
  size: number
}

/**
 * The `file` of a resource written through the publishing API. With a `fileId`, the upload's (it must be the
 * owner's: otherwise 400 WEGOV_VALIDATION on `fileId`); without, the file it had, unless that was an upload
 * (whose id is then removed). Old resources whose `file` is an address elsewhere keep it.
 */
export async function resourceFileOf(
  db: Kysely<DB>,
  { fileId, ownerSlug, publicUrl, current }: { fileId: string | null; ownerSlug: string; publicUrl: string; current: StoredFileRef | null },
): Promise<StoredFileRef | null> {
  if (fileId === null) return current && current.url.startsWith(`${publicUrl}/v1/files/`) ? null : current
  const ownerId = await organisationIdBySlug(db, ownerSlug)
  const file = ownerId && (await db.selectFrom('files').select(['id', 'type', 'size']).where('id', '=', fileId).where('organisation_id', '=', ownerId).executeTakeFirst())
  if (!file) throw new WeGovError('WEGOV_VALIDATION', { errors: [{ field: 'fileId', code: 'WEGOV_NOT_FOUND', message: 'No upload of this organisation has this id.' }] })
  return { url: fileUrl(publicUrl, file.id), type: file.type, size: Number(file.size) }
}

import type { Kysely } from 'kysely'
import { translatedHtmlToText } from '../../content/rich-text.js'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { searchVector } from '../../search/search-vector.js'
import { fileUrl } from './file-service.js'
import { organisationIdBySlug } from '../organisations/organisation-refs.js'

/**
 * Rebuilds the search vector of resources from their texts and their file's extracted text: of every
 * resource offering the file `fileId`, or of one resource.
 */
export async function refreshResourceSearch(db: Kysely<DB>, which: string | { resourceId: string }): Promise<void> {
  let query = db
    .selectFrom('resources as r')
    .leftJoin('files as f', 'f.id', 'r.file_id')
    .select(['r.id', 'r.title', 'r.summary', 'r.body', 'f.text'])
  query = typeof which === 'string' ? query.where('r.file_id', '=', which) : query.where('r.id', '=', which.resourceId)
  for (const row of await query.execute()) {
    const search = searchVector({ title: row.title, summary: row.summary, body: translatedHtmlToText(row.body), fileText: row.text })
    await db.updateTable('resources').set({ search }).where('id', '=', row.id).execute()
  }
}

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

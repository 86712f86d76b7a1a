import { type Kysely, sql } from 'kysely'
import { translatedHtmlToText } from '../../content/rich-text.js'
import type { DB } from '../../db/schema.js'
import { searchVector } from '../../search/search-vector.js'
import { extractedTextOf } from '../files/file-texts.js'

/**
 * What the resources domain answers and does about the files resources offer: the files domain asks here,
 * and never reads or writes the resources table itself.
 */

/**
 * Rebuilds the search vector of resources from their texts and their file's extracted text: of every
 * resource offering the file `fileId` (its text was just extracted), or of one resource (just written).
 */
export async function refreshResourceSearch(db: Kysely<DB>, which: string | { resourceId: string }): Promise<void> {
  let query = db.selectFrom('resources as r').select(['r.id', 'r.title', 'r.summary', 'r.body', extractedTextOf(sql.ref<string | null>('r.file_id')).as('text')])
  query = typeof which === 'string' ? query.where('r.file_id', '=', which) : query.where('r.id', '=', which.resourceId)
  for (const row of await query.execute()) {
    const search = searchVector({ title: row.title, summary: row.summary, body: translatedHtmlToText(row.body), fileText: row.text })
    await db.updateTable('resources').set({ search }).where('id', '=', row.id).execute()
  }
}

/** Whether anyone may read the file: a published resource that is not deleted offers it. */
export async function offersPublishedFile(db: Kysely<DB>, fileId: string): Promise<boolean> {
  const row = await db
    .selectFrom('resources')
    .select('id')
    .where('file_id', '=', fileId)
    .where('state', '=', 'published')
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

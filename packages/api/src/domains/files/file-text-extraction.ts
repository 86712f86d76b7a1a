import { type Kysely, sql } from 'kysely'
import { extractText, getDocumentProxy } from 'unpdf'
import type { DB } from '../../db/schema.js'
import type { FileStorage } from './file-storage.js'
import { refreshResourceSearch } from '../resources/resource-files.js'

/** The maintenance job's name, also its advisory lock's. */
export const EXTRACTION_JOB = 'extract-file-text'
/** A PDF that failed this many times (or crashed the process while being read) is given up on. */
export const MAX_TEXT_ATTEMPTS = 3
/** Files read per job run: the run holds a connection (PGlite's only one) while it works. */
const FILES_PER_RUN = 5
/** What is kept of a document's text: far more than the search uses (MAX_FILE_TEXT_CHARS), far less than a book. */
const MAX_STORED_TEXT_CHARS = 1_000_000

export interface ExtractionRun {
  done: number
  failed: number
}

/**
 * Extracts the text of PDFs waiting for it (text_status 'pending'), off the request path: a maintenance job
 * run under its advisory lock (one instance at a time), and kicked after an upload is attached. The text is
 * NFKC-normalised (Arabic presentation forms, as PDFs often hold, become plain letters; ligatures split) and
 * goes into the search of every resource offering the file. A file whose extraction fails stays published:
 * its failure is recorded, and after MAX_TEXT_ATTEMPTS it is not tried again.
 */
export async function extractPendingFileTexts(db: Kysely<DB>, storage: FileStorage): Promise<ExtractionRun> {
  const run: ExtractionRun = { done: 0, failed: 0 }
  for (let i = 0; i < FILES_PER_RUN; i++) {
    // The attempt is counted before the work, so a PDF that kills the process is not retried forever.
    const claimed = await db
      .updateTable('files')
      .set({ text_attempts: sql`text_attempts + 1` })
      .where('id', '=', (eb) => eb.selectFrom('files').select('id').where('text_status', '=', 'pending').orderBy('created_at').limit(1))
      .where('text_status', '=', 'pending')
      .returning(['id', 'sha256', 'text_attempts'])
      .executeTakeFirst()
    if (!claimed) break
    if (claimed.text_attempts > MAX_TEXT_ATTEMPTS) {
      await db.updateTable('files').set({ text_status: 'failed' }).where('id', '=', claimed.id).execute()
      run.failed++
      continue
    }
    try {
      const text = await pdfText(db, storage, claimed.sha256)
      await db.updateTable('files').set({ text_status: 'done', text, text_error: null }).where('id', '=', claimed.id).execute()
      await refreshResourceSearch(db, claimed.id)
      run.done++
    } catch (error) {
      const giveUp = claimed.text_attempts >= MAX_TEXT_ATTEMPTS
      await db
        .updateTable('files')
        .set({ text_status: giveUp ? 'failed' : 'pending', text_error: String((error as Error).message ?? error).slice(0, 500) })
        .where('id', '=', claimed.id)
        .execute()
      if (giveUp) run.failed++
    }
  }
  return run
}

async function pdfText(db: Kysely<DB>, storage: FileStorage, sha256: string): Promise<string> {
  const blob = await db.selectFrom('file_blobs').select('storage_key').where('sha256', '=', sha256).executeTakeFirstOrThrow()
  // pdf.js needs the whole document (its cross-reference table is at the end): read into memory here, in
  // the job, one file at a time, never in a request.
  const parts: Buffer[] = []
  for await (const chunk of await storage.read(db, blob.storage_key)) parts.push(chunk as Buffer)
  const pdf = await getDocumentProxy(new Uint8Array(Buffer.concat(parts)))
  try {
    const { text } = await extractText(pdf, { mergePages: true })
    // NUL cannot be stored in a PostgreSQL text.
    // eslint-disable-next-line no-control-regex -- removing NUL is the point
    return text.normalize('NFKC').replace(/\u0000/g, ' ').slice(0, MAX_STORED_TEXT_CHARS)
  } finally {
    await pdf.destroy()
  }
}

/**
 * Chunks of uploads that never finished (the process died mid-upload; a finished one that failed removes its
 * own): any chunk a day old that no file_blobs row points at. S3 multipart uploads abort themselves on error;
 * a bucket lifecycle rule on `uploads/` covers a crash there.
 */
export async function purgeAbandonedUploads(db: Kysely<DB>): Promise<number> {
  const result = await db
    .deleteFrom('file_chunks')
    .where('created_at', '<', sql<Date>`now() - interval '1 day'`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('file_blobs').select('sha256').whereRef('file_blobs.storage_key', '=', sql<string>`file_chunks.upload_id::text`))))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

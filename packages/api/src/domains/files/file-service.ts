import { createHash, randomUUID } from 'node:crypto'
import { PassThrough, type Readable, Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileTypeFromStream } from 'file-type'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import type { Actor } from '../accounts/actor.js'
import { decide } from '../accounts/policy.js'
import { isPetitionResponseDocument } from '../petitions/petition-facts.js'
import { offersPublishedFile } from '../resources/resource-files.js'
import type { FileStorage } from './file-storage.js'
import { ALLOWED_FILE_TYPES, hasExtractableText, safeFileName } from './file-types.js'

/** What an upload answers and what a resource's `file` is made from. */
export interface FileDescription {
  id: string
  url: string
  type: string
  size: number
  sha256: string
  name: string
}

/** The public address of a file: served by the API, on the node's public URL. */
export function fileUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/v1/files/${id}`
}

/** Counts and hashes the bytes that go through it, keeping none. */
class HashingMeter extends Transform {
  readonly #hash = createHash('sha256')
  size = 0
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.#hash.update(chunk)
    this.size += chunk.length
    callback(null, chunk)
  }
  digest(): string {
    return this.#hash.digest('hex')
  }
}

export interface UploadInput {
  organisationId: string
  name: string | undefined
  /** The file part's stream. Past the size limit it ends early, and the rest of the request is read and dropped. */
  source: Readable
  /** Whether the source was cut at the size limit. */
  truncated: () => boolean
  actor: Actor
}

/**
 * Stores an upload: streamed to storage while it is hashed (never held whole in memory), its type then read
 * from the stored bytes, the bytes kept once per SHA-256. Throws 415 for a type the library does not take
 * and 413 past the size limit; either way nothing stays stored.
 */
export async function storeUpload(db: Kysely<DB>, storage: FileStorage, publicUrl: string, input: UploadInput): Promise<FileDescription> {
  const meter = new HashingMeter()
  const metered = new PassThrough()
  // Both sides settle before anything is decided, so a failed upload's cleanup (storage.write removes what it
  // wrote) has finished when the error is answered. A storage failure stops the pipe, or it would wait forever.
  const writing = storage.write(db, metered).catch((error: unknown) => {
    metered.destroy(error as Error)
    throw error
  })
  const [piped, written] = await Promise.allSettled([pipeline(input.source, meter, metered), writing])
  if (piped.status === 'rejected' || written.status === 'rejected') {
    if (written.status === 'fulfilled') await storage.remove(db, written.value)
    const error: unknown = piped.status === 'rejected' ? piped.reason : (written as PromiseRejectedResult).reason
    throw error
  }
  const key = written.value
  if (input.truncated()) {
    await storage.remove(db, key)
    throw new WeGovError('WEGOV_FILE_TOO_LARGE')
  }
  const sha256 = meter.digest()
  const size = meter.size

  const detected = await detectType(db, storage, key)
  const extension = detected ? ALLOWED_FILE_TYPES[detected] : undefined
  if (!detected || !extension) {
    await storage.remove(db, key)
    throw new WeGovError('WEGOV_UNSUPPORTED_FILE_TYPE')
  }

  const id = randomUUID()
  const name = safeFileName(input.name, extension)
  const keptOurs = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('file_blobs')
      .values({ sha256, size, storage_key: key })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returning('sha256')
      .executeTakeFirst()
    // The same bytes were uploaded before: their text was too, if it is known.
    const known = await trx
      .selectFrom('files')
      .select(['text', 'text_status'])
      .where('sha256', '=', sha256)
      .where('text_status', '=', 'done')
      .executeTakeFirst()
    await trx
      .insertInto('files')
      .values({
        id,
        organisation_id: input.organisationId,
        sha256,
        size,
        type: detected,
        name,
        actor_person_id: input.actor.kind === 'person' ? input.actor.personId : null,
        actor_key_id: input.actor.kind === 'key' ? input.actor.keyId : null,
        text_status: known ? 'done' : hasExtractableText(detected) ? 'pending' : 'none',
        text: known?.text ?? null,
      })
      .execute()
    return inserted !== undefined
  })
  if (!keptOurs) await storage.remove(db, key)
  return { id, url: fileUrl(publicUrl, id), type: detected, size, sha256, name }
}

/** The type read from the first bytes (zip-based documents: from their entries), whatever the name says. */
async function detectType(db: Kysely<DB>, storage: FileStorage, key: string): Promise<string | undefined> {
  const stream = await storage.read(db, key)
  try {
    return (await fileTypeFromStream(stream))?.mime
  } finally {
    stream.destroy()
  }
}

/** A stored file as the serving route needs it. */
export interface StoredFile {
  id: string
  organisationId: string
  sha256: string
  size: number
  type: string
  name: string
  storageKey: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

async function findFile(db: Kysely<DB>, id: string): Promise<StoredFile | undefined> {
  if (!UUID.test(id)) return undefined
  const row = await db
    .selectFrom('files as f')
    .innerJoin('file_blobs as b', 'b.sha256', 'f.sha256')
    .select(['f.id', 'f.organisation_id', 'f.sha256', 'f.size', 'f.type', 'f.name', 'b.storage_key'])
    .where('f.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  return { id: row.id, organisationId: row.organisation_id, sha256: row.sha256, size: Number(row.size), type: row.type, name: row.name, storageKey: row.storage_key }
}

/**
 * The file if `actor` may read it, with whether the reply may be cached publicly; undefined (404) otherwise.
 * A file nobody has published yet exists only for its organisation's editors (and admins): to anyone else it
 * answers 404, not 403, so its existence is not revealed.
 */
export async function fileForReader(db: Kysely<DB>, id: string, actor: Actor): Promise<{ file: StoredFile; public: boolean } | undefined> {
  const file = await findFile(db, id)
  if (!file) return undefined
  // Public once a published resource offers it (the resources domain knows which do), or once it is the
  // document of a petition's official response (the petitions domain knows).
  if ((await offersPublishedFile(db, id)) || (await isPetitionResponseDocument(db, id))) return { file, public: true }
  const allowed =
    decide(actor, 'organisation.drafts.read', file.organisationId).allowed || decide(actor, 'organisation.content.write', file.organisationId).allowed
  return allowed ? { file, public: false } : undefined
}

/** The contract with the resource writes: what a resource's `file` says of an uploaded file, or null. */
export async function describeFile(db: Kysely<DB>, id: string, publicUrl: string): Promise<FileDescription | null> {
  const file = await findFile(db, id)
  return file ? { id: file.id, url: fileUrl(publicUrl, file.id), type: file.type, size: file.size, sha256: file.sha256, name: file.name } : null
}

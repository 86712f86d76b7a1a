import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { ByteRange, FileStorage } from './file-storage.js'

/**
 * 256 KiB per row: small enough that an upload holds one chunk in memory at a time, large enough that a
 * 25 MB file is a hundred rows. Changing it would need the chunk size stored per upload.
 */
export const CHUNK_BYTES = 256 * 1024
/** Chunks fetched per query when reading: 1 MiB, a quarter of a second of a fast download. */
const CHUNKS_PER_READ = 4

/** Files as bytea chunks in file_chunks, keyed by an upload id: PostgreSQL and PGlite alike, nothing else to run. */
export class PostgresFileStorage implements FileStorage {
  readonly kind = 'postgres' as const

  async write(db: Kysely<DB>, source: Readable): Promise<string> {
    const uploadId = randomUUID()
    let seq = 0
    let pending: Buffer[] = []
    let pendingBytes = 0
    const flush = async (bytes: number) => {
      const all = Buffer.concat(pending)
      const data = all.subarray(0, bytes)
      pending = bytes < all.length ? [all.subarray(bytes)] : []
      pendingBytes = all.length - bytes
      await db.insertInto('file_chunks').values({ upload_id: uploadId, seq: seq++, data }).execute()
    }
    try {
      for await (const chunk of source) {
        pending.push(chunk as Buffer)
        pendingBytes += (chunk as Buffer).length
        while (pendingBytes >= CHUNK_BYTES) await flush(CHUNK_BYTES)
      }
      if (pendingBytes > 0 || seq === 0) await flush(pendingBytes)
      return uploadId
    } catch (error) {
      await this.remove(db, uploadId)
      throw error
    }
  }

  async read(db: Kysely<DB>, key: string, range?: ByteRange): Promise<Readable> {
    const first = range ? Math.floor(range.start / CHUNK_BYTES) : 0
    const last = range ? Math.floor(range.end / CHUNK_BYTES) : Number.MAX_SAFE_INTEGER
    async function* chunks() {
      for (let from = first; from <= last; from += CHUNKS_PER_READ) {
        const rows = await db
          .selectFrom('file_chunks')
          .select(['seq', 'data'])
          .where('upload_id', '=', key)
          .where('seq', '>=', from)
          .where('seq', '<=', Math.min(last, from + CHUNKS_PER_READ - 1))
          .orderBy('seq')
          .execute()
        for (const row of rows) {
          let data = Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength)
          if (range) {
            const offset = row.seq * CHUNK_BYTES
            data = data.subarray(Math.max(0, range.start - offset), Math.min(data.length, range.end - offset + 1))
          }
          if (data.length > 0) yield data
        }
        if (rows.length < CHUNKS_PER_READ) return
      }
    }
    return Readable.from(chunks(), { objectMode: false })
  }

  async remove(db: Kysely<DB>, key: string): Promise<void> {
    await db.deleteFrom('file_chunks').where('upload_id', '=', key).execute()
  }
}

import type { Readable } from 'node:stream'
import type { Kysely } from 'kysely'
import type { Config } from '../../config.js'
import type { DB } from '../../db/schema.js'
import { PostgresFileStorage } from './postgres-file-storage.js'
import { S3FileStorage } from './s3-file-storage.js'

/** Bytes `start` to `end` of a file, both included (as in an HTTP Range). */
export interface ByteRange {
  start: number
  end: number
}

/**
 * Where uploaded bytes live. The service writes each upload under a new key while hashing it, then keeps
 * one key per SHA-256 (file_blobs) and removes the others: storage knows nothing of hashes or dedup.
 *
 * Every method takes the Kysely to use: a job holding PGlite's only connection must pass that one.
 */
export interface FileStorage {
  readonly kind: 'postgres' | 's3'
  /** Stores the stream's bytes under a new key, reading it a piece at a time; on error nothing is left behind. */
  write(db: Kysely<DB>, source: Readable): Promise<string>
  /** The bytes stored under `key` (a range of them), streamed. */
  read(db: Kysely<DB>, key: string, range?: ByteRange): Promise<Readable>
  remove(db: Kysely<DB>, key: string): Promise<void>
}

const storages = new WeakMap<Config, FileStorage>()

/** S3 when S3_URL is set, else PostgreSQL; one per config, so every part of an app shares its S3 client. */
export function fileStorageFor(config: Config): FileStorage {
  let storage = storages.get(config)
  if (!storage) {
    storage = config.s3Url ? new S3FileStorage(config.s3Url) : new PostgresFileStorage()
    storages.set(config, storage)
  }
  return storage
}

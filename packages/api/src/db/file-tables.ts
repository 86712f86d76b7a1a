import type { ColumnType, Generated } from 'kysely'

/** bigint columns come back as strings from node-postgres; numbers go in. */
type BigCount = ColumnType<string | number, number, number>

/** The bytes of one distinct content, once per SHA-256 (migration 0008). */
export interface FileBlobTable {
  sha256: string
  size: BigCount
  storage_key: string
  created_at: Generated<Date>
}

/** PostgreSQL storage: the bytes of an upload, in order. */
export interface FileChunkTable {
  upload_id: string
  seq: number
  data: Uint8Array
  created_at: Generated<Date>
}

export type TextStatus = 'none' | 'pending' | 'done' | 'failed'

/** One upload by an organisation: its name and checked type, and the text extracted from it. */
export interface FileTable {
  id: string
  organisation_id: string
  sha256: string
  size: BigCount
  type: string
  name: string
  created_at: Generated<Date>
  actor_person_id: string | null
  actor_key_id: string | null
  text_status: TextStatus
  text_attempts: Generated<number>
  text_error: string | null
  text: string | null
}

export interface FileTables {
  file_blobs: FileBlobTable
  file_chunks: FileChunkTable
  files: FileTable
}

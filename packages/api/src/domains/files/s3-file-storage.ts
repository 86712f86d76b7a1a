import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import type { ByteRange, FileStorage } from './file-storage.js'

/** The smallest part S3 accepts: an upload holds at most one part in memory (queueSize 1). */
const PART_BYTES = 5 * 1024 * 1024

/**
 * Files as objects in an S3-compatible store. S3_URL = `http(s)://KEY:SECRET@HOST[:PORT]/BUCKET?region=…`;
 * path-style addressing, so MinIO, Garage, Ceph or a local test server work as well as AWS.
 */
export class S3FileStorage implements FileStorage {
  readonly kind = 's3' as const
  readonly #client: S3Client
  readonly #bucket: string

  constructor(s3Url: string) {
    const url = new URL(s3Url)
    const bucket = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, ''))
    if (!bucket || bucket.includes('/')) throw new Error('S3_URL must name one bucket as its path: http(s)://KEY:SECRET@HOST/BUCKET')
    if (!url.username || !url.password) throw new Error('S3_URL must carry the access key and secret: http(s)://KEY:SECRET@HOST/BUCKET')
    this.#bucket = bucket
    this.#client = new S3Client({
      endpoint: `${url.protocol}//${url.host}`,
      region: url.searchParams.get('region') ?? 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: decodeURIComponent(url.username), secretAccessKey: decodeURIComponent(url.password) },
    })
  }

  async write(_db: unknown, source: Readable): Promise<string> {
    const key = `uploads/${randomUUID()}`
    // lib-storage cuts the stream into parts (a single PUT when it is smaller than one part) and aborts the
    // multipart upload if the stream fails, so an oversize upload leaves nothing in the bucket.
    const upload = new Upload({ client: this.#client, params: { Bucket: this.#bucket, Key: key, Body: source }, queueSize: 1, partSize: PART_BYTES, leavePartsOnError: false })
    await upload.done()
    return key
  }

  async read(_db: unknown, key: string, range?: ByteRange): Promise<Readable> {
    const object = await this.#client.send(
      new GetObjectCommand({ Bucket: this.#bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
    )
    return object.Body as Readable
  }

  async remove(_db: unknown, key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }))
  }
}

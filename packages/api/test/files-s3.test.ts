import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import S3rver from 's3rver'
import t, { type Test } from 'tap'
import { addResource } from './helpers/content-fixtures.js'
import { HTML_AS_PDF, multipartBody, pdfBytes } from './helpers/file-samples.js'
import { SAME_ORIGIN, attach, filesWorld } from './helpers/files-setup.js'

/** A real S3 server (s3rver) on 127.0.0.1, its data in a temporary folder, stopped at teardown. */
async function localS3(t: Test) {
  const directory = mkdtempSync(join(tmpdir(), 'wegov-s3-'))
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'wegov-files', configs: [] }] })
  const address = (await server.run()) as AddressInfo
  t.teardown(async () => {
    await server.close()
    rmSync(directory, { recursive: true, force: true })
  })
  const endpoint = `http://127.0.0.1:${address.port}`
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } })
  t.teardown(() => client.destroy())
  const keys = async () => ((await client.send(new ListObjectsV2Command({ Bucket: 'wegov-files' }))).Contents ?? []).map((o) => o.Key!)
  return { url: `http://S3RVER:S3RVER@127.0.0.1:${address.port}/wegov-files?region=us-east-1`, keys }
}

t.test('with S3_URL: uploads go to the bucket (streamed, deduplicated), are served with Range, and refused ones leave nothing', async (t) => {
  const s3 = await localS3(t)
  const world = await filesWorld(t, { s3Url: s3.url, uploadMaxBytes: 8 * 1024 * 1024 })
  const { app, orgA, orgB, editorB, upload } = world
  t.equal(app.files.storage.kind, 's3')

  // Larger than one 5 MiB part: lib-storage sends a multipart upload.
  const bytes = Buffer.concat([await pdfBytes('S3'), Buffer.from(Array.from({ length: 6 * 1024 * 1024 }, (_, i) => i % 253))])
  const res = await upload(orgA, bytes, 'rapport.pdf')
  t.equal(res.statusCode, 201)
  const file = res.json()
  t.equal(file.size, bytes.length)
  t.same(await s3.keys(), [(await app.db.selectFrom('file_blobs').select('storage_key').executeTakeFirstOrThrow()).storage_key], 'one object')
  t.equal((await app.db.selectFrom('file_chunks').select('upload_id').execute()).length, 0, 'nothing in PostgreSQL')

  const again = await upload(orgB, bytes, 'copie.pdf', { cookie: editorB, ...SAME_ORIGIN })
  t.equal(again.statusCode, 201)
  t.equal((await s3.keys()).length, 1, 'the same bytes once in the bucket')

  const resource = await addResource(app.db, { collection: 'library', kind: 'guide' })
  t.equal((await attach(world, resource.id, file.id)).statusCode, 200)
  const whole = await app.inject({ url: `/v1/files/${file.id}` })
  t.equal(whole.statusCode, 200)
  t.same(whole.rawPayload, bytes)
  const range = await app.inject({ url: `/v1/files/${file.id}`, headers: { range: 'bytes=5242000-5243000' } })
  t.equal(range.statusCode, 206)
  t.same(range.rawPayload, bytes.subarray(5242000, 5243001))

  const spoofed = await upload(orgA, HTML_AS_PDF, 'x.pdf')
  t.equal(spoofed.statusCode, 415)
  const tooBig = multipartBody(Buffer.concat([bytes, bytes]), 'big.pdf')
  const oversize = await app.inject({ method: 'POST', url: `/v1/organisations/${orgA}/files`, headers: { ...tooBig.headers, cookie: world.editorA, ...SAME_ORIGIN }, payload: tooBig.payload })
  t.equal(oversize.statusCode, 413)
  t.equal((await s3.keys()).length, 1, 'neither the refused type nor the oversize upload stayed in the bucket')
})

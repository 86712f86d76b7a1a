import { Readable } from 'node:stream'
import multipart from '@fastify/multipart'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import { WeGovError } from '../../errors.js'
import { runExclusive } from '../../jobs/run-exclusive.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { OrganisationParams, Problem } from '../organisations/organisation-management-schemas.js'
import { fileForReader, storeUpload } from './file-service.js'
import { byteRange, contentDisposition, etagMatches, FILE_CSP, PUBLIC_FILE_CACHE } from './file-serving.js'
import { type FileStorage, fileStorageFor } from './file-storage.js'
import { FileParams, UploadedFileSchema } from './file-schemas.js'
import { EXTRACTION_JOB, extractPendingFileTexts } from './file-text-extraction.js'
import { signedInTree } from '../accounts/signed-in-tree.js'

/**
 * Documents for the library: upload (multipart, streamed) and serving (Range, ETag, a sandboxing CSP). A
 * resource offers an upload through its own writes (`fileId` in the create body or merge patch), so that the
 * change is versioned and recorded in the change log like every other write. Text extraction runs as a
 * maintenance job (jobs-plugin.ts), kicked by those writes so a new document is searchable within seconds.
 */
export const filesRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const storage = app.files.storage
  // Scoped to this plugin: no other route parses multipart bodies. One file per request, and past the
  // limit busboy reads the rest of the body and drops it (the connection stays usable for the 413).
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 4, parts: 5, fieldSize: 1024 }, throwFileSizeLimit: false })

  // Uploading: signed in only (reading a file is public once a published resource offers it).
  const uploadRoutes: FastifyPluginAsyncTypebox = async (uploads) => {
    signedInTree(uploads)
    uploads.post(
      '/organisations/:organisationId/files',
      {
        schema: {
          tags: ['resources'],
          operationId: 'uploadFile',
          summary: 'Upload a document for the library (multipart/form-data, field `file`)',
          description:
            'The type is read from the bytes, not the name: PDF, ODT/DOCX, ODP/PPTX, ODS/XLSX, PNG, JPEG or WebP; anything else is ' +
            `415 WEGOV_UNSUPPORTED_FILE_TYPE. Files above WEGOV_UPLOAD_MAX_BYTES (${config.uploadMaxBytes} bytes here) are 413 ` +
            'WEGOV_FILE_TOO_LARGE. The file is served to the public only once a published resource offers it ' +
            '(its `fileId` in POST /v1/organisations/{organisationId}/resources or PATCH /v1/resources/{id}).',
          consumes: ['multipart/form-data'],
          params: OrganisationParams,
          response: { 201: Type.Ref(UploadedFileSchema), 400: Problem, 401: Problem, 403: Problem, 413: Problem, 415: Problem, 429: Problem },
        },
        config: { policy: 'organisation.content.write', rateLimit: rateLimits.upload },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new WeGovError('WEGOV_FILE_MISSING')
        const part = await request.file()
        if (!part || part.fieldname !== 'file') throw new WeGovError('WEGOV_FILE_MISSING')
        const file = await storeUpload(app.db, storage, app.publicOrigin.url, {
          organisationId: request.params.organisationId,
          name: part.filename,
          source: part.file,
          truncated: () => part.file.truncated,
          actor: request.actor,
        })
        return reply.code(201).header('location', `/v1/files/${file.id}`).send(file)
      },
    )
  }
  await app.register(uploadRoutes)

  app.get(
    '/files/:id',
    {
      schema: {
        tags: ['resources'],
        operationId: 'getFile',
        summary: 'A document’s bytes (Range and If-None-Match supported)',
        description:
          'Public once a published resource offers it; until then only its organisation’s editors see it (404 to anyone else). ' +
          'PDFs and images open inline, other documents download. The ETag is the SHA-256 of the bytes.',
        params: FileParams,
        response: { 200: Type.Unknown({ description: 'The bytes.' }), 206: Type.Unknown({ description: 'The range asked for.' }), 304: Type.Null(), 404: Problem, 416: Problem },
      },
    },
    async (request, reply) => {
      const found = await fileForReader(app.db, request.params.id, request.actor)
      if (!found) throw new WeGovError('WEGOV_NOT_FOUND')
      const { file } = found
      const etag = `"${file.sha256}"`
      reply.headers({
        etag,
        'accept-ranges': 'bytes',
        'cache-control': found.public ? PUBLIC_FILE_CACHE : 'private, no-store',
        'content-security-policy': FILE_CSP,
        'x-content-type-options': 'nosniff',
      })
      if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send(null)

      // If-Range with another version asks for the whole file (only this one version exists under an id).
      const ifRange = request.headers['if-range']
      const range = ifRange !== undefined && ifRange !== etag ? null : byteRange(request.headers.range, file.size)
      if (range === 'unsatisfiable') {
        throw new WeGovError('WEGOV_RANGE_NOT_SATISFIABLE', { headers: { 'content-range': `bytes */${file.size}` } })
      }
      reply.headers({ 'content-type': file.type, 'content-disposition': contentDisposition(file.type, file.name) })
      if (range) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
      const length = range ? range.end - range.start + 1 : file.size
      reply.header('content-length', length)
      // An empty stream: Fastify replaces the Content-Length of a string or buffer payload by its length.
      if (request.method === 'HEAD') return reply.send(Readable.from([]))
      if (length === 0) return reply.send(Buffer.alloc(0))
      return reply.send(await storage.read(app.db, file.storageKey, range ?? undefined))
    },
  )
}

declare module 'fastify' {
  interface FastifyInstance {
    files: {
      storage: FileStorage
      /** Runs the text extraction job soon, off the request, at most one run at a time in this instance. */
      kick(): void
      /** Resolves once no kicked run is going on (tests, shutdown). */
      idle(): Promise<void>
    }
  }
}

/** `app.files`: the storage S3_URL chose, and the extraction kicker. Registered at the root, before the routes. */
export const filesPlugin = fp(
  async function files(app: FastifyInstance, { config }: { config: Config }) {
    const storage = fileStorageFor(config)
    let running: Promise<void> | undefined
    let again = false
    const run = (): Promise<void> =>
      runExclusive(app.db, EXTRACTION_JOB, (conn) => extractPendingFileTexts(conn, storage))
        .then(() => undefined)
        .catch((error: unknown) => app.log.error({ err: error }, 'file text extraction failed'))
        .then(() => {
          if (!again) return
          again = false
          return run()
        })
    const idle = async () => {
      while (running) await running
    }
    app.decorate('files', {
      storage,
      kick() {
        if (running) {
          again = true
          return
        }
        running = new Promise<void>((resolve) => setImmediate(resolve)).then(run).finally(() => {
          running = undefined
        })
      },
      idle,
    })
    app.addHook('onClose', idle)
  },
  { name: 'wegov-files', dependencies: ['wegov-database'] },
)

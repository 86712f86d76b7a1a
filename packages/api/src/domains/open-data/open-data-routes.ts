import { Readable } from 'node:stream'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { StringEnum } from '../../http/enum.js'
import { readErrors } from '../../http/schemas.js'
import { dataPackage } from './datapackage.js'
import { EXPORT_COLLECTIONS, EXPORT_TABLES, type ExportCollection } from './export-tables.js'
import { EXPORT_FORMATS, MEDIA_TYPES, csvHeader, csvRows, jsonLines, type ExportFormat } from './export-formats.js'

/**
 * Bulk exports (issue 17): every public collection as CSV and as JSON Lines, and the Data Package that
 * describes them. A dump is streamed as it is read, a keyset page at a time (export-tables.ts), so its size
 * never sits in memory; it is not kept in the read cache for the same reason, but shared caches may keep it
 * a few minutes like other reads.
 */
export const EXPORT_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=1500'

const ExportParams = Type.Object({
  collection: StringEnum(EXPORT_COLLECTIONS, { description: 'The collection to dump.' }),
  format: StringEnum(EXPORT_FORMATS, { description: 'csv (UTF-8 with a byte order mark, for spreadsheets) or jsonl (JSON Lines).' }),
})

async function* dump(db: Kysely<DB>, collection: ExportCollection, format: ExportFormat): AsyncGenerator<string> {
  const table = EXPORT_TABLES[collection]
  if (format === 'csv') yield csvHeader(table.columns)
  for await (const rows of table.pages(db)) yield format === 'csv' ? csvRows(rows) : jsonLines(table.columns, rows)
}

export const openDataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/exports/datapackage.json',
    {
      schema: {
        tags: ['open data'],
        operationId: 'getExportDataPackage',
        summary: 'The Frictionless Data Package that describes the bulk exports',
        description: 'Resources (path, format, mediatype, encoding, Table Schema fields) and licences: https://specs.frictionlessdata.io/data-package/.',
        response: {
          200: {
            description: 'A Data Package descriptor.',
            content: { 'application/json': { schema: Type.Object({ name: Type.String(), resources: Type.Array(Type.Object({}, { additionalProperties: true })) }, { additionalProperties: true }) } },
          },
        },
      },
    },
    async (request, reply) => {
      reply.serializer((payload: unknown) => (typeof payload === 'string' ? payload : JSON.stringify(payload)))
      return app.readCache.reply(request, reply, async () => dataPackage(app.publicOrigin.url), { contentType: 'application/json; charset=utf-8', maxAgeSeconds: 3600 })
    },
  )

  app.get(
    '/exports/:collection.:format',
    {
      schema: {
        tags: ['open data'],
        operationId: 'getExport',
        summary: 'A whole public collection as CSV or JSON Lines',
        description:
          'Streamed. One column per language for translated fields (title_ar, title_fr, title_en…); each row carries its licence (an SPDX id). ' +
          'Only public data: published projects and resources, live organisations, public petitions with their online and paper counts. ' +
          'The columns are described in /v1/exports/datapackage.json.',
        params: ExportParams,
        response: {
          200: {
            description: 'The dump.',
            content: { 'text/csv': { schema: Type.String() }, 'application/x-ndjson': { schema: Type.String() } },
          },
          400: readErrors[400],
        },
      },
    },
    async (request, reply) => {
      const { collection, format } = request.params
      // The typed reply knows only the schema's string bodies; a stream is sent as it is (Fastify pipes it).
      return (reply as FastifyReply)
        .type(`${MEDIA_TYPES[format]}; charset=utf-8`)
        .header('cache-control', EXPORT_CACHE_CONTROL)
        .header('content-disposition', `attachment; filename="wegov-${collection}.${format}"`)
        .send(Readable.from(dump(app.db, collection, format)))
    },
  )
}

import { CONTENT_LICENCES, LICENCE_URLS } from '../vocabulary/terms.js'
import { EXPORT_COLLECTIONS, EXPORT_TABLES, type Column } from './export-tables.js'
import { EXPORT_FORMATS, LIST_SEPARATOR, MEDIA_TYPES, type ExportFormat } from './export-formats.js'

/**
 * The Frictionless Data Package (https://specs.frictionlessdata.io/data-package/) that describes the dumps:
 * one resource per collection and format, each with its path, format, media type, encoding and Table Schema.
 * Paths are absolute, from the configured public origin. The licences are every licence a row may carry:
 * each row names its own in its `licence` column.
 */
export function dataPackage(base: string) {
  return {
    profile: 'data-package',
    name: 'wegov-open-data',
    title: 'WeGov open data',
    description: 'The public content of WeGov: organisations, projects, resources and petitions with their counts. Each row carries its licence (column `licence`, an SPDX id): its organisation’s.',
    homepage: base,
    licenses: CONTENT_LICENCES.codes.map((id) => ({ name: id, path: LICENCE_URLS[id], title: CONTENT_LICENCES.terms[id].en })),
    resources: EXPORT_COLLECTIONS.flatMap((collection) =>
      EXPORT_FORMATS.map((format) => ({
        profile: format === 'csv' ? 'tabular-data-resource' : 'data-resource',
        name: `${collection}-${format}`,
        title: EXPORT_TABLES[collection].title,
        description: EXPORT_TABLES[collection].description,
        path: `${base}/v1/exports/${collection}.${format}`,
        format,
        mediatype: MEDIA_TYPES[format],
        encoding: 'utf-8',
        ...(format === 'csv' ? { dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true } } : {}),
        schema: { fields: EXPORT_TABLES[collection].columns.map((c) => field(c, format)), primaryKey: 'id' },
      })),
    ),
  }
}

function field(column: Column, format: ExportFormat) {
  if (column.type !== 'list') return { name: column.name, type: column.type, description: column.description }
  return format === 'csv'
    ? { name: column.name, type: 'string', description: `${column.description} Separated by "${LIST_SEPARATOR}".` }
    : { name: column.name, type: 'array', description: column.description }
}

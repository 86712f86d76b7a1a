import type { Cell, Column } from './export-tables.js'

/**
 * The two encodings of an export table. CSV follows RFC 4180 (CRLF line ends, a field quoted when it holds a
 * quote, comma or line break, quotes doubled) and starts with a UTF-8 byte order mark: without it, Excel reads
 * the file in the machine's legacy code page and Arabic comes out garbled. JSON Lines is one JSON object per
 * line (https://jsonlines.org), keyed by column name.
 */

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const MEDIA_TYPES: Record<ExportFormat, string> = { csv: 'text/csv', jsonl: 'application/x-ndjson' }

export const BOM = '\uFEFF'
/** How a list is written in one CSV cell. */
export const LIST_SEPARATOR = ';'

function csvField(cell: Cell): string {
  if (cell === null) return ''
  const text = Array.isArray(cell) ? cell.join(LIST_SEPARATOR) : String(cell)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvHeader(columns: readonly Column[]): string {
  return `${BOM}${columns.map((c) => csvField(c.name)).join(',')}\r\n`
}

export function csvRows(rows: readonly Cell[][]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('')
}

export function jsonLines(columns: readonly Column[], rows: readonly Cell[][]): string {
  return rows.map((row) => `${JSON.stringify(Object.fromEntries(columns.map((c, i) => [c.name, row[i] ?? null])))}\n`).join('')
}

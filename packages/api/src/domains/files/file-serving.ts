import type { ByteRange } from './file-storage.js'
import { opensInline } from './file-types.js'

/**
 * What a `Range` header asks of a file of `size` bytes: one range, `unsatisfiable` (416), or null for the
 * whole file. Several ranges, or a unit other than bytes, get the whole file: a single range is all a PDF
 * viewer or a resumed download needs, and RFC 9110 lets a server ignore Range.
 *
 * @example byteRange('bytes=0-99', 1000) // { start: 0, end: 99 }
 * @example byteRange('bytes=-100', 1000) // { start: 900, end: 999 }
 */
export function byteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return null
  if (match[1] === '') {
    const suffix = Number(match[2])
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(match[1])
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  if (match[2] !== '' && Number(match[2]) < start) return null
  if (start >= size) return 'unsatisfiable'
  return { start, end }
}

/** Whether an If-None-Match header names this ETag (or `*`): weak comparison, as RFC 9110 13.1.2 says. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((tag) => {
    const t = tag.trim()
    return t === '*' || t.replace(/^W\//, '') === etag
  })
}

/**
 * Content-Disposition: `inline` for what a browser shows safely (PDF, images), `attachment` for the rest; the
 * name as ASCII for old clients and in full as RFC 5987 `filename*` (Arabic names).
 *
 * @example contentDisposition('application/pdf', 'دليل.pdf') // `inline; filename="____.pdf"; filename*=UTF-8''%D8%AF…`
 */
export function contentDisposition(type: string, name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${opensInline(type) ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

/**
 * A document served from WeGov's own origin must never act as a page: no script, no plugin, no form, even if
 * a browser were tricked into rendering it (the PDF viewer and images are unaffected).
 */
export const FILE_CSP = "sandbox; default-src 'none'"
/** The bytes behind an id never change (a new upload is a new id): a year, and no revalidation. */
export const PUBLIC_FILE_CACHE = 'public, max-age=31536000, immutable'

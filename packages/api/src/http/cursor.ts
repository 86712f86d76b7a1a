import { WeGovError } from '../errors.js'

/**
 * Opaque keyset cursors: base64url JSON of the sort key of the last item on a page.
 * Clients never build them; a cursor that does not decode to the expected shape is WEGOV_BAD_CURSOR.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor<T extends readonly ('string' | 'number')[]>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  let key: unknown
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new WeGovError('WEGOV_BAD_CURSOR')
  }
  const valid =
    Array.isArray(key) &&
    key.length === shape.length &&
    key.every((part, i) => (shape[i] === 'number' ? Number.isFinite(part) : typeof part === 'string' && part.length <= 200))
  if (!valid) throw new WeGovError('WEGOV_BAD_CURSOR')
  return key as never
}

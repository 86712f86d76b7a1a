import type { FastifyRequest } from 'fastify'
import { WeGovError } from '../../errors.js'

/**
 * An item's ETag: its id and version, so that the tag of one item can never match another's. Every write
 * increments the version (migration 0007).
 */
export function etagOf(item: { id: string; version: number }): string {
  return `"${item.id}.${item.version}"`
}

/**
 * PATCH and DELETE edit only the version the client saw: without If-Match, 428; with a stale one, 412 with
 * the current ETag (header) and version (problem body), so nothing is overwritten silently.
 */
export function checkIfMatch(request: FastifyRequest, current: { id: string; version: number }): void {
  const header = request.headers['if-match']
  if (header === undefined || header.trim() === '') throw new WeGovError('WEGOV_PRECONDITION_REQUIRED')
  const etag = etagOf(current)
  // A weak tag compares as its strong form: the version is exact either way.
  const given = header.split(',').map((tag) => tag.trim().replace(/^W\//, ''))
  if (!given.includes(etag)) {
    throw new WeGovError('WEGOV_EDIT_CONFLICT', { headers: { etag }, extensions: { currentVersion: current.version } })
  }
}

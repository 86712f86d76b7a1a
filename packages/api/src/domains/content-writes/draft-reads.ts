import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { decide } from '../accounts/policy.js'
import { liveOrganisationIdsBySlug } from '../organisations/organisation-refs.js'
import { type ItemType, redirectedSlug } from './item-slugs.js'

/**
 * Drafts through the public read endpoints: only an actor with organisation.drafts.read on the owner sees
 * them, and those replies are never stored by the read cache nor by any other cache.
 */

/** Whether the request may see the drafts of this organisation. */
export function maySeeDrafts(request: FastifyRequest, ownerId: string): boolean {
  return request.actor.kind !== 'anonymous' && decide(request.actor, 'organisation.drafts.read', ownerId).allowed
}

/** The reply is about what this caller may see: no cache keeps it. */
export function privateReply(reply: FastifyReply): void {
  reply.header('cache-control', 'private, no-store')
}

/**
 * `?state=draft&organisation=slug`: the organisation whose drafts are listed, once the caller may see them
 * (anonymous 401, anyone else 403; an unknown organisation is 403 too, as it would be to a stranger).
 */
export async function draftListOwner(db: Kysely<DB>, request: FastifyRequest, organisationSlug: string | undefined): Promise<string> {
  if (request.actor.kind === 'anonymous') throw new WeGovError('WEGOV_UNAUTHENTICATED')
  if (!organisationSlug) {
    throw new WeGovError('WEGOV_VALIDATION', { errors: [{ field: 'organisation', message: 'required with state=draft', code: 'WEGOV_VALIDATION' }] })
  }
  const organisationId = (await liveOrganisationIdsBySlug(db, [organisationSlug])).get(organisationSlug)
  const decision = decide(request.actor, 'organisation.drafts.read', organisationId ?? '')
  if (!organisationId || !decision.allowed) throw new WeGovError(decision.allowed ? 'WEGOV_FORBIDDEN' : decision.code)
  return organisationId
}

/** Thrown by a read that found an old slug: the route answers 301 to the item's address. */
export class MovedTo extends Error {
  constructor(readonly location: string) {
    super(`moved to ${location}`)
  }
}

/** An old slug of a published item becomes a 301 to its current address (query string kept). */
export async function throwIfMoved(db: Kysely<DB>, request: FastifyRequest, type: ItemType, plural: string, slug: string): Promise<void> {
  const current = await redirectedSlug(db, type, slug)
  if (current === undefined) return
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''
  throw new MovedTo(`/v1/${plural}/${current}${query}`)
}

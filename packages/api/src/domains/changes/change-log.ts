import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { actorColumns } from '../accounts/actor.js'

export interface Change {
  /** What happened, `subject.verb`: `person.signed_in`, `membership.added`, `api_key.revoked`… */
  action: string
  subjectType: string
  subjectId: string
  organisationId?: string | null
  /** The subject before and after (no secrets, no hashes). */
  before?: unknown
  after?: unknown
  /** Content events: the item's version after the change. */
  version?: number
  /**
   * Content events: the item was public (published, not deleted) after the change, or stopped being public
   * by it. The public change feed reads only these.
   */
  public?: boolean
  /** The node's public origin; by default the request's app's (WEGOV_PUBLIC_URL). */
  origin?: string
}

export type Requester = Pick<FastifyRequest, 'actor' | 'id'> & { server?: FastifyRequest['server'] }

/**
 * Records one event in the change log. Call it with the transaction that makes the change, so that the
 * change and its record commit together or not at all. The request says who (its actor) and which request.
 */
export async function recordChange(db: Kysely<DB>, request: Requester | null, change: Change): Promise<void> {
  await db
    .insertInto('change_log')
    .values({
      action: change.action,
      subject_type: change.subjectType,
      subject_id: change.subjectId,
      organisation_id: change.organisationId ?? null,
      ...(request ? actorColumns(request.actor) : { actor_person_id: null, actor_key_id: null }),
      request_id: request?.id ?? null,
      before: change.before === undefined ? null : JSON.stringify(change.before),
      after: change.after === undefined ? null : JSON.stringify(change.after),
      version: change.version ?? null,
      origin: change.origin ?? request?.server?.publicOrigin?.url ?? null,
      public: change.public ?? false,
    })
    .execute()
}

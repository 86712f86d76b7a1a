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
}

/**
 * Records one event in the change log. Call it with the transaction that makes the change, so that the
 * change and its record commit together or not at all. The request says who (its actor) and which request.
 */
export async function recordChange(db: Kysely<DB>, request: Pick<FastifyRequest, 'actor' | 'id'> | null, change: Change): Promise<void> {
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
    })
    .execute()
}

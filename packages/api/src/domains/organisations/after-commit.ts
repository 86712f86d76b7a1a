import type { FastifyInstance, FastifyRequest } from 'fastify'
import { WeGovError } from '../../errors.js'

/** What a committed write must tell the rest of the app. */
export interface Committed {
  /** A public organisation changed: this instance's cached reads go now (the others hear the table's NOTIFY). */
  organisations?: boolean
  /** Mail was queued: wake the worker. */
  mail?: boolean
  /** People whose roles or memberships changed: every instance forgets their cached sessions. */
  people?: readonly string[]
}

export async function afterCommit(app: FastifyInstance, committed: Committed): Promise<void> {
  // The NOTIFY reaches this instance too, but a moment later: the writer's next read must already see it.
  if (committed.organisations) app.readCache.clear()
  if (committed.mail) app.mail.nudge()
  for (const personId of committed.people ?? []) await app.auth.changed(personId)
}

/** The signed-in person making the request (routes whose policy admits people only). */
export function personIdOf(request: FastifyRequest): string {
  if (request.actor.kind !== 'person') throw new WeGovError('WEGOV_UNAUTHENTICATED')
  return request.actor.personId
}

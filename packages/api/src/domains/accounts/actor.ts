import type { ApiKeyScope, OrganisationRole, PlatformRole } from '../../db/account-tables.js'

/** A signed-in person, through a session cookie. */
export interface PersonActor {
  kind: 'person'
  personId: string
  sessionId: string
  platformRole: PlatformRole | null
  /** Organisation id → the person's role there. */
  memberships: ReadonlyMap<string, OrganisationRole>
}

/** A partner's server, through `Authorization: Bearer wgk_…`: one organisation, a set of scopes. */
export interface KeyActor {
  kind: 'key'
  keyId: string
  organisationId: string
  scopes: ReadonlySet<ApiKeyScope>
}

export interface AnonymousActor {
  kind: 'anonymous'
}

/** Who is making a request. Resolved once per request by the auth plugin (auth-plugin.ts). */
export type Actor = PersonActor | KeyActor | AnonymousActor

export const ANONYMOUS: AnonymousActor = Object.freeze({ kind: 'anonymous' })

/** The columns of a change-log row that say who did it. */
export function actorColumns(actor: Actor): { actor_person_id: string | null; actor_key_id: string | null } {
  return {
    actor_person_id: actor.kind === 'person' ? actor.personId : null,
    actor_key_id: actor.kind === 'key' ? actor.keyId : null,
  }
}

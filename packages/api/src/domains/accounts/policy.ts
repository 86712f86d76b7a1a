import type { ApiKeyScope, OrganisationRole, PlatformRole } from '../../db/account-tables.js'
import type { ErrorCode } from '../../errors.js'
import type { Actor } from './actor.js'

/**
 * Who may do what: the one place that decides. A route declares the permission it needs
 * (`config: { policy: 'organisation.keys.manage' }`) and the auth plugin checks it before the handler runs;
 * no handler tests a role itself. Organisation permissions apply to the organisation in the route's
 * `:organisationId` parameter.
 */
interface Rule {
  /** Platform roles that have it, on every organisation. */
  platform?: readonly PlatformRole[]
  /** Organisation roles that have it, on their own organisation. */
  organisation?: readonly OrganisationRole[]
  /** API keys of the organisation that have it, with this scope. */
  scope?: ApiKeyScope
  /** Any signed-in person has it (a citizen included). */
  anyPerson?: true
}

export const PERMISSIONS = {
  /** One's own account: name, language, sessions, passkeys, invitations, applications. */
  'account.manage': { anyPerson: true },
  /** Ask to register an association. */
  'applications.submit': { anyPerson: true },
  'applications.review': { platform: ['admin'] },
  'organisations.create': { platform: ['admin'] },
  /** Mark an organisation as a WeGov partner, or no longer one (an owner may edit the rest of the profile). */
  'organisations.partner.set': { platform: ['admin'] },
  'platform.roles.manage': { platform: ['admin'] },
  /** The whole audit log; owners read their organisation's through organisation.audit.read. */
  'audit.read': { platform: ['admin'] },
  /** Draft a petition of one's own, and see the ones one drafted (petition-launches.ts). */
  'petitions.launch': { anyPerson: true },
  /** The moderation queues: petitions awaiting moderation, flagged signatures. */
  moderation: { platform: ['admin', 'moderator'] },
  /**
   * Record a petition's official response for any organisation (its owner and partners' editors do it through
   * organisation.content.write on their own organisation, which must be the petition's or a WeGov partner).
   */
  'petitions.response.any': { platform: ['admin'] },
  'organisation.profile.update': { platform: ['admin'], organisation: ['owner'], scope: 'content:write' },
  'organisation.members.read': { platform: ['admin'], organisation: ['owner', 'editor'] },
  'organisation.members.manage': { platform: ['admin'], organisation: ['owner'] },
  'organisation.keys.manage': { platform: ['admin'], organisation: ['owner'] },
  /** Webhook endpoints, their secrets and delivery logs: they say where the organisation's events go. */
  'organisation.webhooks.manage': { platform: ['admin'], organisation: ['owner'] },
  'organisation.audit.read': { platform: ['admin'], organisation: ['owner'] },
  'organisation.drafts.read': { platform: ['admin'], organisation: ['owner', 'editor'], scope: 'drafts:read' },
  /**
   * Download the signers who consented to hear from this organisation (as a petition's organiser, or as the
   * partner site they signed on). Owners only: it is the one place signers' addresses leave WeGov.
   */
  'organisation.signers.export': { organisation: ['owner'] },
  'organisation.content.write': { platform: ['admin'], organisation: ['owner', 'editor'], scope: 'content:write' },
} as const satisfies Record<string, Rule>

export type Permission = keyof typeof PERMISSIONS

export function isOrganisationPermission(permission: Permission): boolean {
  return permission.startsWith('organisation.')
}

/** Allowed, or the catalogue code that says why not (401 for nobody, 403 for the wrong somebody). */
export type Decision = { allowed: true } | { allowed: false; code: ErrorCode }

const ALLOW: Decision = { allowed: true }
const deny = (code: ErrorCode): Decision => ({ allowed: false, code })

/** Whether `actor` may use `permission`, on `organisationId` for organisation permissions. */
export function decide(actor: Actor, permission: Permission, organisationId?: string): Decision {
  const rule: Rule = PERMISSIONS[permission]
  switch (actor.kind) {
    case 'anonymous':
      return deny('WEGOV_UNAUTHENTICATED')
    case 'key': {
      // A key acts for its own organisation only, and never on accounts, roles or other keys.
      if (!rule.scope || organisationId === undefined || organisationId !== actor.organisationId) return deny('WEGOV_FORBIDDEN')
      return actor.scopes.has(rule.scope) ? ALLOW : deny('WEGOV_INSUFFICIENT_SCOPE')
    }
    case 'person': {
      if (rule.anyPerson) return ALLOW
      if (actor.platformRole && rule.platform?.includes(actor.platformRole)) return ALLOW
      const role = organisationId === undefined ? undefined : actor.memberships.get(organisationId)
      if (role && rule.organisation?.includes(role)) return ALLOW
      return deny('WEGOV_FORBIDDEN')
    }
  }
}

/**
 * Who may edit, submit or withdraw a petition that is not public yet, and see it with its sponsor link: the
 * person who drafted it, or, for an organisation's petition, whoever may write that organisation's content
 * (its editors and owners, its keys with content:write, admins). Decided here, like every permission.
 */
export function decideOnPetition(actor: Actor, petition: { creatorPersonId: string | null; organisationId: string | null }): Decision {
  if (actor.kind === 'anonymous') return deny('WEGOV_UNAUTHENTICATED')
  if (petition.organisationId) return decide(actor, 'organisation.content.write', petition.organisationId)
  if (actor.kind === 'person' && (actor.personId === petition.creatorPersonId || actor.platformRole === 'admin')) return ALLOW
  return deny('WEGOV_FORBIDDEN')
}

/**
 * Who may close an open petition before its closing date: whoever may manage it (decideOnPetition: its
 * creator, or its organisation's owners and editors), since ending the collection early is the organiser's call.
 */
export function decideOnClosingPetition(actor: Actor, petition: { creatorPersonId: string | null; organisationId: string | null }): Decision {
  return decideOnPetition(actor, petition)
}

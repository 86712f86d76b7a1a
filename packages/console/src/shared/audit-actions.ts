import { msg } from '@lit/localize'

/** Every action the change log records (subject.verb), in the order the filter offers them. */
export const AUDIT_ACTIONS = [
  'person.signed_in',
  'person.updated',
  'session.revoked',
  'passkey.added',
  'passkey.removed',
  'organisation.created',
  'organisation.updated',
  'membership.added',
  'membership.role_changed',
  'membership.removed',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'application.submitted',
  'application.approved',
  'application.declined',
  'api_key.created',
  'api_key.revoked',
  'webhook.created',
  'webhook.updated',
  'webhook.secret_rotated',
  'webhook.redelivered',
  'webhook.disabled',
  'webhook.deleted',
  'platform_role.granted',
  'platform_role.revoked',
  'project.created',
  'project.updated',
  'project.published',
  'project.unpublished',
  'project.deleted',
  'project.restored',
  'resource.created',
  'resource.updated',
  'resource.published',
  'resource.unpublished',
  'resource.deleted',
  'resource.restored',
  'petition.drafted',
  'petition.updated',
  'petition.submitted',
  'petition.sponsored',
  'petition.withdrawn',
  'petition.claimed',
  'petition.published',
  'petition.rejected',
  'petition.hidden',
  'petition.corrected',
] as const

/** An action in the reader's language; an action this console does not know yet keeps its code. */
export function actionName(action: string): string {
  switch (action) {
    case 'person.signed_in':
      return msg('Signed in')
    case 'person.updated':
      return msg('Account details changed')
    case 'session.revoked':
      return msg('Session signed out')
    case 'passkey.added':
      return msg('Passkey added')
    case 'passkey.removed':
      return msg('Passkey removed')
    case 'organisation.created':
      return msg('Organisation created')
    case 'organisation.updated':
      return msg('Organisation profile changed')
    case 'membership.added':
      return msg('Member added')
    case 'membership.role_changed':
      return msg('Member’s role changed')
    case 'membership.removed':
      return msg('Member removed')
    case 'invitation.created':
      return msg('Invitation sent')
    case 'invitation.accepted':
      return msg('Invitation accepted')
    case 'invitation.revoked':
      return msg('Invitation revoked')
    case 'application.submitted':
      return msg('Application submitted')
    case 'application.approved':
      return msg('Application approved')
    case 'application.declined':
      return msg('Application declined')
    case 'api_key.created':
      return msg('API key created')
    case 'api_key.revoked':
      return msg('API key revoked')
    case 'webhook.created':
      return msg('Webhook endpoint registered')
    case 'webhook.updated':
      return msg('Webhook endpoint changed')
    case 'webhook.secret_rotated':
      return msg('Webhook signing secret replaced')
    case 'webhook.redelivered':
      return msg('Webhook delivery sent again')
    case 'webhook.disabled':
      return msg('Webhook endpoint disabled by WeGov')
    case 'webhook.deleted':
      return msg('Webhook endpoint deleted')
    case 'platform_role.granted':
      return msg('Platform role granted')
    case 'platform_role.revoked':
      return msg('Platform role removed')
    case 'project.created':
      return msg('Project created')
    case 'project.updated':
      return msg('Project changed')
    case 'project.published':
      return msg('Project published')
    case 'project.unpublished':
      return msg('Project unpublished')
    case 'project.deleted':
      return msg('Project deleted')
    case 'project.restored':
      return msg('Project restored')
    case 'resource.created':
      return msg('Resource created')
    case 'resource.updated':
      return msg('Resource changed')
    case 'resource.published':
      return msg('Resource published')
    case 'resource.unpublished':
      return msg('Resource unpublished')
    case 'resource.deleted':
      return msg('Resource deleted')
    case 'resource.restored':
      return msg('Resource restored')
    case 'petition.drafted':
      return msg('Petition drafted')
    case 'petition.updated':
      return msg('Petition draft changed')
    case 'petition.submitted':
      return msg('Petition submitted')
    case 'petition.sponsored':
      return msg('Petition sponsored: sent to moderation')
    case 'petition.withdrawn':
      return msg('Petition withdrawn')
    case 'petition.claimed':
      return msg('Petition claimed for moderation')
    case 'petition.published':
      return msg('Petition approved and opened')
    case 'petition.rejected':
      return msg('Petition rejected')
    case 'petition.hidden':
      return msg('Petition rejected and hidden')
    case 'petition.corrected':
      return msg('Petition corrected by a moderator')
    default:
      return action
  }
}

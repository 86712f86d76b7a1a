/**
 * What the console reads and sends: the SDK's types, generated from the API's OpenAPI document (one
 * definition of each), plus the few shapes only the console's screens use.
 */
import type { ApiKeyScope, AuditEvent, Items, OrganisationRole, WebhookEventType } from '@wegov/sdk'
import type { Lang } from './lang.js'

export type {
  ApiKey,
  ApiKeyScope,
  Application,
  AuditActor,
  AuditEvent,
  Invitation,
  InvitationPreview as InvitationView,
  FlaggedSignatureList,
  LaunchedPetition,
  PetitionCount,
  PaperSignatureBatch,
  Petition as PublicPetition,
  PetitionDraftPatch,
  PetitionRejection,
  Items,
  LocalizedText,
  ManagedOrganisation,
  Me,
  Member,
  OrganisationRole,
  Passkey,
  PersonSummary as PersonFound,
  PlatformRole,
  Session,
  SponsorPage,
  Webhook,
  WebhookDelivery,
  WebhookEventType,
  WebhookWithSecret,
} from '@wegov/sdk'

/** A text in each language, as an organisation's profile holds it (a missing language is absent or null). */
export type Translations = Partial<Record<Lang, string | null>>

export const ORGANISATION_ROLES: readonly OrganisationRole[] = ['owner', 'editor']
export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['drafts:read', 'content:write']
/** The events a webhook endpoint may subscribe to, in the order the registration form lists them. */
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  'petition.published',
  'petition.closed',
  'petition.responded',
  'petition.milestone',
  'signature.confirmed',
  'project.published',
  'project.updated',
  'project.deleted',
  'resource.published',
  'resource.updated',
  'resource.deleted',
]

/** The audit screen's filters and page position. */
export interface AuditQuery {
  organisation?: string
  action?: string
  since?: string
  until?: string
  cursor?: string
  limit?: number
}

export interface AuditPage extends Items<AuditEvent> {
  nextCursor: string | null
}

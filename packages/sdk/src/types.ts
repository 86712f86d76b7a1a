import type { components, operations } from './generated/openapi.js'

/**
 * Names for the generated types. Nothing here is written by hand: every shape comes from the OpenAPI
 * document the API serves, so a change to a route schema reaches callers as a type error.
 */
type Schemas = components['schemas']

type Success = 200 | 201 | 202
/** The body of an operation's success response (200, 201 or 202), in the given media type. */
export type ResponseOf<Id extends keyof operations, Type extends string = 'application/json'> = operations[Id]['responses'] extends infer Responses
  ? Responses[Extract<keyof Responses, Success>] extends { content: infer Content }
    ? Content[Type & keyof Content]
    : never
  : never
/** The query parameters of an operation. */
export type QueryOf<Id extends keyof operations> = NonNullable<operations[Id]['parameters']['query']>
/** The JSON body an operation takes. */
export type BodyOf<Id extends keyof operations> = NonNullable<operations[Id]['requestBody']>['content']['application/json']

export type Lang = Schemas['LocalizedText']['lang']
export type LocalizedText = Schemas['LocalizedText']
export type Problem = Schemas['Problem']
export type Organisation = Schemas['Organisation']
export type OrganisationRef = Schemas['OrganisationRef']
export type Project = Schemas['Project']
/** A resource as lists give it (without its body). */
export type ResourceSummary = Schemas['ResourceSummary']
export type Resource = Schemas['Resource']
export type Vocabularies = ResponseOf<'getVocabularies'>
/** JSON Feed 1.1 of resources. */
export type ResourceFeed = ResponseOf<'getResourceJsonFeed', 'application/feed+json'>
export type Petition = Schemas['Petition']
export type PetitionCount = ResponseOf<'getPetitionCount'>
/** A public signature as a petition lists it (never an email). */
export type PublicSignature = Schemas['PublicSignature']
export type Challenge = ResponseOf<'getChallenge'>

export type OrganisationListParams = QueryOf<'listOrganisations'>
export type ProjectListParams = QueryOf<'listProjects'>
export type ResourceListParams = QueryOf<'listResources'>
export type ResourceFeedParams = QueryOf<'getResourceJsonFeed'>
export type PetitionListParams = QueryOf<'listPetitions'>
export type SignatureListParams = QueryOf<'listPetitionSignatures'>
/** What a visitor fills in; `altcha` may be left out: sign() then solves a challenge itself. */
export type SignatureInput = BodyOf<'signPetition'>
export type SignatureReceipt = ResponseOf<'signPetition'>
export type ConfirmSignatureInput = BodyOf<'confirmSignature'>
export type ConfirmSignatureResult = ResponseOf<'confirmSignature'>
export type WithdrawSignatureInput = BodyOf<'withdrawSignature'>
export type WithdrawSignatureResult = ResponseOf<'withdrawSignature'>

/** What every call accepts besides its own parameters. */
export interface CallOptions {
  signal?: AbortSignal
  /** The reader's language for this call; defaults to the client's. */
  lang?: Lang
  /**
   * Revalidate with the API rather than take a browser-cached reply. Counts and signers are cached for a
   * few seconds: after confirming a signature, a reader asks for them fresh to see it at once.
   */
  fresh?: boolean
}

/** One page of a list: follow nextCursor for the next (ListCall does it for you). */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/*
 * Accounts, organisations, keys and the audit log (issue 14). Written from the API contract while its
 * routes are built on other branches; replaced by `Schemas[…]` names once they are in openapi.json.
 */

/** Text an organisation writes itself, per language, as stored (not localized for a reader). */
export type TranslatedText = Partial<Record<Lang, string>>
export type PlatformRole = 'admin' | 'moderator'
export type OrganisationRole = 'owner' | 'editor'
export type ApiKeyScope = 'drafts:read' | 'content:write'
type OrganisationKind = Organisation['kind']

export interface MyMembership {
  organisation: { id: string; slug: string; name: LocalizedText }
  role: OrganisationRole
}
/** The signed-in person. */
export interface Me {
  id: string
  email: string
  name: string
  lang: Lang
  platformRole: PlatformRole | null
  memberships: MyMembership[]
  createdAt: string
}
export interface SignInCodeRequest {
  email: string
  /** The language of the email; Accept-Language otherwise. */
  lang?: Lang
}
export interface SignInCodeSent {
  detail: string
}
export interface UpdateMeInput {
  name?: string
  lang?: Lang
}
export interface Session {
  id: string
  method: 'code' | 'passkey'
  userAgent: string
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  /** True for the session this call was made with. */
  current: boolean
}
export interface Passkey {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
}
/** WebAuthn options to give navigator.credentials (as @simplewebauthn/browser takes them). */
export type PasskeyRegistrationOptions = Record<string, unknown> & { challengeId: string }
export interface PasskeySignInOptions {
  challengeId: string
  options: Record<string, unknown>
}
export interface AddPasskeyInput {
  challengeId: string
  name: string
  /** The credential navigator.credentials.create gave, as JSON. */
  response: unknown
}
export interface PasskeySignInInput {
  challengeId: string
  /** The assertion navigator.credentials.get gave, as JSON. */
  response: unknown
}
export interface Whoami {
  kind: 'person' | 'key' | 'anonymous'
  personId?: string
  organisationId?: string
  scopes?: ApiKeyScope[]
}

/** An organisation as its members and admins edit it: every translation, and what each language lacks. */
export interface ManagedOrganisation {
  id: string
  slug: string
  name: TranslatedText
  description: TranslatedText
  kind: OrganisationKind
  country: string
  website: string | null
  logoUrl: string | null
  isPartner: boolean
  originalLang: Lang
  missing: Record<Lang, string[]>
}
export interface CreateOrganisationInput {
  slug?: string
  name: TranslatedText
  description?: TranslatedText
  kind: OrganisationKind
  country: string
  website?: string
  logoUrl?: string
  isPartner?: boolean
  originalLang: Lang
  /** Sends this address an invitation to own the organisation. */
  ownerEmail?: string
  ownerLang?: Lang
}
/** Any subset; a language set to null removes that translation (never the original language's name). */
export interface UpdateProfileInput {
  slug?: string
  name?: Partial<Record<Lang, string | null>>
  description?: Partial<Record<Lang, string | null>>
  kind?: OrganisationKind
  country?: string
  website?: string | null
  logoUrl?: string | null
  isPartner?: boolean
  originalLang?: Lang
}
export interface Member {
  personId: string
  email: string
  name: string
  role: OrganisationRole
  since: string
}
export interface InviteInput {
  email: string
  role: OrganisationRole
  /** The language of the invitation email. */
  lang: Lang
}
export interface Invitation {
  id: string
  email: string
  role: OrganisationRole
  createdAt: string
  expiresAt: string
  status: string
}
/** What an invitation link offers, shown before accepting it. */
export interface InvitationPreview {
  organisation: { id: string; slug: string; name: LocalizedText }
  role: OrganisationRole
  email: string
  status: string
}
export interface InvitationAccepted {
  organisationId: string
  role: OrganisationRole
}
export interface ApplicationInput {
  name: TranslatedText
  description?: TranslatedText
  originalLang: Lang
  kind: OrganisationKind
  country: string
  website?: string
  motivation: string
}
export type ApplicationStatus = 'pending' | 'approved' | 'declined'
/** A request to register an organisation, decided by an admin. */
export interface Application extends ApplicationInput {
  id: string
  status: ApplicationStatus
  createdAt: string
  [more: string]: unknown
}
export interface ApplicationListParams {
  status?: ApplicationStatus
}
export interface PersonSummary {
  id: string
  email: string
  name: string
  platformRole: PlatformRole | null
}
export interface ApiKey {
  id: string
  name: string
  /** The secret's first 12 characters, to recognise a key. */
  prefix: string
  scopes: ApiKeyScope[]
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
  createdBy: { id: string; name: string } | null
}
/** A key just created: the only time its secret is shown. */
export interface NewApiKey extends ApiKey {
  secret: string
}
export interface CreateApiKeyInput {
  name: string
  scopes: ApiKeyScope[]
}
export type AuditActor =
  | { kind: 'person'; id: string; name: string; email: string }
  | { kind: 'key'; id: string; name: string; prefix: string }
export interface AuditEvent {
  id: string
  at: string
  /** `subject.verb`, e.g. api_key.revoked. */
  action: string
  subjectType: string
  subjectId: string
  organisation: { id: string; name: string } | null
  actor: AuditActor | null
  requestId: string | null
  before: unknown
  after: unknown
}
export interface OrganisationAuditParams {
  action?: string
  /** A person's or a key's id. */
  actor?: string
  /** ISO dates. */
  since?: string
  until?: string
  limit?: number
}
export interface AuditParams extends OrganisationAuditParams {
  organisation?: string
}
/** A list that the API does not page. */
export interface Items<T> {
  items: T[]
}

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
export type PaperSignatureBatch = Schemas['PaperSignatureBatch']
export type PaperSignatureBatchList = Schemas['PaperSignatureBatchList']
export type PaperSignaturesInput = BodyOf<'addPaperSignatures'>
export type PetitionResponseInput = BodyOf<'recordPetitionResponse'>
export type PetitionResponseRecorded = Schemas['PetitionResponseRecorded']
/** A public signature as a petition lists it (never an email). */
export type PublicSignature = Schemas['PublicSignature']
export type Challenge = ResponseOf<'getChallenge'>

export type OrganisationListParams = QueryOf<'listOrganisations'>
export type ProjectListParams = QueryOf<'listProjects'>
export type ResourceListParams = QueryOf<'listResources'>
export type ResourceFeedParams = QueryOf<'getResourceJsonFeed'>
export type WebinarCalendarParams = QueryOf<'getWebinarCalendar'>
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

/* Accounts, organisations, keys and the audit log (issue 14). */

/** Text an organisation writes itself, per language, as stored (not localized for a reader). */
export type TranslatedText = Schemas['TranslatedText']
/** The signed-in person, with their platform role and organisations. */
export type Me = Schemas['Me']
export type MyMembership = Schemas['MyMembership']
export type PlatformRole = NonNullable<Me['platformRole']>
export type OrganisationRole = Schemas['Member']['role']
export type SignInCodeRequest = BodyOf<'requestSignInCode'>
export type SignInCodeSent = ResponseOf<'requestSignInCode'>
export type UpdateMeInput = BodyOf<'updateMe'>
export type Session = Schemas['Session']
export type Passkey = Schemas['Passkey']
/** Options for navigator.credentials.create() (PublicKeyCredential.parseCreationOptionsFromJSON), and their challengeId. */
export type PasskeyRegistrationOptions = Schemas['PasskeyCreationOptions']
/** Options for navigator.credentials.get() (PublicKeyCredential.parseRequestOptionsFromJSON), and their challengeId. */
export type PasskeySignInOptions = Schemas['PasskeyRequestOptions']
/** The challengeId, a name, and the credential navigator.credentials.create() gave, as JSON (toJSON()). */
export type AddPasskeyInput = BodyOf<'addPasskey'>
/** The challengeId and the assertion navigator.credentials.get() gave, as JSON (toJSON()). */
export type PasskeySignInInput = BodyOf<'signInWithPasskey'>
/** Who the API takes the caller for. */
export type Whoami = Schemas['WhoAmI']

/** An organisation as its members and admins edit it: every translation, and what each language lacks. */
export type ManagedOrganisation = Schemas['ManagedOrganisation']
export type CreateOrganisationInput = BodyOf<'createOrganisation'>
/** Any subset; a language set to null removes that translation (never the original language's name). */
export type UpdateProfileInput = BodyOf<'updateOrganisationProfile'>
/** A member; `email` is null for readers who may not manage the members. */
export type Member = Schemas['Member']
export type InviteInput = BodyOf<'inviteOrganisationMember'>
export type Invitation = Schemas['Invitation']
/** What an invitation link offers, shown before accepting it. */
export type InvitationPreview = Schemas['InvitationPreview']
export type InvitationAccepted = Schemas['InvitationAccepted']
export type ApplicationInput = BodyOf<'submitOrganisationApplication'>
/** A request to register an organisation, decided by an admin. */
export type Application = Schemas['Application']
export type PetitionDraftInput = BodyOf<'draftPetition'>
export type PetitionDraftPatch = Schemas['PetitionDraftPatch']
export type PetitionRejection = Schemas['PetitionRejectRequest']
export type LaunchedPetition = Schemas['LaunchedPetition']
export type SponsorPage = Schemas['SponsorPage']
export type FlaggedSignatureList = Schemas['FlaggedSignatureList']
export type ApplicationStatus = Application['status']
export type ApplicationListParams = QueryOf<'listOrganisationApplications'>
export type PersonSummary = Schemas['PersonSummary']

/** An organisation's key, without its secret. */
export type ApiKey = Schemas['ApiKey']
export type ApiKeyScope = ApiKey['scopes'][number]
/** A key just created: the only time its secret is shown. */
export type NewApiKey = Schemas['NewApiKey']
export type CreateApiKeyInput = BodyOf<'createApiKey'>
/** An organisation's webhook endpoint, without its secret. */
export type Webhook = Schemas['Webhook']
export type WebhookEventType = Webhook['eventTypes'][number]
/** An endpoint just created or whose secret was rotated: the only time the secret is shown. */
export type WebhookWithSecret = Schemas['WebhookWithSecret']
export type CreateWebhookInput = BodyOf<'createWebhook'>
export type UpdateWebhookInput = BodyOf<'updateWebhook'>
/** One event sent to one endpoint, with its attempts. */
export type WebhookDelivery = Schemas['WebhookDelivery']
/** The delivery log's page size; the cursor is followed by the ListCall. */
export type WebhookDeliveryParams = Omit<QueryOf<'listWebhookDeliveries'>, 'cursor' | 'lang'>
export type WebhookRedelivery = Schemas['WebhookRedelivery']
/** One change, with who made it (a person, a key, or null for WeGov itself). */
export type AuditEvent = Schemas['AuditEvent']
export type AuditActor = NonNullable<AuditEvent['actor']>
/** Filters of the whole log (admins); paging is the list call's. */
export type AuditParams = Omit<QueryOf<'listAuditEvents'>, 'cursor' | 'lang'>
/** Filters of one organisation's log (its owners). */
export type OrganisationAuditParams = Omit<QueryOf<'listOrganisationAuditEvents'>, 'cursor' | 'lang'>
/** One public change to an organisation, a project or a resource, with the item as it is now in every language. */
export type Change = Schemas['Change']
/** A page of the change feed: `nextCursor` while more are ready, `resumeCursor` to come back later. */
export type ChangePage = Schemas['ChangePage']
export type ChangeParams = QueryOf<'listChanges'>
/** A list that the API does not page. */
export interface Items<T> {
  items: T[]
}

// Publishing (issue 15): what editors write and read back.
export type ProjectWrite = Schemas['ProjectWrite']
export type ProjectPatch = Schemas['ProjectPatch']
export type ProjectSource = Schemas['ProjectSource']
export type ResourceWrite = Schemas['ResourceWrite']
export type ResourcePatch = Schemas['ResourcePatch']
export type ResourceSource = Schemas['ResourceSource']
export type ContentState = ProjectSource['state']

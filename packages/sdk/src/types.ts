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

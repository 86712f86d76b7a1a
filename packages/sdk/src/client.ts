import { type ListCall, listCall } from './list-call.js'
import {
  getOrganisation,
  getPetition,
  getPetitionCount,
  getProject,
  getResource,
  getResourceFeed,
  getVocabularies,
  organisationsPage,
  petitionSignaturesPage,
  petitionsPage,
  projectsPage,
  resourcesPage,
} from './reads.js'
import { confirmSignature, getChallenge, type SignOptions, signPetition, solveNewChallenge, withdrawSignature } from './signing.js'
import { type ClientOptions, createTransport } from './transport.js'
import type {
  CallOptions,
  Challenge,
  ConfirmSignatureInput,
  ConfirmSignatureResult,
  Organisation,
  OrganisationListParams,
  Page,
  Petition,
  PetitionCount,
  PetitionListParams,
  Project,
  ProjectListParams,
  PublicSignature,
  Resource,
  ResourceFeed,
  ResourceFeedParams,
  ResourceListParams,
  ResourceSummary,
  SignatureInput,
  SignatureListParams,
  SignatureReceipt,
  Vocabularies,
  WithdrawSignatureInput,
  WithdrawSignatureResult,
} from './types.js'

/** The WeGov API, one namespace per resource. Every call rejects with a WeGovError. */
export interface WeGovClient {
  organisations: {
    list(params?: OrganisationListParams, options?: CallOptions): ListCall<Organisation>
    get(idOrSlug: string, options?: CallOptions): Promise<Organisation>
  }
  projects: {
    list(params?: ProjectListParams, options?: CallOptions): ListCall<Project>
    get(idOrSlug: string, options?: CallOptions): Promise<Project>
  }
  resources: {
    list(params?: ResourceListParams, options?: CallOptions): ListCall<ResourceSummary>
    get(idOrSlug: string, options?: CallOptions): Promise<Resource>
    /** The same list as a JSON Feed 1.1 object (next_url pages it). */
    feed(params?: ResourceFeedParams, options?: CallOptions): Promise<ResourceFeed>
  }
  vocabularies: {
    get(options?: CallOptions): Promise<Vocabularies>
  }
  petitions: {
    list(params?: PetitionListParams, options?: CallOptions): ListCall<Petition>
    get(idOrSlug: string, options?: CallOptions): Promise<Petition>
    count(idOrSlug: string, options?: CallOptions): Promise<PetitionCount>
    signatures(idOrSlug: string, params?: SignatureListParams, options?: CallOptions): ListCall<PublicSignature>
    /**
     * Signs: solves the API's proof-of-work first unless `body.altcha` already holds a solution (see
     * challenge.solve), and sends an idempotency key so that retries after a lost response sign once.
     */
    sign(idOrSlug: string, body: SignatureInput, options?: SignOptions): Promise<SignatureReceipt>
    /** Solves the challenge ahead of time (while the visitor types): spread the result into sign()'s body. */
    prepareSignature(idOrSlug: string, options?: CallOptions): Promise<{ altcha?: string }>
  }
  signatures: {
    confirm(body: ConfirmSignatureInput, options?: CallOptions): Promise<ConfirmSignatureResult>
    withdraw(body: WithdrawSignatureInput, options?: CallOptions): Promise<WithdrawSignatureResult>
  }
  challenge: {
    get(options?: CallOptions): Promise<Challenge>
    /** Fetches a challenge and solves it: the `altcha` value for a signature. */
    solve(options?: CallOptions): Promise<string>
  }
}

/**
 * ```ts
 * const wegov = createClient({ baseUrl: 'https://wegov.example.org', lang: 'ar' })
 * for await (const project of wegov.projects.list({ country: 'TN' })) console.log(project.title.text)
 * ```
 */
export function createClient(options: ClientOptions): WeGovClient {
  const t = createTransport(options)
  /** A list call over one of the `…Page` operations: it follows nextCursor. */
  const list = <Params extends object, Item>(page: (params: Params & { cursor?: string }) => Promise<Page<Item>>, params?: Params): ListCall<Item> =>
    listCall((cursor) => page((cursor ? { ...params, cursor } : params) as Params))
  const solve = (callOptions?: CallOptions) => solveNewChallenge(t, callOptions)
  return {
    organisations: {
      list: (params, o) => list((p) => organisationsPage(t, p, o), params),
      get: (idOrSlug, o) => getOrganisation(t, idOrSlug, o),
    },
    projects: {
      list: (params, o) => list((p) => projectsPage(t, p, o), params),
      get: (idOrSlug, o) => getProject(t, idOrSlug, o),
    },
    resources: {
      list: (params, o) => list((p) => resourcesPage(t, p, o), params),
      get: (idOrSlug, o) => getResource(t, idOrSlug, o),
      feed: (params, o) => getResourceFeed(t, params, o),
    },
    vocabularies: { get: (o) => getVocabularies(t, o) },
    petitions: {
      list: (params, o) => list((p) => petitionsPage(t, p, o), params),
      get: (idOrSlug, o) => getPetition(t, idOrSlug, o),
      count: (idOrSlug, o) => getPetitionCount(t, idOrSlug, o),
      signatures: (idOrSlug, params, o) => list((p) => petitionSignaturesPage(t, idOrSlug, p, o), params),
      sign: (idOrSlug, body, o) => signPetition(t, idOrSlug, body, o),
      prepareSignature: async (_idOrSlug, o) => ({ altcha: await solve(o) }),
    },
    signatures: {
      confirm: (body, o) => confirmSignature(t, body, o),
      withdraw: (body, o) => withdrawSignature(t, body, o),
    },
    challenge: { get: (o) => getChallenge(t, o), solve },
  }
}

import type { WeGovError } from './errors.js'
import { type ListCall, listCall } from './list-call.js'
import { request, segment, type RequestOptions, type TransportConfig } from './transport.js'
import type {
  CallOptions,
  Challenge,
  ConfirmSignatureInput,
  ConfirmSignatureResult,
  Lang,
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

export interface ClientOptions {
  /** Where the API is, e.g. https://wegov.example.org (no /v1). */
  baseUrl: string
  /** The reader's language, sent as ?lang= on reads; the API otherwise uses Accept-Language. */
  lang?: Lang
  /** Sent as `Authorization: Bearer …` (partner servers only: never put a key in a web page). */
  apiKey?: string
  /** A fetch to use instead of globalThis.fetch (tests, proxies, instrumentation). */
  fetch?: typeof fetch
  /** Per attempt, body included. Default 10000. */
  timeoutMs?: number
  /** Extra attempts after a network error, a 429 or a 5xx: reads always, POSTs only with an idempotency key. Default 2. */
  retries?: number
}

export interface SignOptions {
  /** The same key makes a repeated call sign once. Generated per call when omitted. */
  idempotencyKey?: string
  signal?: AbortSignal
}

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
  const config: TransportConfig = {
    baseUrl: options.baseUrl,
    lang: options.lang,
    apiKey: options.apiKey,
    // Bound: some browsers throw "Illegal invocation" when fetch is called as a method of another object.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: options.retries ?? 2,
  }
  const call = <T>(path: string, query?: object, callOptions?: CallOptions & RequestOptions) =>
    request<T>(config, path, { query, ...callOptions })
  const post = <T>(path: string, body: unknown, callOptions?: CallOptions & RequestOptions) =>
    request<T>(config, path, { method: 'POST', body, ...callOptions })
  const list = <T>(path: string, params?: object, callOptions?: CallOptions) =>
    listCall<T>((cursor) => call<Page<T>>(path, cursor ? { ...params, cursor } : params, callOptions))
  // The solver is loaded only when something signs, so read-only widgets and scripts do not carry it.
  const solve = async (callOptions?: CallOptions) => {
    const [{ solveChallenge }, challenge] = await Promise.all([
      import('./challenge.js'),
      call<Challenge>('/v1/challenge', undefined, callOptions),
    ])
    return solveChallenge(challenge, callOptions)
  }

  const namespace = <Item, Detail = Item>(name: string) => ({
    list: (params?: object, callOptions?: CallOptions) => list<Item>(`/v1/${name}`, params, callOptions),
    get: (idOrSlug: string, callOptions?: CallOptions) => call<Detail>(`/v1/${name}/${segment(idOrSlug)}`, undefined, callOptions),
  })
  const petitionPath = (idOrSlug: string) => `/v1/petitions/${segment(idOrSlug)}`

  return {
    organisations: namespace<Organisation>('organisations'),
    projects: namespace<Project>('projects'),
    resources: {
      ...namespace<ResourceSummary, Resource>('resources'),
      feed: (params, callOptions) => call('/v1/resources/feed.json', params, callOptions),
    },
    vocabularies: { get: (callOptions) => call('/v1/vocabularies', undefined, callOptions) },
    petitions: {
      ...namespace<Petition>('petitions'),
      count: (idOrSlug, callOptions) => call(`${petitionPath(idOrSlug)}/count`, undefined, callOptions),
      signatures: (idOrSlug, params, callOptions) => list(`${petitionPath(idOrSlug)}/signatures`, params, callOptions),
      async sign(idOrSlug, body, { signal, idempotencyKey = uuid() } = {}) {
        const send = (altcha: string) =>
          post<SignatureReceipt>(`${petitionPath(idOrSlug)}/signatures`, { ...body, altcha }, { signal, idempotencyKey })
        if (!body.altcha) return send(await solve({ signal }))
        // A solution prepared ahead may have expired or been spent: solve a fresh one, once. The same key is
        // safe: the API remembers only accepted signatures, and leaves altcha out of what it compares.
        return send(body.altcha).catch(async (error: WeGovError) => {
          if (!error.code.startsWith('WEGOV_POW_')) throw error
          return send(await solve({ signal }))
        })
      },
      prepareSignature: async (_idOrSlug, callOptions) => ({ altcha: await solve(callOptions) }),
    },
    signatures: {
      // Confirming twice is not an error (the API says so), so a lost answer is safely asked again; a
      // withdrawal is not retried: the second one would fail on data the first one deleted.
      confirm: (body, callOptions) => post('/v1/signatures/confirm', body, { ...callOptions, idempotent: true }),
      withdraw: (body, callOptions) => post('/v1/signatures/withdraw', body, callOptions),
    },
    challenge: { get: (callOptions) => call('/v1/challenge', undefined, callOptions), solve },
  }
}

/** crypto.randomUUID exists only on HTTPS pages; getRandomValues everywhere. */
function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

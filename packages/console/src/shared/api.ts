import { createClient, type WeGovClient } from '@wegov/sdk'
import type {
  ApiKey,
  ApiKeyScope,
  Application,
  AuditPage,
  AuditQuery,
  Invitation,
  InvitationView,
  Items,
  ManagedOrganisation,
  Me,
  Member,
  OrganisationRole,
  Passkey,
  PersonFound,
  PlatformRole,
  Session,
  Translations,
} from './api-types.js'
import type { Lang } from './lang.js'

/** A failed call, as the API's problem+json says it (`detail` is already in the reader's language). */
export class ApiProblem extends Error {
  override name = 'ApiProblem'
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super(detail)
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * The console's calls, on WeGov's own origin with the session cookie (`credentials: 'include'`), every
 * answer in the reader's language. Public reads go through the SDK's client; the account operations follow
 * the accounts contract, path for path.
 */
export class ConsoleApi {
  readonly sdk: WeGovClient
  readonly #base: string
  readonly #lang: Lang

  constructor(baseUrl: string, lang: Lang) {
    this.#base = baseUrl.replace(/\/+$/, '')
    this.#lang = lang
    this.sdk = createClient({ baseUrl: this.#base, credentials: 'include', lang })
  }

  async #call<T>(method: Method, path: string, body?: unknown, query?: Record<string, string | number | undefined>): Promise<T> {
    const url = new URL(this.#base + path)
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') url.searchParams.set(name, String(value))
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': this.#lang }
    if (body !== undefined) headers['content-type'] = 'application/json'
    let response: Response
    try {
      response = await fetch(url, { method, headers, credentials: 'include', body: body === undefined ? null : JSON.stringify(body) })
    } catch {
      throw new ApiProblem(0, 'WEGOV_NETWORK', '')
    }
    const text = await response.text()
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    if (!response.ok) {
      const problem = (json ?? {}) as { code?: string; detail?: string; errors?: { field: string; message: string }[] }
      throw new ApiProblem(response.status, problem.code ?? `HTTP_${response.status}`, problem.detail ?? '', problem.errors ?? [])
    }
    return json as T
  }

  readonly auth = {
    requestCode: (email: string) => this.#call<{ detail: string }>('POST', '/v1/auth/code', { email, lang: this.#lang }),
    verifyCode: (email: string, code: string) => this.#call<Me>('POST', '/v1/auth/code/verify', { email, code }),
    verifyToken: (token: string) => this.#call<Me>('POST', '/v1/auth/code/verify', { token }),
    signOut: () => this.#call<void>('POST', '/v1/auth/sign-out', {}),
    passkeyOptions: () => this.#call<{ challengeId: string; options: unknown }>('POST', '/v1/auth/passkey/options', {}),
    passkeyVerify: (challengeId: string, response: unknown) => this.#call<Me>('POST', '/v1/auth/passkey/verify', { challengeId, response }),
  }

  readonly me = {
    get: () => this.#call<Me>('GET', '/v1/me'),
    update: (changes: { name?: string; lang?: Lang }) => this.#call<Me>('PATCH', '/v1/me', changes),
    sessions: () => this.#call<Items<Session>>('GET', '/v1/me/sessions'),
    revokeSession: (sessionId: string) => this.#call<void>('DELETE', `/v1/me/sessions/${seg(sessionId)}`),
    revokeAllSessions: () => this.#call<void>('POST', '/v1/me/sessions/revoke-all', {}),
    passkeys: () => this.#call<Items<Passkey>>('GET', '/v1/me/passkeys'),
    passkeyOptions: () => this.#call<Record<string, unknown>>('POST', '/v1/me/passkeys/options', {}),
    addPasskey: (challengeId: string, name: string, response: unknown) =>
      this.#call<Passkey>('POST', '/v1/me/passkeys', { challengeId, name, response }),
    removePasskey: (passkeyId: string) => this.#call<void>('DELETE', `/v1/me/passkeys/${seg(passkeyId)}`),
  }

  readonly organisations = {
    create: (body: Record<string, unknown>) => this.#call<ManagedOrganisation>('POST', '/v1/organisations', body),
    profile: (id: string) => this.#call<ManagedOrganisation>('GET', `/v1/organisations/${seg(id)}/profile`),
    updateProfile: (id: string, changes: Record<string, Translations | string | boolean | null>) =>
      this.#call<ManagedOrganisation>('PATCH', `/v1/organisations/${seg(id)}/profile`, changes),
    members: (id: string) => this.#call<Items<Member>>('GET', `/v1/organisations/${seg(id)}/members`),
    setMemberRole: (id: string, personId: string, role: OrganisationRole) =>
      this.#call<unknown>('PATCH', `/v1/organisations/${seg(id)}/members/${seg(personId)}`, { role }),
    removeMember: (id: string, personId: string) => this.#call<void>('DELETE', `/v1/organisations/${seg(id)}/members/${seg(personId)}`),
    invite: (id: string, body: { email: string; role: OrganisationRole; lang: Lang }) =>
      this.#call<Invitation>('POST', `/v1/organisations/${seg(id)}/invitations`, body),
    invitations: (id: string) => this.#call<Items<Invitation>>('GET', `/v1/organisations/${seg(id)}/invitations`),
    revokeInvitation: (id: string, invitationId: string) =>
      this.#call<void>('DELETE', `/v1/organisations/${seg(id)}/invitations/${seg(invitationId)}`),
  }

  readonly invitations = {
    get: (token: string) => this.#call<InvitationView>('GET', `/v1/invitations/${seg(token)}`),
    accept: (token: string) => this.#call<{ organisationId: string; role: OrganisationRole }>('POST', '/v1/invitations/accept', { token }),
  }

  readonly applications = {
    submit: (body: Record<string, unknown>) => this.#call<Application>('POST', '/v1/organisation-applications', body),
    list: (status?: string) => this.#call<Items<Application>>('GET', '/v1/organisation-applications', undefined, { status }),
    approve: (id: string) => this.#call<unknown>('POST', `/v1/organisation-applications/${seg(id)}/approve`, {}),
    decline: (id: string, reason: string) => this.#call<unknown>('POST', `/v1/organisation-applications/${seg(id)}/decline`, { reason }),
  }

  readonly people = {
    search: (email: string) => this.#call<Items<PersonFound>>('GET', '/v1/people', undefined, { email }),
    setPlatformRole: (personId: string, role: PlatformRole | null) =>
      this.#call<unknown>('PUT', `/v1/people/${seg(personId)}/platform-role`, { role }),
  }

  readonly apiKeys = {
    list: (id: string) => this.#call<Items<ApiKey>>('GET', `/v1/organisations/${seg(id)}/api-keys`),
    create: (id: string, name: string, scopes: ApiKeyScope[]) =>
      this.#call<ApiKey & { secret: string }>('POST', `/v1/organisations/${seg(id)}/api-keys`, { name, scopes }),
    revoke: (id: string, keyId: string) => this.#call<void>('DELETE', `/v1/organisations/${seg(id)}/api-keys/${seg(keyId)}`),
  }

  readonly audit = {
    list: (query: AuditQuery) => this.#call<AuditPage>('GET', '/v1/audit', undefined, { ...query }),
    listForOrganisation: (organisationId: string, { organisation: _ignored, ...query }: AuditQuery) =>
      this.#call<AuditPage>('GET', `/v1/organisations/${seg(organisationId)}/audit`, undefined, { ...query }),
  }
}

const seg = (value: string) => encodeURIComponent(value)

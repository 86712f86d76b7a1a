import { request, segment, type Transport } from './transport.js'
import type { ApiKey, CallOptions, CreateApiKeyInput, Items, NewApiKey } from './types.js'

/*
 * An organisation's API keys, managed by its owners (and admins). A key is for partner servers:
 * `createClient({ baseUrl, apiKey: key.secret })` then calls as the organisation, with the key's scopes.
 */

type Options = Omit<CallOptions, 'fresh'>
const keysPath = (organisationId: string, keyId?: string) =>
  `/v1/organisations/${segment(organisationId)}/api-keys${keyId === undefined ? '' : `/${segment(keyId)}`}`

/** Revoked keys are listed too (revokedAt set), with when each was last used. */
export const listApiKeys = (t: Transport, organisationId: string, options?: CallOptions) => request<Items<ApiKey>>(t, keysPath(organisationId), options)
/** The answer's `secret` is shown this once only: WeGov keeps a hash of it. */
export const createApiKey = (t: Transport, organisationId: string, body: CreateApiKeyInput, options?: Options) =>
  request<NewApiKey>(t, keysPath(organisationId), { method: 'POST', body, ...options })
/** At once on every WeGov instance: the next call with the key gets WEGOV_INVALID_API_KEY (401). */
export const revokeApiKey = (t: Transport, organisationId: string, keyId: string, options?: Options) =>
  request<void>(t, keysPath(organisationId, keyId), { method: 'DELETE', ...options })

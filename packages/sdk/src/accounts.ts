import { request, segment, type Transport } from './transport.js'
import type {
  AddPasskeyInput,
  CallOptions,
  Items,
  Me,
  Passkey,
  PasskeyRegistrationOptions,
  PasskeySignInInput,
  PasskeySignInOptions,
  Session,
  SignInCodeRequest,
  SignInCodeSent,
  UpdateMeInput,
  Whoami,
} from './types.js'

/*
 * Signing in and one's own account, as functions of a transport. They act through the session cookie, so a
 * browser client needs `credentials: 'include'` and to be on WeGov's origin (the console): the API refuses
 * cookie writes from other origins (WEGOV_CSRF). Writes are not retried: a lost answer may hide a change.
 */

type Options = Omit<CallOptions, 'fresh'>
const send = <T>(t: Transport, method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, options?: Options) =>
  request<T>(t, path, { method, body, ...options })

/** Emails a 6-digit code and a sign-in link. The answer is the same whether or not the address has an account. */
export const requestSignInCode = (t: Transport, body: SignInCodeRequest, options?: Options) =>
  send<SignInCodeSent>(t, 'POST', '/v1/auth/code', body, options)
/** Signs in with the emailed code; the API sets the session cookie. */
export const verifySignInCode = (t: Transport, body: { email: string; code: string }, options?: Options) =>
  send<Me>(t, 'POST', '/v1/auth/code/verify', body, options)
/** Signs in with the token of the emailed link (the console's sign-in page reads it from its URL). */
export const verifySignInToken = (t: Transport, token: string, options?: Options) =>
  send<Me>(t, 'POST', '/v1/auth/code/verify', { token }, options)
/** Ends this session and clears its cookie. */
export const signOut = (t: Transport, options?: Options) => send<void>(t, 'POST', '/v1/auth/sign-out', undefined, options)
/** A WebAuthn challenge for signing in with any passkey of this site (discoverable credentials). */
export const passkeySignInOptions = (t: Transport, options?: Options) =>
  send<PasskeySignInOptions>(t, 'POST', '/v1/auth/passkey/options', undefined, options)
/** Signs in with the assertion navigator.credentials.get() gave for those options. */
export const verifyPasskeySignIn = (t: Transport, body: PasskeySignInInput, options?: Options) =>
  send<Me>(t, 'POST', '/v1/auth/passkey/verify', body, options)

/** Who the API takes the caller for: a person (session cookie), a key (Bearer) or nobody. */
export const whoami = (t: Transport, options?: CallOptions) => request<Whoami>(t, '/v1/auth/whoami', options)

export const getMe = (t: Transport, options?: CallOptions) => request<Me>(t, '/v1/me', options)
export const updateMe = (t: Transport, body: UpdateMeInput, options?: Options) => send<Me>(t, 'PATCH', '/v1/me', body, options)
export const listMySessions = (t: Transport, options?: CallOptions) => request<Items<Session>>(t, '/v1/me/sessions', options)
export const revokeMySession = (t: Transport, sessionId: string, options?: Options) =>
  send<void>(t, 'DELETE', `/v1/me/sessions/${segment(sessionId)}`, undefined, options)
/** Signs out everywhere, this session included. */
export const revokeAllMySessions = (t: Transport, options?: Options) => send<void>(t, 'POST', '/v1/me/sessions/revoke-all', undefined, options)

/** Options for navigator.credentials.create(); their challengeId goes back with the credential. */
export const passkeyRegistrationOptions = (t: Transport, options?: Options) =>
  send<PasskeyRegistrationOptions>(t, 'POST', '/v1/me/passkeys/options', undefined, options)
export const addMyPasskey = (t: Transport, body: AddPasskeyInput, options?: Options) => send<Passkey>(t, 'POST', '/v1/me/passkeys', body, options)
export const listMyPasskeys = (t: Transport, options?: CallOptions) => request<Items<Passkey>>(t, '/v1/me/passkeys', options)
export const removeMyPasskey = (t: Transport, passkeyId: string, options?: Options) =>
  send<void>(t, 'DELETE', `/v1/me/passkeys/${segment(passkeyId)}`, undefined, options)

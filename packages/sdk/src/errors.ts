import type { Lang, Problem } from './types.js'

type FieldErrors = NonNullable<Problem['errors']>

/** The codes the API's error catalogue answers with, as its OpenAPI document lists them. */
export type ApiErrorCode = Problem['code']
/** No response arrived: offline or refused (WEGOV_NETWORK), too slow (WEGOV_TIMEOUT), or cancelled (WEGOV_ABORTED). */
export type NetworkCode = 'WEGOV_NETWORK' | 'WEGOV_TIMEOUT' | 'WEGOV_ABORTED'
/**
 * What the SDK names itself: a response without a problem+json body (a proxy's HTML page) is
 * WEGOV_HTTP_<status>; a proof-of-work challenge that has no solution is WEGOV_CHALLENGE_UNSOLVED.
 */
export type ClientErrorCode = `WEGOV_HTTP_${number}` | 'WEGOV_CHALLENGE_UNSOLVED'
/**
 * Every code a WeGovError can carry, for a `switch` the compiler checks: a misspelt or retired code
 * is a type error. Closed on purpose (not `| string`), because an open union checks nothing.
 * A server newer than this SDK may still send a code added after it: the error keeps that code as
 * sent, so give a switch a `default` branch, and update the SDK to name it.
 */
export type ErrorCode = ApiErrorCode | NetworkCode | ClientErrorCode

/** What a WeGovError is made from: a problem+json body, or the SDK's own description of a failure. */
export type ProblemInit = Omit<Partial<Problem>, 'code'> & { status: number; code: ErrorCode }

/**
 * Every failure of a call is a WeGovError: an API problem+json response, or a request that got no
 * response at all (NetworkError, status 0). Switch on `code` (the API's stable WEGOV_* codes, plus
 * WEGOV_NETWORK, WEGOV_TIMEOUT and WEGOV_ABORTED from the SDK) or on the class for a family.
 */
export class WeGovError extends Error {
  // Spelled out in every class: minifiers rename classes, and callers log or compare `name`.
  override name = 'WeGovError'
  /** HTTP status; 0 when no response arrived. */
  readonly status: number
  /** Switch on it: see ErrorCode. */
  readonly code: ErrorCode
  readonly title: string
  /** A message for people, in `lang` (the SDK's own errors are in English). */
  readonly detail: string
  readonly requestId: string | undefined
  readonly lang: Lang
  /** Which fields were wrong, on validation problems. */
  readonly errors: FieldErrors | undefined

  constructor(problem: ProblemInit, options?: { cause?: unknown }) {
    super(problem.detail ?? problem.title ?? problem.code, options)
    this.status = problem.status
    this.code = problem.code
    this.title = problem.title ?? problem.code
    this.detail = problem.detail ?? this.title
    this.requestId = problem.requestId
    this.lang = problem.lang ?? 'en'
    this.errors = problem.errors
  }
}

/** 400, 413, 415, 422: the request itself is wrong and sending it again will not help. */
export class ValidationError extends WeGovError {
  override name = 'ValidationError'
}
/** 401, 403. */
export class UnauthorisedError extends WeGovError {
  override name = 'UnauthorisedError'
}
/** 404 and 410 (deleted). */
export class NotFoundError extends WeGovError {
  override name = 'NotFoundError'
}
/**
 * 409, and 412 WEGOV_EDIT_CONFLICT: someone changed the item since it was read. `currentEtag` is the ETag of
 * the version now stored (read it again, apply the change again, send it with that If-Match).
 */
export class ConflictError extends WeGovError {
  override name = 'ConflictError'
  readonly currentEtag: string | undefined
  readonly currentVersion: number | undefined

  constructor(problem: ProblemInit, options?: { cause?: unknown; currentEtag?: string | undefined }) {
    super(problem, options)
    this.currentEtag = options?.currentEtag
    this.currentVersion = problem.currentVersion
  }
}
/** 429, after the SDK's own retries. */
export class RateLimitedError extends WeGovError {
  override name = 'RateLimitedError'
  /** Seconds the API asked to wait (Retry-After), when it said. */
  readonly retryAfter: number | undefined

  constructor(problem: ConstructorParameters<typeof WeGovError>[0], retryAfter: number | undefined) {
    super(problem)
    this.retryAfter = retryAfter
  }
}
/** 5xx, after the SDK's own retries. */
export class ServerError extends WeGovError {
  override name = 'ServerError'
}
/**
 * No response: offline, DNS, CORS, a timeout (code WEGOV_TIMEOUT) or a caller's abort (code
 * WEGOV_ABORTED, and then `name` is 'AbortError' like the DOMException fetch itself throws).
 */
export class NetworkError extends WeGovError {
  override name = 'NetworkError'
}

const NETWORK_DETAIL: Record<NetworkCode, string> = {
  WEGOV_NETWORK: 'WeGov could not be reached. Check the connection and try again.',
  WEGOV_TIMEOUT: 'WeGov took too long to answer.',
  WEGOV_ABORTED: 'The request was cancelled.',
}

export function networkError(code: NetworkCode, cause?: unknown): NetworkError {
  const error = new NetworkError({ status: 0, code, title: code, detail: NETWORK_DETAIL[code] }, { cause })
  if (code === 'WEGOV_ABORTED') error.name = 'AbortError'
  return error
}

/** The error for a non-2xx response; `body` is its parsed problem+json when it had one. */
export function errorFromResponse(status: number, body: unknown, headers: Headers): WeGovError {
  const given = (body && typeof body === 'object' ? body : {}) as Partial<Problem>
  const problem = {
    ...given,
    status,
    code: typeof given.code === 'string' ? given.code : (`WEGOV_HTTP_${status}` as const),
    requestId: given.requestId ?? headers.get('x-request-id') ?? undefined,
  }
  if (status === 429) return new RateLimitedError(problem, retryAfterSeconds(headers))
  if (status === 412) return new ConflictError(problem, { currentEtag: headers.get('etag') ?? undefined })
  if (status >= 500) return new ServerError(problem)
  const family = FAMILIES[status]
  return family ? new family(problem) : new WeGovError(problem)
}

const FAMILIES: Record<number, typeof WeGovError> = {
  400: ValidationError,
  413: ValidationError,
  415: ValidationError,
  422: ValidationError,
  428: ValidationError,
  401: UnauthorisedError,
  403: UnauthorisedError,
  404: NotFoundError,
  410: NotFoundError,
  409: ConflictError,
}

/** Retry-After in seconds: either delta-seconds or an HTTP date. */
export function retryAfterSeconds(headers: Headers): number | undefined {
  const value = headers.get('retry-after')
  if (!value) return undefined
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined
}

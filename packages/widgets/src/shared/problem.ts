/**
 * What went wrong, reduced to what the visitor needs to know. Duck-typed rather than `instanceof`: a page
 * that loads the bundle twice has two copies of the SDK's error classes.
 */
export type ProblemKind = 'offline' | 'not-found' | 'closed' | 'rate-limited' | 'server' | 'invalid'

export interface Problem {
  kind: ProblemKind
  code: string
  status: number
  /** The API's own message, already in the widget's language (absent for network failures). */
  detail: string | undefined
  /** Seconds to wait, for rate limits. */
  retryAfter: number | undefined
  /** Per-field messages from a validation problem. */
  fields: { field: string; message: string }[]
}

interface ErrorLike {
  code?: unknown
  status?: unknown
  detail?: unknown
  retryAfter?: unknown
  errors?: unknown
  problem?: { errors?: unknown }
  name?: unknown
}

export function toProblem(error: unknown): Problem {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike
  const code = typeof e.code === 'string' ? e.code : 'WEGOV_NETWORK'
  const status = typeof e.status === 'number' ? e.status : 0
  const fields = Array.isArray(e.errors) ? e.errors : Array.isArray(e.problem?.errors) ? e.problem.errors : []
  return {
    kind: kindOf(code, status),
    code,
    status,
    detail: typeof e.detail === 'string' && e.detail !== '' ? e.detail : undefined,
    retryAfter: typeof e.retryAfter === 'number' && e.retryAfter > 0 ? Math.ceil(e.retryAfter) : undefined,
    fields: fields.filter((f): f is Problem['fields'][number] => typeof f?.field === 'string'),
  }
}

function kindOf(code: string, status: number): ProblemKind {
  if (code === 'WEGOV_RATE_LIMITED' || status === 429) return 'rate-limited'
  if (code === 'WEGOV_PETITION_CLOSED') return 'closed'
  if (code === 'WEGOV_NOT_FOUND' || code === 'WEGOV_GONE' || code === 'WEGOV_INVALID_ID' || status === 404 || status === 410) {
    return 'not-found'
  }
  if (status === 0 || code === 'WEGOV_NETWORK' || code === 'WEGOV_TIMEOUT') return 'offline'
  if (status >= 400 && status < 500) return 'invalid'
  return 'server'
}

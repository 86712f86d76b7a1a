/**
 * Whether an error means "the database cannot be reached right now" rather than "this query is wrong".
 * The first kind is the client's to retry (503 WEGOV_UNAVAILABLE with Retry-After), and a job's to back
 * off from; the second is a bug (500). This is the one place that tells them apart.
 *
 * @example
 * isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })) // true
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some(
    (cause) => (typeof cause.code === 'string' && unavailableCode(cause.code)) || UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(String(cause.message ?? ''))),
  )
}

/** Socket errors: the server is down, restarting, unreachable or dropped the connection. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND'])

/** PostgreSQL SQLSTATEs that describe the server or the connection, not the statement. */
const SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, or a fast shutdown
  '57P02', // crash_shutdown: another backend crashed, every connection is reset
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '57014', // query_canceled: the statement timeout (a lock held elsewhere, an overloaded server); worth a retry
])

function unavailableCode(code: string): boolean {
  return SOCKET_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08') // class 08: connection exception
}

/** What node-postgres and pg-pool say when a connection ends or never comes; they carry no code. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect$/, // pg-pool: no connection free within connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable$/,
]

interface ErrorLike {
  code?: unknown
  message?: unknown
}

/** The error, its `cause` chain and an AggregateError's members (Node reports a refused dual-stack connect so). */
function causes(error: unknown, depth = 0): ErrorLike[] {
  if (typeof error !== 'object' || error === null || depth > 5) return []
  const { cause, errors } = error as { cause?: unknown; errors?: unknown }
  return [
    error as ErrorLike,
    ...causes(cause, depth + 1),
    ...(Array.isArray(errors) ? errors.flatMap((member) => causes(member, depth + 1)) : []),
  ]
}

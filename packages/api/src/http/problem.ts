import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { STATUS_CODES, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { isDatabaseUnavailable } from '../db/connection-errors.js'
import type { Lang } from '../db/schema.js'
import { ERRORS, type ErrorCode, type FieldError, WeGovError } from '../errors.js'
import { isApiPath, wantsHtml } from './browser-not-found.js'
import { REQUEST_ID_HEADER } from './request-id.js'
import { requestLanguage } from './request-language.js'
import { API_HEADERS } from './security-headers.js'

type ValidationIssue = NonNullable<FastifyError['validation']>[number]

/**
 * Which catalogue code a schema failure becomes. Keyed by the failing parameter, so that a client can tell
 * "limit too big" from "bad cursor" without parsing messages.
 */
function codeForValidation(issue: ValidationIssue, context: string | undefined): ErrorCode {
  const field = fieldOf(issue, context)
  if (issue.keyword === 'additionalProperties') return 'WEGOV_UNKNOWN_PARAMETER'
  if (field === 'lang') return 'WEGOV_UNSUPPORTED_LANGUAGE'
  if (field === 'limit') return 'WEGOV_LIMIT_OUT_OF_RANGE'
  if (field === 'cursor') return 'WEGOV_BAD_CURSOR'
  if (context === 'body' && field.split('.')[0] === 'scopes' && issue.keyword === 'enum') return 'WEGOV_UNKNOWN_SCOPE'
  if (context === 'body' && field.split('.')[0] === 'eventTypes' && issue.keyword === 'enum') return 'WEGOV_UNKNOWN_WEBHOOK_EVENT'
  if (field === 'q' && issue.keyword === 'maxLength') return 'WEGOV_QUERY_TOO_LONG'
  if (context === 'params' && (field === 'idOrSlug' || field === 'id' || field === 'slug')) return 'WEGOV_INVALID_ID'
  if (context === 'querystring' && ['enum', 'pattern', 'anyOf', 'const', 'format', 'type'].includes(issue.keyword)) {
    return 'WEGOV_UNKNOWN_FILTER_VALUE'
  }
  return 'WEGOV_VALIDATION'
}

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  const params = issue.params as { additionalProperty?: string; missingProperty?: string }
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.')
  const extra = params.additionalProperty ?? params.missingProperty
  const name = extra ? (path ? `${path}.${extra}` : extra) : path
  return name.split('.')[0] === '' && context ? context : name
}

/**
 * Seconds a client is told to wait when WeGov is unavailable (PostgreSQL away, shutting down). Short: the
 * API serves again as soon as the database answers, with no restart.
 */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5
/** The problem+json body for a catalogue code: the one shape every error response has. */
function problemBody(code: ErrorCode, lang: Lang, instance: string, requestId: string, errors?: FieldError[], extensions?: Record<string, unknown>): string {
  const definition = ERRORS[code]
  return JSON.stringify({
    ...extensions,
    type: `urn:wegov:problem:${code}`,
    title: definition.title,
    status: definition.status,
    code,
    detail: definition.message[lang],
    lang,
    instance,
    requestId,
    ...(errors ? { errors } : {}),
  })
}

/** Stands for the URL in `instance` where the URL itself is the fault (malformed, too long or unread). */
const requestUrn = (requestId: string) => `urn:wegov:request:${requestId}`

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  extra: { errors?: FieldError[] | undefined; headers?: Record<string, string> | undefined; instance?: string; extensions?: Record<string, unknown> | undefined } = {},
) {
  const lang = requestLanguage(request)
  if (extra.headers) reply.headers(extra.headers)
  if (code === 'WEGOV_UNAVAILABLE' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS))
  return reply
    .code(ERRORS[code].status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', lang)
    .header('cache-control', 'no-store')
    .send(problemBody(code, lang, extra.instance ?? request.url, request.id, extra.errors, extra.extensions))
}

/** Fastify's own error codes that mean "the client sent something wrong". */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'WEGOV_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'WEGOV_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'WEGOV_MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'WEGOV_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'WEGOV_MALFORMED_BODY',
}

/** Errors Fastify's router raises before any route or hook runs (see frameworkErrors). */
const ROUTER_CODES: Record<string, ErrorCode> = {
  FST_ERR_BAD_URL: 'WEGOV_MALFORMED_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'WEGOV_URL_TOO_LONG',
}

/**
 * Fastify's `frameworkErrors` server option: a URL the router cannot read (`/v1/petitions/%`) or a path
 * part over `maxParamLength`. No hook has run, so the headers every reply gets are set here; the URL is
 * not echoed (it is the fault, and may be 16 KB long): `instance` names the request instead.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const code = ROUTER_CODES[error.code] ?? 'WEGOV_INTERNAL'
  if (code === 'WEGOV_INTERNAL') request.log.error({ err: error }, 'router error')
  const headers = { ...API_HEADERS, [REQUEST_ID_HEADER]: request.id }
  return sendProblem(request, reply, code, { headers, instance: requestUrn(request.id) })
}

/** Node's HTTP parser errors that have their own catalogue code; every other one is a malformed request. */
const PARSER_CODES: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'WEGOV_HEADERS_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'WEGOV_REQUEST_TIMEOUT',
}

/**
 * The raw HTTP response for a request Node could not parse. Nothing of the request was read, so there is
 * no reader to follow: the message is in English, for whoever wrote the client.
 */
function rawProblem(code: ErrorCode, requestId: string): string {
  const body = problemBody(code, 'en', requestUrn(requestId), requestId)
  const { status } = ERRORS[code]
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Content-Language: en',
    'Cache-Control: no-store',
    ...Object.entries(API_HEADERS).map(([name, value]) => `${name}: ${value}`),
    `${REQUEST_ID_HEADER}: ${requestId}`,
    // The socket is closed after this: a keep-alive client that did not read this would send its next
    // request on a dead connection and lose it.
    'Connection: close',
  ]
  return `${head.join('\r\n')}\r\n\r\n${body}`
}

/** Sockets already being answered: Node's parser reports its error again for every chunk that follows. */
const answering = new WeakSet<Socket>()

/**
 * Fastify's `clientErrorHandler` server option: Node's parser refused the bytes (invalid characters in
 * the request line, Content-Length with Transfer-Encoding, headers over the limit, a request that never
 * finished arriving). What follows on the socket cannot be framed, so it is answered and closed.
 */
export function clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed || answering.has(socket)) return
  answering.add(socket)
  const code = PARSER_CODES[error.code] ?? 'WEGOV_MALFORMED_REQUEST'
  this.log.debug({ err: error }, 'unreadable request')
  const response = rawProblem(code, randomUUID())
  const answer = () => {
    if (!socket.writable) return socket.destroy()
    // Closed once the problem is flushed: destroy() right after write() could drop it.
    socket.end(response, () => socket.destroy())
  }
  // A request that timed out is the one in flight on its socket (its body never finished arriving): its
  // own response will never finish, so it is answered at once, as Node does.
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') answer()
  else afterResponsesInFlight(socket, answer)
}

type HttpSocket = Socket & { _httpMessage?: ServerResponse | null }

/**
 * Calls `then` once the requests read before the bad one on this socket (a pipelining client's) are
 * answered, in order. Node itself writes its 400 over them: the client then takes it for the answer to
 * a good request, and loses that request's real answer. `_httpMessage` is the response Node is writing
 * on the socket; when it finishes, Node hands the socket to the next one queued, if any.
 */
function afterResponsesInFlight(socket: HttpSocket, then: () => void) {
  const current = socket._httpMessage
  if (!current || current.writableFinished || socket.destroyed) return then()
  let moved = false
  const next = () => {
    if (moved) return
    moved = true
    // Node gives the socket to the next queued response in its own 'finish' listener.
    setImmediate(afterResponsesInFlight, socket, then)
  }
  current.once('finish', next)
  current.once('close', next)
}

/** During an outage every request fails the same way: under load, one line per request would bury the logs. */
const OUTAGE_WARNING_EVERY_MS = 5_000

/** Turns every error into RFC 9457 application/problem+json from the catalogue. */
export const problemPlugin = fp(async function problem(app: FastifyInstance) {
  let lastOutageWarningAt = Number.NEGATIVE_INFINITY
  let failedSinceLastWarning = 0
  /** One warning per interval per process, saying how many requests failed since the previous one. */
  const warnOutage = (request: FastifyRequest, error: FastifyError): void => {
    const now = performance.now()
    if (now - lastOutageWarningAt < OUTAGE_WARNING_EVERY_MS) {
      failedSinceLastWarning++
      return
    }
    request.log.warn({ err: error, alsoFailedSinceLastWarning: failedSinceLastWarning }, 'database unavailable')
    lastOutageWarningAt = now
    failedSinceLastWarning = 0
  }
  app.decorate('browserNotFound', { handler: null })
  app.decorate('pageFrame', { frame: null })
  app.setNotFoundHandler((request, reply) => {
    const page = app.browserNotFound.handler
    if (page && wantsHtml(request) && !isApiPath(request.url)) return page(request, reply)
    // The answer depends on Accept wherever a page renderer is registered: caches must keep them apart.
    if (page) reply.header('vary', 'Accept')
    return sendProblem(request, reply, 'WEGOV_ROUTE_NOT_FOUND')
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof WeGovError) {
      return sendProblem(request, reply, error.code, { errors: error.errors, headers: error.headers, extensions: error.extensions })
    }
    if (error.validation) {
      const context = error.validationContext
      const issues = error.validation
      const code = issues.map((issue) => codeForValidation(issue, context)).find((c) => c !== 'WEGOV_VALIDATION') ?? 'WEGOV_VALIDATION'
      const errors = issues.map((issue) => ({ field: fieldOf(issue, context), message: issue.message ?? issue.keyword, code: codeForValidation(issue, context) }))
      return sendProblem(request, reply, code, { errors })
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && error.statusCode === 400)) {
      return sendProblem(request, reply, 'WEGOV_MALFORMED_BODY')
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined
    if (mapped) return sendProblem(request, reply, mapped)
    if (error.statusCode === 429) {
      const retryAfter = reply.getHeader('retry-after')
      return sendProblem(request, reply, 'WEGOV_RATE_LIMITED', retryAfter ? { headers: { 'retry-after': String(retryAfter) } } : {})
    }
    if (error.statusCode === 503) return sendProblem(request, reply, 'WEGOV_UNAVAILABLE')
    if (isDatabaseUnavailable(error)) {
      warnOutage(request, error)
      return sendProblem(request, reply, 'WEGOV_UNAVAILABLE')
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error without a catalogue code')
      return sendProblem(request, reply, 'WEGOV_VALIDATION')
    }
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(request, reply, 'WEGOV_INTERNAL')
  })
}, { name: 'wegov-problem' })

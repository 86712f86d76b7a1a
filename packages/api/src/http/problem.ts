import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { isDatabaseUnavailable } from '../db/connection-errors.js'
import { ERRORS, type ErrorCode, type FieldError, WeGovError } from '../errors.js'
import { requestLanguage } from './request-language.js'

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

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  extra: { errors?: FieldError[] | undefined; headers?: Record<string, string> | undefined } = {},
) {
  const definition = ERRORS[code]
  const lang = requestLanguage(request)
  if (extra.headers) reply.headers(extra.headers)
  if (code === 'WEGOV_UNAVAILABLE' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS))
  return reply
    .code(definition.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', lang)
    .header('cache-control', 'no-store')
    .send(
      JSON.stringify({
        type: `urn:wegov:problem:${code}`,
        title: definition.title,
        status: definition.status,
        code,
        detail: definition.message[lang],
        lang,
        instance: request.url,
        requestId: request.id,
        ...(extra.errors ? { errors: extra.errors } : {}),
      }),
    )
}

/** Fastify's own error codes that mean "the client sent something wrong". */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'WEGOV_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'WEGOV_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'WEGOV_MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'WEGOV_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'WEGOV_MALFORMED_BODY',
  FST_ERR_BAD_URL: 'WEGOV_ROUTE_NOT_FOUND',
}

/** Turns every error into RFC 9457 application/problem+json from the catalogue. */
export const problemPlugin = fp(async function problem(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'WEGOV_ROUTE_NOT_FOUND'))

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof WeGovError) {
      return sendProblem(request, reply, error.code, { errors: error.errors, headers: error.headers })
    }
    if (error.validation) {
      const context = error.validationContext
      const issues = error.validation
      const code = issues.map((issue) => codeForValidation(issue, context)).find((c) => c !== 'WEGOV_VALIDATION') ?? 'WEGOV_VALIDATION'
      const errors = issues.map((issue) => ({ field: fieldOf(issue, context), message: issue.message ?? issue.keyword }))
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
      request.log.warn({ err: error }, 'database unavailable')
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

import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * The bodies the API reads, in one place for every route: JSON, and JSON Merge Patch (RFC 7396) for the
 * PATCH routes, read with the same limits and the same WEGOV_MALFORMED_BODY errors. Fastify's own text/plain
 * parser is removed: a route would then get a string where it wants an object and answer a confusing 400
 * "body must be object", where any other type gets 415 WEGOV_UNSUPPORTED_MEDIA_TYPE. The few routes that
 * take an HTML form (the confirmation pages, OAI-PMH) or a file (multipart) add their parser in their scope.
 */
export const bodyParsersPlugin = fp(
  async function bodyParsersPlugin(app: FastifyInstance) {
    app.removeContentTypeParser('text/plain')
    app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'))
  },
  { name: 'wegov-body-parsers' },
)

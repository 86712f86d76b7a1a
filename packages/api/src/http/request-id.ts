import { randomUUID } from 'node:crypto'
import type { FastifyInstance, RawRequestDefaultExpression } from 'fastify'

/** Every reply carries its request's id, as given by a proxy or made here, so a log line can be found. */
export const REQUEST_ID_HEADER = 'x-request-id'

/** Fastify's genReqId: a proxy's id when it looks like one, else a UUID (unique across instances). */
export function requestId(request: RawRequestDefaultExpression): string {
  const given = request.headers[REQUEST_ID_HEADER]
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID()
}

/**
 * Sets the header on every reply. In onRequest rather than onSend: an onSend hook would put every reply
 * through Fastify's hook runner for one header. Read-cache hits add it themselves (see read-cache.ts).
 */
export function addRequestIdHeader(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id)
    done()
  })
}

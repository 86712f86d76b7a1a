import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../http/problem.js'

const HealthSchema = Type.Object({ status: Type.String() })

/** Liveness says the process answers; readiness says it can reach the database. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const options = (operationId: string, summary: string) => ({
    schema: { tags: ['health'], operationId, summary, response: { 200: HealthSchema, 503: HealthSchema } },
    config: { rateLimit: false },
  })
  app.get('/health/live', options('getLiveness', 'The process is up'), async () => ({ status: 'ok' }))
  app.get('/health/ready', options('getReadiness', 'The process can serve: the database answers'), async (request, reply) => {
    try {
      await sql`SELECT 1`.execute(app.db)
      return { status: 'ok' }
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed')
      return reply.code(503).header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS)).send({ status: 'unavailable' })
    }
  })
}

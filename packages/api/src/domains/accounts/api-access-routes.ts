import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { auditRoutes } from '../changes/audit-routes.js'
import { auditSchemas } from '../changes/audit-schemas.js'
import { apiKeySchemas } from './api-key-schemas.js'
import { apiKeyRoutes } from './api-key-routes.js'
import { whoamiRoute } from './whoami-route.js'

/** The schemas of API keys, whoami and the audit log, for SHARED_SCHEMAS in app.ts. */
export const apiAccessSchemas = [...apiKeySchemas, ...auditSchemas]

/** API keys, whoami and the audit log: who has access, and what they did with it. Registered under /v1. */
export const apiAccessRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(apiKeyRoutes)
  await app.register(whoamiRoute)
  await app.register(auditRoutes)
}

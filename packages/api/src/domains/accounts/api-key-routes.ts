import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ProblemSchema } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { ApiKeyListSchema, CreateApiKeySchema, NewApiKeySchema } from './api-key-schemas.js'
import { createApiKey, listApiKeys, requireOrganisation, revokeApiKey } from './api-keys.js'
import { signedInTree } from './signed-in-tree.js'

const Problem = Type.Ref(ProblemSchema)
const OrganisationParams = Type.Object({ organisationId: Type.String({ format: 'uuid' }) })
const KeyParams = Type.Object({ organisationId: Type.String({ format: 'uuid' }), keyId: Type.String({ format: 'uuid' }) })

/** An organisation's API keys, managed by its owners (and admins). */
export const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  signedInTree(app)
  app.get(
    '/organisations/:organisationId/api-keys',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'listApiKeys',
        summary: 'An organisation’s API keys',
        description: 'Every key, revoked ones included, newest first. Secrets are never shown again; `prefix` tells keys apart.',
        params: OrganisationParams,
        response: { 200: Type.Ref(ApiKeyListSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
      config: { policy: 'organisation.keys.manage' },
    },
    async (request) => {
      await requireOrganisation(app.organisations, request.params.organisationId)
      return { items: await listApiKeys(app.db, request.params.organisationId) }
    },
  )

  app.post(
    '/organisations/:organisationId/api-keys',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'createApiKey',
        summary: 'Create an API key for a partner server',
        description:
          'Answers the key with its secret, `wgk_…`: the only time it is shown (WeGov keeps only its SHA-256). ' +
          'A scope WeGov does not know answers 400 WEGOV_UNKNOWN_SCOPE.',
        params: OrganisationParams,
        body: Type.Ref(CreateApiKeySchema),
        response: { 201: Type.Ref(NewApiKeySchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 410: Problem, 415: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.write, policy: 'organisation.keys.manage' },
    },
    async (request, reply) => {
      const key = await createApiKey(app.db, app.organisations, request, { organisationId: request.params.organisationId, name: request.body.name, scopes: request.body.scopes })
      return reply.code(201).send(key)
    },
  )

  app.delete(
    '/organisations/:organisationId/api-keys/:keyId',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key',
        description: 'The key is refused at once on every instance (401 WEGOV_INVALID_API_KEY). Revoking a revoked key answers 204 again.',
        params: KeyParams,
        response: { 204: Type.Null({ description: 'Revoked.' }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.write, policy: 'organisation.keys.manage' },
    },
    async (request, reply) => {
      const revoked = await revokeApiKey(app.db, request, request.params)
      if (revoked) await app.auth.changed(request.params.keyId)
      return reply.code(204).send(null)
    },
  )
}

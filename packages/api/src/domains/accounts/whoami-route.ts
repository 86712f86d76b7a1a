import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ProblemSchema } from '../../http/schemas.js'
import { WhoAmISchema } from './api-key-schemas.js'

/** Who the API takes the caller for: the API-key SDK checks its key with it, and the bench reads through it. */
export const whoamiRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/auth/whoami',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'whoami',
        summary: 'Who the API takes the caller for',
        description: 'A signed-in person, an API key (its organisation and scopes), or anonymous. An unknown or revoked key answers 401.',
        response: { 200: Type.Ref(WhoAmISchema), 401: Type.Ref(ProblemSchema) },
      },
      config: { private: true },
    },
    async (request) => {
      const { actor } = request
      switch (actor.kind) {
        case 'person':
          return { kind: actor.kind, personId: actor.personId }
        case 'key':
          return { kind: actor.kind, organisationId: actor.organisationId, scopes: [...actor.scopes].sort() }
        case 'anonymous':
          return { kind: actor.kind }
      }
    },
  )
}

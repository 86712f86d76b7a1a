import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { UUID_PATTERN } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { Problem } from '../organisations/organisation-management-schemas.js'
import { PetitionResponseRecordedSchema, PetitionResponseRequestSchema } from './petition-response-schemas.js'
import { recordPetitionResponse } from './petition-responses.js'

const Uuid = (description: string) => Type.String({ pattern: UUID_PATTERN, description })

/**
 * Recording a petition's official response (petition-responses.ts). The petitions table's trigger tells every
 * instance's read cache; this one forgets at once, so its next read already shows the response. The signers
 * who asked to hear of it are emailed by the mail consumer of the change log, not by this request.
 */
export const petitionResponseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/organisations/:organisationId/petitions/:petitionId/response',
    {
      bodyLimit: 512 * 1024,
      schema: {
        tags: ['petitions'],
        operationId: 'recordPetitionResponse',
        summary: 'Record (or correct) the official response a petition received',
        description:
          'For the petition’s own organisation or a WeGov partner (else 403 WEGOV_NOT_A_PARTNER): their owners and editors, or an API key ' +
          'with content:write; admins for any organisation. Only an open or closed petition gets one (409 WEGOV_PETITION_NOT_ACTIVE). ' +
          'The first response emails the signers who asked for it (consents.response), each in their language; a correction emails nobody.',
        params: Type.Object({ organisationId: Uuid('The organisation recording it.'), petitionId: Uuid('The petition’s UUID.') }),
        body: Type.Ref(PetitionResponseRequestSchema),
        response: { 200: Type.Ref(PetitionResponseRecordedSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 429: Problem },
      },
      config: { policy: 'organisation.content.write', rateLimit: rateLimits.contentWrite },
    },
    async (request) => {
      const { organisationId, petitionId } = request.params
      const event = await recordPetitionResponse(app.db, request, { organisationId, petitionId, body: request.body })
      // The petition (and its lists) carry the response: forgotten here now, elsewhere by the table's NOTIFY.
      app.readCache.clear()
      return { petitionId, ...event, originalLang: request.body.originalLang }
    },
  )
}

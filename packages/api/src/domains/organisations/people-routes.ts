import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { LangSchema } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { afterCommit } from './after-commit.js'
import { EMAIL_MAX, PersonListSchema, PersonParams, PersonSummarySchema, PlatformRoleUpdateSchema, Problem } from './organisation-management-schemas.js'
import { findPeople, setPlatformRole } from '../accounts/people-service.js'

/** Platform roles: admins find people by address and make them admins or moderators. */
export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/people',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'searchPeople',
        summary: 'Find people by email address (admins)',
        description: 'The address given, or every address that starts with it (case-insensitive), exact match first; 20 at most.',
        querystring: Type.Object({ email: Type.String({ minLength: 1, maxLength: EMAIL_MAX }), lang: Type.Optional(LangSchema) }, { additionalProperties: false }),
        response: { 200: Type.Ref(PersonListSchema), 400: Problem, 401: Problem, 403: Problem, 429: Problem },
      },
      config: { policy: 'platform.roles.manage', rateLimit: rateLimits.consoleRead },
    },
    async (request) => ({ items: await findPeople(app.db, request.query.email) }),
  )

  app.put(
    '/people/:personId/platform-role',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'setPlatformRole',
        summary: 'Grant or take away a platform role (admins)',
        description: 'Taking the role from the last admin is 409 WEGOV_LAST_ADMIN; a role other than admin, moderator or null is 400 WEGOV_UNKNOWN_ROLE.',
        params: PersonParams,
        body: Type.Ref(PlatformRoleUpdateSchema),
        response: { 200: Type.Ref(PersonSummarySchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { policy: 'platform.roles.manage', rateLimit: rateLimits.write },
    },
    async (request) => {
      const person = await setPlatformRole(app.db, request, request.params.personId, request.body.role)
      await afterCommit(app, { people: [person.id] })
      return person
    },
  )
}

import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { rateLimits } from '../abuse/rate-limits.js'
import { decide } from '../accounts/policy.js'
import { afterCommit } from './after-commit.js'
import { listMembers, removeMember, setMemberRole } from './membership-service.js'
import { MemberListSchema, MemberParams, MemberRoleUpdateSchema, MemberSchema, NoContent, OrganisationParams, Problem } from './organisation-management-schemas.js'

/** An organisation's members: everyone in it may see who they are; owners (and admins) manage them. */
export const membershipRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/organisations/:organisationId/members',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'listOrganisationMembers',
        summary: 'The members of an organisation, owners first',
        description: 'Email addresses are shown to those who may manage the members, and null for the others.',
        params: OrganisationParams,
        response: { 200: Type.Ref(MemberListSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 410: Problem, 429: Problem },
      },
      config: { policy: 'organisation.members.read', rateLimit: rateLimits.consoleRead },
    },
    async (request) => {
      const { organisationId } = request.params
      // Members see each other; only those who manage them see their addresses (the policy table decides).
      const withEmails = decide(request.actor, 'organisation.members.manage', organisationId).allowed
      return { items: await listMembers(app.db, organisationId, { withEmails }) }
    },
  )

  app.patch(
    '/organisations/:organisationId/members/:personId',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'setOrganisationMemberRole',
        summary: 'Change a member’s role',
        description: 'Demoting the last owner is 409 WEGOV_LAST_OWNER; a role other than owner or editor is 400 WEGOV_UNKNOWN_ROLE.',
        params: MemberParams,
        body: Type.Ref(MemberRoleUpdateSchema),
        response: { 200: Type.Ref(MemberSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 410: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { policy: 'organisation.members.manage', rateLimit: rateLimits.write },
    },
    async (request) => {
      const { organisationId, personId } = request.params
      const member = await setMemberRole(app.db, request, organisationId, personId, request.body.role)
      await afterCommit(app, { people: [personId] })
      return member
    },
  )

  app.delete(
    '/organisations/:organisationId/members/:personId',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'removeOrganisationMember',
        summary: 'Remove a member (an owner may remove themselves, unless they are the last owner)',
        description: 'Removing the last owner is 409 WEGOV_LAST_OWNER.',
        params: MemberParams,
        response: { 204: NoContent, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 410: Problem, 429: Problem },
      },
      config: { policy: 'organisation.members.manage', rateLimit: rateLimits.write },
    },
    async (request, reply) => {
      const { organisationId, personId } = request.params
      await removeMember(app.db, request, organisationId, personId)
      await afterCommit(app, { people: [personId] })
      return reply.code(204).send(null)
    },
  )
}

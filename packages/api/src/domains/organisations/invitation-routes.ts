import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requestLanguage } from '../../http/request-language.js'
import { LangSchema } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { afterCommit, personIdOf } from './after-commit.js'
import { acceptInvitation, inviteMember, listInvitations, presentInvitation, previewInvitation, revokeInvitation } from './invitation-service.js'
import {
  InvitationAcceptedSchema,
  InvitationAcceptRequestSchema,
  InvitationListSchema,
  InvitationParams,
  InvitationPreviewSchema,
  InvitationRequestSchema,
  InvitationSchema,
  InvitationTokenParams,
  NoContent,
  OrganisationParams,
  Problem,
} from './organisation-management-schemas.js'

/** Owners invite people by email; the invited person, signed in with that address, accepts. */
export const invitationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/organisations/:organisationId/invitations',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'inviteOrganisationMember',
        summary: 'Invite someone to join the organisation, by email',
        description:
          'Mails a link valid 14 days, in `lang`. An earlier pending invitation of the same address is withdrawn. ' +
          'Inviting a member is 409 WEGOV_ALREADY_MEMBER.',
        params: OrganisationParams,
        body: Type.Ref(InvitationRequestSchema),
        response: { 201: Type.Ref(InvitationSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 410: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { policy: 'organisation.members.manage', rateLimit: rateLimits.write },
    },
    async (request, reply) => {
      const { email, role, lang } = request.body
      const row = await inviteMember(app.db, request, { organisationId: request.params.organisationId, email, role, lang, baseUrl: app.publicOrigin.url })
      await afterCommit(app, { mail: true })
      return reply.code(201).send(presentInvitation(row))
    },
  )

  app.get(
    '/organisations/:organisationId/invitations',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'listOrganisationInvitations',
        summary: 'The organisation’s invitations, newest first, with their status',
        params: OrganisationParams,
        response: { 200: Type.Ref(InvitationListSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 410: Problem, 429: Problem },
      },
      config: { policy: 'organisation.members.manage', rateLimit: rateLimits.consoleRead },
    },
    async (request) => ({ items: (await listInvitations(app.db, request.params.organisationId)).map(presentInvitation) }),
  )

  app.delete(
    '/organisations/:organisationId/invitations/:invitationId',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'revokeOrganisationInvitation',
        summary: 'Withdraw an invitation',
        description: 'Its link stops working (410 WEGOV_INVITATION_EXPIRED). An accepted invitation is 409 WEGOV_INVITATION_USED.',
        params: InvitationParams,
        response: { 204: NoContent, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 429: Problem },
      },
      config: { policy: 'organisation.members.manage', rateLimit: rateLimits.write },
    },
    async (request, reply) => {
      await revokeInvitation(app.db, request, request.params.organisationId, request.params.invitationId)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/invitations/:token',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'getInvitation',
        summary: 'What an invitation link offers, before accepting it',
        params: InvitationTokenParams,
        querystring: Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false }),
        response: { 200: Type.Ref(InvitationPreviewSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem },
      },
      config: { policy: 'account.manage', rateLimit: rateLimits.consoleRead },
    },
    async (request) => previewInvitation(app.db, request.params.token, requestLanguage(request)),
  )

  app.post(
    '/invitations/accept',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'acceptInvitation',
        summary: 'Accept an invitation: become a member of the organisation',
        description:
          'Only the person signed in with the invited address may accept (403 WEGOV_INVITATION_OTHER_ADDRESS), once ' +
          '(409 WEGOV_INVITATION_USED), before it expires or is withdrawn (410 WEGOV_INVITATION_EXPIRED).',
        body: Type.Ref(InvitationAcceptRequestSchema),
        response: { 200: Type.Ref(InvitationAcceptedSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 410: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { policy: 'account.manage', rateLimit: rateLimits.write },
    },
    async (request) => {
      const personId = personIdOf(request)
      const accepted = await acceptInvitation(app.db, request, personId, request.body.token)
      await afterCommit(app, { people: [personId] })
      return accepted
    },
  )
}

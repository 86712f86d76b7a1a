import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requestLanguage } from '../../http/request-language.js'
import { LangSchema } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { decide } from '../accounts/policy.js'
import { afterCommit, personIdOf } from './after-commit.js'
import { approveApplication, declineApplication, listApplications, presentApplication, submitApplication } from './application-service.js'
import {
  ApplicationDeclineRequestSchema,
  ApplicationListSchema,
  ApplicationParams,
  ApplicationRequestSchema,
  ApplicationSchema,
  ApplicationStatusSchema,
  Problem,
} from './organisation-management-schemas.js'

/** Join applications: any signed-in person may apply for an association; admins decide. */
export const applicationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/organisation-applications',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'submitOrganisationApplication',
        summary: 'Apply to register an association on WeGov',
        body: Type.Ref(ApplicationRequestSchema),
        response: { 201: Type.Ref(ApplicationSchema), 400: Problem, 401: Problem, 403: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { policy: 'applications.submit', rateLimit: rateLimits.write },
    },
    async (request, reply) => {
      const application = await submitApplication(app.db, request, personIdOf(request), request.body, requestLanguage(request))
      return reply.code(201).send(presentApplication(application))
    },
  )

  app.get(
    '/organisation-applications',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'listOrganisationApplications',
        summary: 'Join applications, newest first: all of them for admins, one’s own for everyone else',
        querystring: Type.Object({ status: Type.Optional(ApplicationStatusSchema), lang: Type.Optional(LangSchema) }, { additionalProperties: false }),
        response: { 200: Type.Ref(ApplicationListSchema), 400: Problem, 401: Problem, 403: Problem, 429: Problem },
      },
      config: { policy: 'applications.submit', rateLimit: rateLimits.consoleRead },
    },
    async (request) => {
      // Reviewers see every application; the policy table says who reviews.
      const reviewer = decide(request.actor, 'applications.review').allowed
      const rows = await listApplications(app.db, { applicantId: reviewer ? undefined : personIdOf(request), status: request.query.status })
      return { items: rows.map(presentApplication) }
    },
  )

  app.post(
    '/organisation-applications/:applicationId/approve',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'approveOrganisationApplication',
        summary: 'Approve: the organisation is created and the applicant becomes its owner',
        description: 'The applicant is told by mail, in their language. Deciding twice is 409 WEGOV_APPLICATION_DECIDED.',
        params: ApplicationParams,
        response: { 200: Type.Ref(ApplicationSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 429: Problem },
      },
      config: { policy: 'applications.review', rateLimit: rateLimits.write },
    },
    async (request) => {
      const application = await approveApplication(app.db, request, request.params.applicationId)
      // The applicant's mail is queued by the mail consumer from the decision's event, which wakes the worker itself.
      await afterCommit(app, { organisations: true, people: [application.applicant_id] })
      return presentApplication(application)
    },
  )

  app.post(
    '/organisation-applications/:applicationId/decline',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'declineOrganisationApplication',
        summary: 'Decline, with a reason the applicant receives as written',
        description: 'The applicant is told by mail, in their language. Deciding twice is 409 WEGOV_APPLICATION_DECIDED.',
        params: ApplicationParams,
        body: Type.Ref(ApplicationDeclineRequestSchema),
        response: { 200: Type.Ref(ApplicationSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { policy: 'applications.review', rateLimit: rateLimits.write },
    },
    async (request) => {
      const application = await declineApplication(app.db, request, request.params.applicationId, request.body.reason)
      return presentApplication(application)
    },
  )
}

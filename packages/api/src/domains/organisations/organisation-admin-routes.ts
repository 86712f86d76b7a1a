import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { rateLimits } from '../abuse/rate-limits.js'
import { afterCommit } from './after-commit.js'
import { createManagedOrganisation } from './organisation-creation.js'
import {
  ManagedOrganisationSchema,
  OrganisationCreateRequestSchema,
  OrganisationParams,
  OrganisationProfileUpdateSchema,
  Problem,
} from './organisation-management-schemas.js'
import { findLiveOrganisation, presentManagedOrganisation, updateOrganisationProfile } from './organisation-service.js'

/** Creating organisations (admins) and editing their profiles (owners, admins, content:write keys). */
export const organisationAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'createOrganisation',
        summary: 'Create an organisation (admins), and invite its first owner',
        description:
          'The organisation is public at once. Without a slug, one is made from the Latin-script name (`-2`, `-3`… when taken); ' +
          'a slug asked for and taken is 409 WEGOV_SLUG_TAKEN. With `ownerEmail`, an owner invitation is mailed in `ownerLang`.',
        body: Type.Ref(OrganisationCreateRequestSchema),
        response: { 201: Type.Ref(ManagedOrganisationSchema), 400: Problem, 401: Problem, 403: Problem, 409: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { policy: 'organisations.create', rateLimit: rateLimits.write },
    },
    async (request, reply) => {
      const row = await createManagedOrganisation(app.db, request, request.body, app.publicOrigin.url)
      await afterCommit(app, { organisations: true, mail: request.body.ownerEmail !== undefined })
      return reply.code(201).send(presentManagedOrganisation(row))
    },
  )

  app.get(
    '/organisations/:organisationId/profile',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'getOrganisationProfile',
        summary: 'An organisation’s profile, every language as written, with what is left to translate',
        params: OrganisationParams,
        response: { 200: Type.Ref(ManagedOrganisationSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 410: Problem, 429: Problem },
      },
      config: { policy: 'organisation.members.read', rateLimit: rateLimits.consoleRead },
    },
    async (request) => presentManagedOrganisation(await findLiveOrganisation(app.db, request.params.organisationId)),
  )

  app.patch(
    '/organisations/:organisationId/profile',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'updateOrganisationProfile',
        summary: 'Change part of an organisation’s profile',
        description:
          'A language given in `name` or `description` replaces that translation; `null` removes it. The name in the original ' +
          'language cannot be removed (400 WEGOV_NAME_REQUIRED). Only admins change `isPartner` (403 WEGOV_FORBIDDEN).',
        params: OrganisationParams,
        body: Type.Ref(OrganisationProfileUpdateSchema),
        response: { 200: Type.Ref(ManagedOrganisationSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 410: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { policy: 'organisation.profile.update', rateLimit: rateLimits.write },
    },
    async (request) => {
      const { row, changed } = await updateOrganisationProfile(app.db, request, request.params.organisationId, request.body)
      await afterCommit(app, { organisations: changed })
      return presentManagedOrganisation(row)
    },
  )
}

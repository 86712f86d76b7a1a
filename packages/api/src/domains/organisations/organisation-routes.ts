import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { IdOrSlugParams, LangSchema, readErrors } from '../../http/schemas.js'
import { OrganisationListQuery, OrganisationPageSchema, OrganisationSchema } from './organisation-schemas.js'
import { itemTagsOf, listTag } from '../changes/change-tags.js'

export const organisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'listOrganisations',
        summary: 'List organisations (partners, funders and others)',
        querystring: OrganisationListQuery,
        response: { 200: Type.Ref(OrganisationPageSchema), ...readErrors },
      },
    },
    async (request, reply) =>
      app.readCache.reply(request, reply, async () => {
        const lang = requestLanguage(request)
        const { limit = 20, cursor, ...filters } = request.query
        const page = await app.organisations.list(filters, { limit, cursor })
        return { items: page.items.map((row) => app.organisations.present(row, lang)), nextCursor: page.nextCursor }
      }, { tags: [listTag('organisation')] }),
  )

  app.get(
    '/organisations/:idOrSlug',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'getOrganisation',
        summary: 'One organisation',
        params: IdOrSlugParams,
        querystring: Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false }),
        response: { 200: Type.Ref(OrganisationSchema), 410: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) =>
      app.readCache.reply(request, reply, async () => {
        const row = await app.organisations.find(request.params.idOrSlug)
        if (!row) throw new WeGovError('WEGOV_NOT_FOUND')
        if (row.deleted_at) throw new WeGovError('WEGOV_GONE')
        return app.organisations.present(row, requestLanguage(request))
      }, { tags: itemTagsOf('organisation') }),
  )
}

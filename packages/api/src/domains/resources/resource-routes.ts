import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { IdOrSlugParams, LangSchema, readErrors } from '../../http/schemas.js'
import { resourceFeedRoutes } from './resource-feeds.js'
import { findResource, listResources, presentResource } from './resource-repository.js'
import { ResourceListQuery, ResourcePageSchema, ResourceSchema } from './resource-schemas.js'

export const resourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Static segments win over parameters in Fastify's router, so /resources/feed.json never reaches
  // /resources/:idOrSlug (a test checks it); registering the feeds first keeps that obvious.
  await app.register(resourceFeedRoutes)

  app.get(
    '/resources',
    {
      schema: {
        tags: ['resources'],
        operationId: 'listResources',
        summary: 'List learning resources and library documents',
        description:
          'Upcoming webinars first (soonest first), then the rest by publication date, newest first. With q: records whose title matches first, then those matching in summary or body, newest first within each. ' +
          'Filters combine with AND. `organisation` matches the publisher or the owner; an unknown slug gives an empty page.',
        querystring: ResourceListQuery,
        response: { 200: Type.Ref(ResourcePageSchema), ...readErrors },
      },
    },
    async (request, reply) =>
      app.readCache.reply(request, reply, async () => {
        const lang = requestLanguage(request)
        const { limit = 20, cursor, lang: _lang, ...filters } = request.query
        const page = await listResources(app.db, filters, { limit, cursor })
        const now = Date.now()
        return { items: page.items.map((row) => presentResource(row, lang, now)), nextCursor: page.nextCursor }
      }),
  )

  app.get(
    '/resources/:idOrSlug',
    {
      schema: {
        tags: ['resources'],
        operationId: 'getResource',
        summary: 'One resource, with its body, by id or slug',
        params: IdOrSlugParams,
        querystring: Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false }),
        response: { 200: Type.Ref(ResourceSchema), 410: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) =>
      app.readCache.reply(request, reply, async () => {
        const row = await findResource(app.db, request.params.idOrSlug)
        if (!row) throw new WeGovError('WEGOV_NOT_FOUND')
        if (row.deleted_at) throw new WeGovError('WEGOV_GONE')
        return presentResource(row, requestLanguage(request))
      }),
  )
}

import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { IdOrSlugParams, LangSchema, isUuid, readErrors } from '../../http/schemas.js'
import { MovedTo, draftListOwner, maySeeDrafts, privateReply, throwIfMoved } from '../content-writes/draft-reads.js'
import { MovedSchema } from '../projects/project-schemas.js'
import { resourceFeedRoutes } from './resource-feeds.js'
import { resourceCalendarRoutes } from './resource-calendars.js'
import { ResourceListQuery, ResourcePageSchema, ResourceSchema } from './resource-schemas.js'
import { itemTagsOf, listTag } from '../changes/change-tags.js'

export const resourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Static segments win over parameters in Fastify's router, so /resources/feed.json (and webinars.ics) never reaches
  // /resources/:idOrSlug (a test checks it); registering the feeds first keeps that obvious.
  await app.register(resourceFeedRoutes)
  await app.register(resourceCalendarRoutes)

  app.get(
    '/resources',
    {
      schema: {
        tags: ['resources'],
        operationId: 'listResources',
        summary: 'List learning resources and library documents',
        description:
          'Upcoming webinars first (soonest first), then the rest by publication date, newest first. With q: records whose title matches first, then those matching in summary or body, newest first within each. ' +
          'Filters combine with AND. `organisation` matches the publisher or the owner; an unknown slug gives an empty page. `project` lists the resources attached to a project. ' +
          '`state=draft` lists the drafts of the organisation named by `organisation` (its editors and owners, admins, its keys with drafts:read; never cached).',
        querystring: ResourceListQuery,
        response: { 200: Type.Ref(ResourcePageSchema), 401: readErrors[404], 403: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) => {
      const { limit = 20, cursor, lang: _lang, state, ...filters } = request.query
      if (state === 'draft') {
        const draftsOf = await draftListOwner(app.db, request, filters.organisation)
        const page = await app.resources.list({ ...filters, organisation: undefined, draftsOf }, { limit, cursor })
        privateReply(reply)
        const lang = requestLanguage(request)
        return reply.send({ items: page.items.map((row) => ({ ...app.resources.present(row, lang), state: row.state })), nextCursor: page.nextCursor } as never)
      }
      // A list by project also depends on that project being public: any project's change forgets it.
      const tags = filters.project ? [listTag('resource'), listTag('project')] : [listTag('resource')]
      return app.readCache.reply(request, reply, async () => {
        const lang = requestLanguage(request)
        const page = await app.resources.list(filters, { limit, cursor })
        const now = Date.now()
        return { items: page.items.map((row) => app.resources.present(row, lang, now)), nextCursor: page.nextCursor }
      }, { tags })
    },
  )

  app.get(
    '/resources/:idOrSlug',
    {
      schema: {
        tags: ['resources'],
        operationId: 'getResource',
        summary: 'One resource, with its body, by id or slug',
        description:
          'A draft answers only its organisation’s editors and owners, admins and its keys with drafts:read (never cached); to anyone else it is 404. ' +
          'A slug changed after publication answers 301 to the current address.',
        params: IdOrSlugParams,
        querystring: Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false }),
        response: { 200: Type.Ref(ResourceSchema), 301: MovedSchema, 410: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) => {
      const { idOrSlug } = request.params
      // A draft answers its organisation's editors only (never cached); to anyone else it does not exist.
      if (request.actor.kind !== 'anonymous') {
        const row = await app.resources.find(idOrSlug, { drafts: true })
        if (row?.state === 'draft') {
          if (!maySeeDrafts(request, row.owner_id)) throw new WeGovError('WEGOV_NOT_FOUND')
          privateReply(reply)
          if (row.deleted_at) throw new WeGovError('WEGOV_GONE')
          return reply.send({ ...app.resources.present(row, requestLanguage(request)), state: row.state } as never)
        }
      }
      try {
        return await app.readCache.reply(request, reply, async () => {
          const row = await app.resources.find(idOrSlug)
          if (!row) {
            if (!isUuid(idOrSlug)) await throwIfMoved(app.db, request, 'resource', 'resources', idOrSlug)
            throw new WeGovError('WEGOV_NOT_FOUND')
          }
          if (row.deleted_at) throw new WeGovError('WEGOV_GONE')
          return app.resources.present(row, requestLanguage(request))
        }, { tags: itemTagsOf('resource') })
      } catch (error) {
        if (error instanceof MovedTo) return reply.redirect(error.location, 301)
        throw error
      }
    },
  )
}

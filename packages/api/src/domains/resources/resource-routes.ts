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
import { itemTag, listTag } from '../changes/change-tags.js'
import type { Lang } from '../../db/schema.js'
import type { ResourceRow } from './resource-repository.js'

export const resourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /**
   * One resource as its page shows it: with the public projects it is attached to, by slug. Also returns the
   * ids of every project it is attached to, public or not, for the cache to forget the reply when one changes.
   */
  async function detail(row: ResourceRow, lang: Lang) {
    const attached = await app.resources.projectIdsOf(row.id)
    const projects = (await app.projects.findPublic(attached))
      .map((project) => app.projects.present(project, lang))
      .map(({ id, slug, title }) => ({ id, slug, title }))
      .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    return { body: { ...app.resources.present(row, lang), projects }, attached }
  }

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
          'Filters combine with AND. `organisation` matches the publisher or the owner, `owner` the owner only; an unknown slug gives an empty page. `project` lists the resources attached to a project. ' +
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
          const { body } = await detail(row, requestLanguage(request))
          return reply.send({ ...body, state: row.state } as never)
        }
      }
      try {
        // Tagged by the item (read by slug, its id is in the body) and by every project it is attached to:
        // one renamed, published or unpublished changes its list of projects.
        let attached: string[] = []
        return await app.readCache.reply(request, reply, async () => {
          const row = await app.resources.find(idOrSlug)
          if (!row) {
            if (!isUuid(idOrSlug)) await throwIfMoved(app.db, request, 'resource', 'resources', idOrSlug)
            throw new WeGovError('WEGOV_NOT_FOUND')
          }
          if (row.deleted_at) throw new WeGovError('WEGOV_GONE')
          const built = await detail(row, requestLanguage(request))
          attached = built.attached
          return built.body
        }, { tags: (body) => [itemTag('resource', (body as { id: string }).id), ...attached.map((id) => itemTag('project', id))] })
      } catch (error) {
        if (error instanceof MovedTo) return reply.redirect(error.location, 301)
        throw error
      }
    },
  )
}

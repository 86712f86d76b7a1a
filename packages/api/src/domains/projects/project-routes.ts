import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { IdOrSlugParams, LangSchema, isUuid, readErrors } from '../../http/schemas.js'
import { MovedTo, draftListOwner, maySeeDrafts, privateReply, throwIfMoved } from '../content-writes/draft-reads.js'
import { MovedSchema, ProjectListQuery, ProjectPageSchema, ProjectSchema } from './project-schemas.js'
import { itemTagsOf, listTag } from '../changes/change-tags.js'

export const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/projects',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listProjects',
        summary: 'List projects, newest first; with q, title matches first',
        description:
          'Filters combine with AND. `organisation` matches the owner or any participant, `owner` the owner only; an unknown slug gives an empty page. ' +
          '`state=draft` lists the drafts of the organisation named by `organisation` (its editors and owners, admins, its keys with drafts:read; never cached). ' +
          '`q` searches titles, summaries and descriptions in Arabic, French and English at once: records whose title matches come first, then the others, newest first within each.',
        querystring: ProjectListQuery,
        response: { 200: Type.Ref(ProjectPageSchema), 401: readErrors[404], 403: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) => {
      const { limit = 20, cursor, lang: _lang, state, ...filters } = request.query
      if (state === 'draft') {
        const draftsOf = await draftListOwner(app.db, request, filters.organisation)
        const page = await app.projects.list({ ...filters, organisation: undefined, draftsOf }, { limit, cursor })
        privateReply(reply)
        const lang = requestLanguage(request)
        // The presenter's status is a vocabulary code stored as text: the response schema checks it.
        return reply.send({ items: page.items.map((project) => ({ ...app.projects.present(project, lang), state: project.row.state })), nextCursor: page.nextCursor } as never)
      }
      return app.readCache.reply(request, reply, async () => {
        const lang = requestLanguage(request)
        const page = await app.projects.list(filters, { limit, cursor })
        return { items: page.items.map((project) => app.projects.present(project, lang)), nextCursor: page.nextCursor }
      }, { tags: [listTag('project')] })
    },
  )

  app.get(
    '/projects/:idOrSlug',
    {
      schema: {
        tags: ['projects'],
        operationId: 'getProject',
        summary: 'One project, by id or slug',
        description:
          'A draft answers only its organisation’s editors and owners, admins and its keys with drafts:read (never cached); to anyone else it is 404. ' +
          'A slug changed after publication answers 301 to the current address.',
        params: IdOrSlugParams,
        querystring: Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false }),
        response: { 200: Type.Ref(ProjectSchema), 301: MovedSchema, 410: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) => {
      const { idOrSlug } = request.params
      // A draft answers its organisation's editors only (never cached); to anyone else it does not exist.
      if (request.actor.kind !== 'anonymous') {
        const project = await app.projects.find(idOrSlug, { drafts: true })
        if (project?.row.state === 'draft') {
          if (!maySeeDrafts(request, project.row.owner_id)) throw new WeGovError('WEGOV_NOT_FOUND')
          privateReply(reply)
          if (project.row.deleted_at) throw new WeGovError('WEGOV_GONE')
          return reply.send({ ...app.projects.present(project, requestLanguage(request)), state: project.row.state } as never)
        }
      }
      try {
        return await app.readCache.reply(request, reply, async () => {
          const project = await app.projects.find(idOrSlug)
          if (!project) {
            if (!isUuid(idOrSlug)) await throwIfMoved(app.db, request, 'project', 'projects', idOrSlug)
            throw new WeGovError('WEGOV_NOT_FOUND')
          }
          if (project.row.deleted_at) throw new WeGovError('WEGOV_GONE')
          return app.projects.present(project, requestLanguage(request))
        }, { tags: itemTagsOf('project') })
      } catch (error) {
        if (error instanceof MovedTo) return reply.redirect(error.location, 301)
        throw error
      }
    },
  )
}

import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { IdOrSlugParams, LangSchema, readErrors } from '../../http/schemas.js'
import { findProject, listProjects, presentProject } from './project-repository.js'
import { ProjectListQuery, ProjectPageSchema, ProjectSchema } from './project-schemas.js'

export const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/projects',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listProjects',
        summary: 'List projects, newest first; with q, title matches first',
        description:
          'Filters combine with AND. `organisation` matches the owner or any participant; an unknown slug gives an empty page. ' +
          '`q` searches titles, summaries and descriptions in Arabic, French and English at once: records whose title matches come first, then the others, newest first within each.',
        querystring: ProjectListQuery,
        response: { 200: Type.Ref(ProjectPageSchema), ...readErrors },
      },
    },
    async (request, reply) =>
      app.readCache.reply(request, reply, async () => {
        const lang = requestLanguage(request)
        const { limit = 20, cursor, lang: _lang, ...filters } = request.query
        const page = await listProjects(app.db, filters, { limit, cursor })
        return { items: page.items.map((project) => presentProject(project, lang)), nextCursor: page.nextCursor }
      }),
  )

  app.get(
    '/projects/:idOrSlug',
    {
      schema: {
        tags: ['projects'],
        operationId: 'getProject',
        summary: 'One project, by id or slug',
        params: IdOrSlugParams,
        querystring: Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false }),
        response: { 200: Type.Ref(ProjectSchema), 410: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) =>
      app.readCache.reply(request, reply, async () => {
        const project = await findProject(app.db, request.params.idOrSlug)
        if (!project) throw new WeGovError('WEGOV_NOT_FOUND')
        if (project.row.deleted_at) throw new WeGovError('WEGOV_GONE')
        return presentProject(project, requestLanguage(request))
      }),
  )
}

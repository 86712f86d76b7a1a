import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { StringEnum } from '../../http/enum.js'
import { ListQuery, Page, readErrors } from '../../http/schemas.js'
import { CHANGES_TAG } from './change-tags.js'
import { listDeletions } from './deletion-repository.js'

export const DeletionSchema = Type.Object(
  {
    type: StringEnum(['organisation', 'project', 'resource'] as const),
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    deletedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Deletion', description: 'A tombstone: this record was deleted and must be dropped by copies.' },
)
export const DeletionPageSchema = Page(Type.Ref(DeletionSchema), 'Deletion')
export const deletionSchemas = [DeletionSchema, DeletionPageSchema]

const DeletionQuery = Type.Object(
  {
    since: Type.Optional(Type.String({ format: 'date-time', description: 'Only deletions at or after this instant.' })),
    limit: ListQuery.limit,
    cursor: ListQuery.cursor,
  },
  { additionalProperties: false },
)

/** What was deleted, so a node that copies WeGov content (replication, harvesting) can delete it too. */
export const deletionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/deletions',
    {
      schema: {
        tags: ['changes'],
        operationId: 'listDeletions',
        summary: 'Deleted organisations, projects and resources, oldest deletion first',
        querystring: DeletionQuery,
        response: { 200: Type.Ref(DeletionPageSchema), 400: readErrors[400] },
      },
    },
    async (request, reply) =>
      app.readCache.reply(request, reply, async () => {
        const { limit = 20, cursor, since } = request.query
        // Nothing was deleted before 1970; clamping keeps odd but valid years out of PostgreSQL's way.
        const sinceDate = since ? new Date(Math.max(Date.parse(since), 0)) : undefined
        return listDeletions(app.db, { since: sinceDate }, { limit, cursor })
      }, { tags: [CHANGES_TAG] }),
  )
}

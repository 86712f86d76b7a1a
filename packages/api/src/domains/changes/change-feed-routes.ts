import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readErrors } from '../../http/schemas.js'
import { listChanges } from './change-feed-repository.js'
import { ChangePageSchema, ChangeQuery } from './change-feed-schemas.js'

/**
 * The public change feed: what a copy of WeGov's content (a partner's database, a search engine, later
 * another node) reads to stay in sync. Not in the read cache: each reader asks from its own cursor, and
 * the head of the feed must never be stale.
 */
export const changeFeedRoutes: FastifyPluginAsyncTypebox<{ retentionDays: number }> = async (app, { retentionDays }) => {
  app.get(
    '/changes',
    {
      schema: {
        tags: ['changes'],
        operationId: 'listChanges',
        summary: 'Public changes to organisations, projects and resources, in order, resumable',
        description:
          'Each change carries the item as it is now, in every language (`upsert`), or says it is no longer public (`delete`). ' +
          'A catch-up is compacted: each item comes once, at its latest change. Keep `resumeCursor` and ask again with `since`. ' +
          'A cursor older than the feed keeps (90 days by default) gets 410 WEGOV_CURSOR_EXPIRED: copy the lists again, then follow the feed.',
        querystring: ChangeQuery,
        response: { 200: Type.Ref(ChangePageSchema), 400: readErrors[400], 410: readErrors[400] },
      },
    },
    async (request, reply) => {
      const { since, limit = 100 } = request.query
      reply.header('cache-control', 'no-cache')
      return listChanges(app.db, { organisations: app.organisations, projects: app.projects, resources: app.resources }, { since, limit, retentionDays, origin: app.publicOrigin.url })
    },
  )
}

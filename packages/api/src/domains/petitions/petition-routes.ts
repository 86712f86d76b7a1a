import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { requestLanguage } from '../../http/request-language.js'
import { IdOrSlugParams, LangSchema, readErrors } from '../../http/schemas.js'
import { presentPetition, presentPetitionContent } from './petition-repository.js'
import { PetitionListQuery, PetitionPageSchema, PetitionSchema } from './petition-schemas.js'
import { COUNT_CACHE_CONTROL, COUNT_TTL_MS, countTag } from './count-caching.js'

/** Replies that carry a live count: short-lived everywhere, and served stale if WeGov is down. */
function liveHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('cache-control', COUNT_CACHE_CONTROL).header('vary', 'Accept-Language').header('content-language', requestLanguage(request))
}

const LangOnly = Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false })

/**
 * Public petition reads, from the petitions service (app.petitions: this instance's copy, dropped on every
 * content write) with each petition's live count from the signatures service (app.signatures: the
 * maintained count, never COUNT(*), at most a couple of seconds old).
 */
export const petitionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/petitions',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'listPetitions',
        summary: 'List public petitions, most recently opened first; with q, title matches first',
        description:
          'Only public petitions: upcoming, open, closed and rejected (with their reason). `status=responded` lists those ' +
          'with an official response. `organisation` is the launching organisation. `signatureCount` is live (a few seconds at most).',
        querystring: PetitionListQuery,
        response: { 200: Type.Ref(PetitionPageSchema), ...readErrors },
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request)
      const { limit = 20, cursor, lang: _lang, ...filters } = request.query
      const page = await app.petitions.list(request.url, filters, { limit, cursor })
      const counts = await Promise.all(page.items.map((row) => app.signatures.count(row.id)))
      liveHeaders(request, reply)
      const now = Date.now()
      return {
        items: page.items.map((row, index) => presentPetition({ content: presentPetitionContent(row, lang, app.publicOrigin.url), timing: row }, counts[index]!, app.petitions.rules.responseThreshold, now)),
        nextCursor: page.nextCursor,
      }
    },
  )

  app.get(
    '/petitions/:idOrSlug',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'getPetition',
        summary: 'One public petition, by id or slug, with its live signature count and goal',
        params: IdOrSlugParams,
        querystring: LangOnly,
        response: { 200: Type.Ref(PetitionSchema), 410: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) => {
      const row = await app.petitions.publicPetition(request.params.idOrSlug)
      // Cached as the count is, since it carries the count: for as long as the count, dropped with it, and
      // with an ETag, so the revalidation browsers make on every use (COUNT_CACHE_CONTROL) is mostly a 304.
      return app.readCache.reply(
        request,
        reply,
        async () => presentPetition({ content: presentPetitionContent(row, requestLanguage(request), app.publicOrigin.url), timing: row }, await app.signatures.count(row.id), app.petitions.rules.responseThreshold),
        { cacheControl: COUNT_CACHE_CONTROL, ttlSeconds: COUNT_TTL_MS / 1000, tags: [countTag(row.id)] },
      )
    },
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { requestLanguage } from '../../http/request-language.js'
import { IdOrSlugParams, LangSchema, ListQuery, readErrors } from '../../http/schemas.js'
import { listPublicSignatures } from '../signatures/public-signatures.js'
import { listPetitions, presentPetition, presentPetitionContent } from './petition-repository.js'
import { PetitionCountSchema, PetitionListQuery, PetitionPageSchema, PetitionSchema, PublicSignaturePageSchema } from './petition-schemas.js'
import { COUNT_CACHE_CONTROL, COUNT_TTL_MS, type PetitionsContext, countTag } from './petitions-context.js'

/** Replies that carry a live count: short-lived everywhere, and served stale if WeGov is down. */
function liveHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('cache-control', COUNT_CACHE_CONTROL).header('vary', 'Accept-Language').header('content-language', requestLanguage(request))
}

const LangOnly = Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false })

/**
 * Public petition reads. Content comes from this instance's cache (dropped on every content write);
 * counts from the maintained count (never COUNT(*)), at most a couple of seconds old.
 */
export const petitionRoutes: FastifyPluginAsyncTypebox<{ context: PetitionsContext }> = async (app, { context }) => {
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
      const page = await context.lists.get(request.url, () => listPetitions(app.db, filters, { limit, cursor }))
      const counts = await Promise.all(page.items.map((row) => context.count(row.id)))
      liveHeaders(request, reply)
      const now = Date.now()
      return {
        items: page.items.map((row, index) => presentPetition({ content: presentPetitionContent(row, lang), timing: row }, counts[index]!.total, now)),
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
      const row = await context.publicPetition(request.params.idOrSlug)
      // Cached as the count is, since it carries the count: for as long as the count, dropped with it, and
      // with an ETag, so the revalidation browsers make on every use (COUNT_CACHE_CONTROL) is mostly a 304.
      return app.readCache.reply(
        request,
        reply,
        async () => presentPetition({ content: presentPetitionContent(row, requestLanguage(request)), timing: row }, (await context.count(row.id)).total),
        { cacheControl: COUNT_CACHE_CONTROL, ttlSeconds: COUNT_TTL_MS / 1000, tag: countTag(row.id) },
      )
    },
  )

  app.get(
    '/petitions/:idOrSlug/count',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'getPetitionCount',
        summary: 'The live signature count of a petition, by source and by country',
        description:
          'Served from a maintained count, never by counting rows. Browsers revalidate it on every use (ETag, 304); shared ' +
          'caches may keep it 5 seconds (s-maxage, stale-if-error 25): poll it, a surge of readers costs the database nothing more.',
        params: IdOrSlugParams,
        response: { 200: Type.Ref(PetitionCountSchema), 410: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) => {
      const row = await context.publicPetition(request.params.idOrSlug)
      // A surge of watchers reads this: the reply itself is cached (hits never reach this handler), for
      // as long as the count it carries, and dropped early when this instance changes the count.
      return app.readCache.reply(
        request,
        reply,
        async () => ({ petitionId: row.id, goal: row.signature_goal, ...(await context.count(row.id)) }),
        { cacheControl: COUNT_CACHE_CONTROL, ttlSeconds: COUNT_TTL_MS / 1000, tag: countTag(row.id) },
      )
    },
  )

  app.get(
    '/petitions/:idOrSlug/signatures',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'listPetitionSignatures',
        summary: 'Public signers of a petition, newest first',
        description:
          'Only confirmed signers who chose to appear publicly, in display form: first name, initial of the surname, city, ' +
          'country, date and comment. Never an email address or a full surname.',
        params: IdOrSlugParams,
        querystring: Type.Object({ limit: ListQuery.limit, cursor: ListQuery.cursor, lang: ListQuery.lang }, { additionalProperties: false }),
        response: { 200: Type.Ref(PublicSignaturePageSchema), 410: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) => {
      const row = await context.publicPetition(request.params.idOrSlug)
      const { limit = 20, cursor } = request.query
      const page = await context.signers.get(`${row.id} ${limit} ${cursor ?? ''}`, () => listPublicSignatures(app.db, row.id, { limit, cursor }))
      reply.header('cache-control', COUNT_CACHE_CONTROL)
      return page as Awaited<ReturnType<typeof listPublicSignatures>>
    },
  )
}

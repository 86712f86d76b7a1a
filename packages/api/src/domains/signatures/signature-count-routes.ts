import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdOrSlugParams, ListQuery, readErrors } from '../../http/schemas.js'
import { COUNT_CACHE_CONTROL, COUNT_TTL_MS, countTag } from '../petitions/count-caching.js'
import { PetitionCountSchema, PublicSignaturePageSchema } from '../petitions/petition-schemas.js'

/**
 * What the public may know of a petition's signatures: the live count, by source and country, and the
 * signers who chose to appear. Both from the signatures service (app.signatures), for public petitions only.
 */
export const signatureCountRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
      const row = await app.petitions.publicPetition(request.params.idOrSlug)
      // A surge of watchers reads this: the reply itself is cached (hits never reach this handler), for
      // as long as the count it carries, and dropped early when this instance changes the count.
      return app.readCache.reply(
        request,
        reply,
        async () => ({ petitionId: row.id, goal: row.signature_goal, ...(await app.signatures.count(row.id)) }),
        { cacheControl: COUNT_CACHE_CONTROL, ttlSeconds: COUNT_TTL_MS / 1000, tags: [countTag(row.id)] },
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
      const row = await app.petitions.publicPetition(request.params.idOrSlug)
      const { limit = 20, cursor } = request.query
      const page = await app.signatures.publicSigners(row.id, { limit, cursor })
      reply.header('cache-control', COUNT_CACHE_CONTROL)
      return page
    },
  )
}

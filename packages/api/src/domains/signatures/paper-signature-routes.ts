import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { requestLanguage } from '../../http/request-language.js'
import { IdOrSlugParams, ListQuery, UUID_PATTERN, readErrors } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { Problem } from '../organisations/organisation-management-schemas.js'
import { COUNT_CACHE_CONTROL } from '../petitions/count-caching.js'
import { PaperSignatureBatchListSchema, PaperSignatureBatchSchema, PaperSignaturesRequestSchema, VoidPaperSignaturesRequestSchema } from './paper-signature-schemas.js'
import { addPaperBatch, listPaperBatches, presentPaperBatches, voidPaperBatch } from './paper-signatures.js'

const Uuid = (description: string) => Type.String({ pattern: UUID_PATTERN, description })
const OrganisationPetitionParams = Type.Object({ organisationId: Uuid('The partner organisation’s UUID.'), petitionId: Uuid('The petition’s UUID.') })
const BatchParams = Type.Object({ petitionId: Uuid('The petition’s UUID.'), batchId: Uuid('The batch’s UUID.') })

/**
 * Paper signatures (paper-signatures.ts): a partner adds a batch, a moderator voids one (in a signed-in tree,
 * app.ts); anyone lists them (paperSignatureListRoutes). The list is public on purpose: the counts it explains are public, and a batch carries no personal data
 * (the count, country, day, partner and, once voided, the reason). The scan and who typed the batch in
 * stay private. After a write this instance forgets the petition's count at once; the change log's NOTIFY
 * tells the others (signatures-plugin.ts).
 */
export const paperSignatureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/organisations/:organisationId/petitions/:petitionId/paper-signatures',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'addPaperSignatures',
        summary: 'Add signatures collected on paper to an open or closed petition',
        description:
          'For a WeGov partner organisation (else 403 WEGOV_NOT_A_PARTNER): its owners and editors, or its API key with content:write. ' +
          'They count apart from the online ones (`paperCount`, `paper.total`). 409 WEGOV_PETITION_NOT_ACTIVE unless the petition is open or closed; ' +
          'WEGOV_INVALID_COUNTRY, WEGOV_INVALID_DATE (a day in the future), or WEGOV_VALIDATION on `scanFileId` for an upload that is not this organisation’s.',
        params: OrganisationPetitionParams,
        body: Type.Ref(PaperSignaturesRequestSchema),
        response: { 201: Type.Ref(PaperSignatureBatchSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 429: Problem },
      },
      config: { policy: 'organisation.content.write', rateLimit: rateLimits.contentWrite },
    },
    async (request, reply) => {
      const { organisationId, petitionId } = request.params
      const row = await addPaperBatch(app.db, request, { organisationId, petitionId, body: request.body })
      app.signatures.countChanged(petitionId)
      const [batch] = await presentPaperBatches(app.db, [row], requestLanguage(request))
      return reply.code(201).send(batch!)
    },
  )

  app.post(
    '/petitions/:petitionId/paper-signatures/:batchId/void',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'voidPaperSignatures',
        summary: 'Void a paper batch (moderators): it stays listed with the reason, and stops counting',
        description: 'Voiding a voided batch changes nothing. 404 for no such batch of this petition.',
        params: BatchParams,
        body: Type.Ref(VoidPaperSignaturesRequestSchema),
        response: { 200: Type.Ref(PaperSignatureBatchSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem },
      },
      config: { policy: 'moderation', rateLimit: rateLimits.write },
    },
    async (request) => {
      const { petitionId, batchId } = request.params
      const row = await voidPaperBatch(app.db, request, { petitionId, batchId, reason: request.body.reason })
      app.signatures.countChanged(petitionId)
      const [batch] = await presentPaperBatches(app.db, [row], requestLanguage(request))
      return batch!
    },
  )
}

/** The public list of a petition's paper batches. */
export const paperSignatureListRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/petitions/:idOrSlug/paper-signatures',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'listPaperSignatures',
        summary: 'The paper signature batches of a petition, newest first',
        description:
          'Public: each batch’s count, country, day of collection and partner, and for a voided batch the moderator’s reason. ' +
          'No scan and no person. `total` is what counts (voided batches excluded). At most 1000 batches are listed.',
        params: IdOrSlugParams,
        querystring: Type.Object({ lang: ListQuery.lang }, { additionalProperties: false }),
        response: { 200: Type.Ref(PaperSignatureBatchListSchema), 410: readErrors[404], ...readErrors },
      },
    },
    async (request, reply) => {
      const petition = await app.petitions.publicPetition(request.params.idOrSlug)
      const { rows, total } = await listPaperBatches(app.db, petition.id)
      reply.header('cache-control', COUNT_CACHE_CONTROL).header('vary', 'Accept-Language')
      return { items: await presentPaperBatches(app.db, rows, requestLanguage(request)), total }
    },
  )
}

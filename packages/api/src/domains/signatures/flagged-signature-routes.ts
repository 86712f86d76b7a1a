import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { requestLanguage } from '../../http/request-language.js'
import { LangSchema, LocalizedTextSchema, Nullable, ProblemSchema, QueryInteger, UUID_PATTERN } from '../../http/schemas.js'
import { localize } from '../../i18n/languages.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { petitionTitles } from '../petitions/petition-facts.js'

const Problem = Type.Ref(ProblemSchema)
const errors = { 400: Problem, 401: Problem, 403: Problem, 413: Problem, 415: Problem, 429: Problem }
const Id = Type.String({ pattern: UUID_PATTERN })

export const FlaggedSignatureListSchema = Type.Object(
  {
    petitions: Type.Array(
      Type.Object({
        petitionId: Type.String({ format: 'uuid' }),
        title: Nullable(Type.Ref(LocalizedTextSchema)),
        flagged: Type.Integer(),
        oldest: Type.String({ format: 'date-time', description: 'Invalidated by the settling job 24 hours after this unless released.' }),
      }),
    ),
    items: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        petitionId: Type.String({ format: 'uuid' }),
        reason: Nullable(Type.String({ description: 'ip-burst, petition-burst, honeypot…' })),
        confirmed: Type.Boolean(),
        name: Nullable(Type.String({ description: 'First name and surname initial; never an email address.' })),
        city: Nullable(Type.String()),
        country: Type.String(),
        sourcePartner: Nullable(Type.String()),
        createdAt: Type.String({ format: 'date-time' }),
      }),
    ),
  },
  { $id: 'FlaggedSignatureList' },
)

const SettleRequest = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: 500, uniqueItems: true }),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Why they are invalidated (kept as the flag reason).' })),
  },
  { additionalProperties: false },
)
const Settled = Type.Object({ changed: Type.Integer({ description: 'How many of them were still held and changed.' }) })

/**
 * The moderators' queue of held signatures (permission `moderation`): the abuse checks flag bursts from one
 * address or on one petition rather than refuse them (carrier-grade NAT puts whole towns behind one IP); a
 * moderator releases the honest ones or invalidates the rest before the settling job invalidates what is
 * left. The count keeps publishing how many were invalidated.
 */
export const flaggedSignatureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/moderation/flagged-signatures',
    {
      schema: {
        tags: ['moderation'],
        operationId: 'listFlaggedSignatures',
        summary: 'Signatures held back by the abuse checks, oldest first, with a summary per petition',
        querystring: Type.Object(
          { petitionId: Type.Optional(Id), limit: Type.Optional(QueryInteger({ minimum: 1, maximum: 100, default: 100, description: 'Signatures, 1-100.' })), lang: Type.Optional(LangSchema) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref(FlaggedSignatureListSchema), ...errors },
      },
      config: { policy: 'moderation', rateLimit: rateLimits.consoleRead },
    },
    async (request) => {
      const lang = requestLanguage(request)
      const [rows, counts] = await Promise.all([
        app.signatures.flagged({ petitionId: request.query.petitionId, limit: request.query.limit ?? 100 }),
        app.signatures.flaggedCounts(),
      ])
      const titles = await petitionTitles(app.db, counts.map((row) => row.petition_id))
      return {
        petitions: counts.map((row) => {
          const petition = titles.get(row.petition_id)
          return {
            petitionId: row.petition_id,
            title: petition ? localize(petition.title, lang, petition.original_lang) : null,
            flagged: row.flagged,
            oldest: new Date(row.oldest).toISOString(),
          }
        }),
        items: rows.map((row) => ({
          id: row.id,
          petitionId: row.petition_id,
          reason: row.flag_reason,
          confirmed: row.status === 'confirmed',
          name: row.first_name ? `${row.first_name}${row.last_initial ? ` ${row.last_initial}.` : ''}` : null,
          city: row.city,
          country: row.country,
          sourcePartner: row.source_partner,
          createdAt: row.created_at.toISOString(),
        })),
      }
    },
  )

  for (const [verb, validity] of [['release', 'valid'], ['invalidate', 'invalidated']] as const) {
    app.post(
      `/moderation/flagged-signatures/${verb}`,
      {
        schema: {
          tags: ['moderation'],
          operationId: verb === 'release' ? 'releaseFlaggedSignatures' : 'invalidateFlaggedSignatures',
          summary:
            verb === 'release'
              ? 'Release held signatures: the confirmed ones count from now on'
              : 'Invalidate held signatures: they never count, and the published invalidated count grows',
          description: 'Only signatures still held change; the change log records how many per petition, never whose.',
          body: SettleRequest,
          response: { 200: Settled, ...errors },
        },
        config: { policy: 'moderation', rateLimit: rateLimits.write },
      },
      async (request) => {
        const reason = validity === 'invalidated' ? (request.body.reason ?? 'moderator') : undefined
        return { changed: await app.signatures.settleHeld(request, request.body.ids, validity, reason) }
      },
    )
  }
}

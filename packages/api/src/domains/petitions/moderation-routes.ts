import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { LangSchema } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { presentLaunches } from './launch-presenter.js'
import { LaunchedPetitionListSchema, LaunchedPetitionSchema, PetitionDraftPatchSchema, PetitionParams, Problem, RejectRequestSchema } from './launch-schemas.js'
import {
  type LaunchRow,
  approvePetition,
  claimForModeration,
  findLaunch,
  moderationQueue,
  rejectPetition,
  updateDraft,
} from './petition-launches.js'

const LangQuery = Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false })
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 415: Problem, 429: Problem }

function moderatorOf(request: FastifyRequest): string {
  // The policy let only people through (moderation has no API-key scope).
  if (request.actor.kind !== 'person') throw new WeGovError('WEGOV_UNAUTHENTICATED')
  return request.actor.personId
}

/**
 * The moderation of launched petitions (permission `moderation`: platform moderators and admins). The queue
 * is ordered by due date (WEGOV_MODERATION_DAYS after it reached moderation); a moderator claims an item so
 * that two do not review it at once, then approves or rejects it with a coded reason. The creator is told by
 * mail, in their language (mail/petition-decided-mail.ts, from the change log).
 */
export const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const confirmedOf = async (petitionId: string) => (await app.signatures.count(petitionId)).total
  const presentOne = async (request: FastifyRequest, row: LaunchRow) =>
    (await presentLaunches(app.db, [row], requestLanguage(request), app.petitions.links, confirmedOf))[0]!
  const found = async (id: string) => {
    const row = await findLaunch(app.db, id)
    if (!row) throw new WeGovError('WEGOV_NOT_FOUND')
    return row
  }
  const config = { policy: 'moderation', rateLimit: rateLimits.write } as const

  app.get(
    '/moderation/petitions',
    {
      schema: {
        tags: ['moderation'],
        operationId: 'listPetitionsToModerate',
        summary: 'Petitions awaiting moderation, the most urgent first',
        querystring: LangQuery,
        response: { 200: Type.Ref(LaunchedPetitionListSchema), ...errors },
      },
      config: { policy: 'moderation', rateLimit: rateLimits.consoleRead },
    },
    async (request) => ({ items: await presentLaunches(app.db, await moderationQueue(app.db), requestLanguage(request), app.petitions.links, confirmedOf) }),
  )

  for (const [verb, summary] of [
    ['claim', 'Claim a petition to review it (WEGOV_MODERATION_CLAIMED when another moderator holds it; a claim lapses after two hours)'],
    ['approve', 'Approve a petition: it opens now, until its closing date'],
  ] as const) {
    app.post(
      `/moderation/petitions/:petitionId/${verb}`,
      {
        schema: {
          tags: ['moderation'],
          operationId: verb === 'claim' ? 'claimPetition' : 'approvePetition',
          summary,
          params: PetitionParams,
          querystring: LangQuery,
          response: { 200: Type.Ref(LaunchedPetitionSchema), ...errors },
        },
        config,
      },
      async (request) => {
        const row = await found(request.params.petitionId)
        const moved = verb === 'claim'
          ? await claimForModeration(app.db, request, row, moderatorOf(request))
          : await approvePetition(app.db, request, row, moderatorOf(request))
        app.petitions.contentChanged()
        return presentOne(request, moved)
      },
    )
  }

  app.post(
    '/moderation/petitions/:petitionId/reject',
    {
      schema: {
        tags: ['moderation'],
        operationId: 'rejectPetition',
        summary: 'Reject a petition with a coded reason (defamatory, illegal and personal_data also hide it)',
        params: PetitionParams,
        querystring: LangQuery,
        body: Type.Ref(RejectRequestSchema),
        response: { 200: Type.Ref(LaunchedPetitionSchema), ...errors },
      },
      config,
    },
    async (request) => {
      const row = await found(request.params.petitionId)
      const rejected = await rejectPetition(app.db, request, row, moderatorOf(request), { ...request.body, lang: requestLanguage(request) })
      app.petitions.contentChanged()
      return presentOne(request, rejected)
    },
  )

  app.patch(
    '/moderation/petitions/:petitionId',
    {
      schema: {
        tags: ['moderation'],
        operationId: 'correctPetition',
        summary: 'Correct a submitted or open petition’s text (a typo); the change log keeps the text before',
        params: PetitionParams,
        querystring: LangQuery,
        body: Type.Ref(PetitionDraftPatchSchema),
        response: { 200: Type.Ref(LaunchedPetitionSchema), ...errors },
      },
      config,
    },
    async (request) => {
      const row = await found(request.params.petitionId)
      const corrected = await updateDraft(app.db, request, row, request.body as Parameters<typeof updateDraft>[3], app.petitions.rules, true)
      app.petitions.contentChanged()
      return presentOne(request, corrected)
    },
  )
}

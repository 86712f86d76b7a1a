import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { requestLanguage } from '../../http/request-language.js'
import { LangSchema } from '../../http/schemas.js'
import { localize } from '../../i18n/languages.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { presentLaunches } from './launch-presenter.js'
import {
  LaunchedPetitionListSchema,
  LaunchedPetitionSchema,
  PetitionDraftPatchSchema,
  PetitionDraftSchema,
  PetitionParams,
  Problem,
  SponsorLinkParams,
  SponsorPageSchema,
} from './launch-schemas.js'
import {
  type LaunchRow,
  closePetition,
  createDraft,
  managedPetition,
  petitionsLaunchedBy,
  petitionsOfOrganisation,
  submitDraft,
  updateDraft,
  withdrawLaunch,
} from './petition-launches.js'

const LangQuery = Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false })
const OrganisationParams = Type.Object({ organisationId: Type.String({ format: 'uuid' }) })
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 415: Problem, 422: Problem, 429: Problem }

/**
 * Launching a petition: a signed-in citizen (or an organisation's editor) drafts it, edits it, submits it;
 * a citizen's then collects sponsors through its private link (sponsorLinkRoutes below) before moderators see
 * it. Each move is one function of petition-launches.ts; who may make it is decided in policy.ts. Registered
 * in a signed-in tree (app.ts).
 */
export const launchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const confirmedOf = async (petitionId: string) => (await app.signatures.count(petitionId)).total
  const present = async (request: FastifyRequest, rows: LaunchRow[]) => presentLaunches(app.db, rows, requestLanguage(request), app.petitions.links, confirmedOf)
  const presentOne = async (request: FastifyRequest, row: LaunchRow) => (await present(request, [row]))[0]!
  const changed = () => app.petitions.contentChanged()

  app.post(
    '/petition-launches',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'draftPetition',
        summary: 'Draft a petition (a citizen’s, or an organisation’s with organisationId)',
        description:
          'Saved as a draft, seen only by its creator (and, for an organisation’s, its editors and owners). The title is required ' +
          'in originalLang (WEGOV_ORIGINAL_LANGUAGE_REQUIRED); closesAt must be 7 days to WEGOV_PETITION_MAX_MONTHS months ahead ' +
          '(WEGOV_PETITION_CLOSES_TOO_SOON).',
        querystring: LangQuery,
        body: Type.Ref(PetitionDraftSchema),
        response: { 201: Type.Ref(LaunchedPetitionSchema), ...errors },
      },
      config: { policy: 'petitions.launch', rateLimit: rateLimits.write },
    },
    async (request, reply) => {
      const body = request.body as unknown as Parameters<typeof createDraft>[2]
      const row = await createDraft(app.db, request, body, app.petitions.rules)
      return reply.code(201).send(await presentOne(request, row))
    },
  )

  app.get(
    '/petition-launches',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'listMyPetitions',
        summary: 'The petitions I drafted, in every state, newest first',
        querystring: LangQuery,
        response: { 200: Type.Ref(LaunchedPetitionListSchema), ...errors },
      },
      config: { policy: 'petitions.launch', rateLimit: rateLimits.consoleRead },
    },
    async (request) => {
      const personId = request.actor.kind === 'person' ? request.actor.personId : ''
      return { items: await present(request, await petitionsLaunchedBy(app.db, personId)) }
    },
  )

  app.get(
    '/organisations/:organisationId/petition-launches',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'listOrganisationPetitions',
        summary: 'An organisation’s petitions in every state, newest first',
        params: OrganisationParams,
        querystring: LangQuery,
        response: { 200: Type.Ref(LaunchedPetitionListSchema), ...errors },
      },
      config: { policy: 'organisation.drafts.read', rateLimit: rateLimits.consoleRead },
    },
    async (request) => ({ items: await present(request, await petitionsOfOrganisation(app.db, request.params.organisationId)) }),
  )

  app.get(
    '/petition-launches/:petitionId',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'getMyPetition',
        summary: 'A petition I may manage, in any state, with its sponsor link while it collects sponsors',
        params: PetitionParams,
        querystring: LangQuery,
        response: { 200: Type.Ref(LaunchedPetitionSchema), ...errors },
      },
      config: { policy: 'petitions.launch', rateLimit: rateLimits.consoleRead },
    },
    async (request) => presentOne(request, await managedPetition(app.db, request.actor, request.params.petitionId)),
  )

  app.patch(
    '/petition-launches/:petitionId',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'updatePetitionDraft',
        summary: 'Change a draft (JSON merge patch)',
        description: 'Only a draft: once submitted, its text is frozen (WEGOV_PETITION_STATE); a moderator may still correct a typo.',
        params: PetitionParams,
        querystring: LangQuery,
        body: Type.Ref(PetitionDraftPatchSchema),
        response: { 200: Type.Ref(LaunchedPetitionSchema), ...errors },
      },
      config: { policy: 'petitions.launch', rateLimit: rateLimits.write },
    },
    async (request) => {
      const row = await managedPetition(app.db, request.actor, request.params.petitionId)
      const updated = await updateDraft(app.db, request, row, request.body as Parameters<typeof updateDraft>[3], app.petitions.rules, false)
      return presentOne(request, updated)
    },
  )

  app.post(
    '/petition-launches/:petitionId/submit',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'submitPetition',
        summary: 'Submit a draft: a citizen’s then collects its sponsors, an organisation’s goes to moderation',
        params: PetitionParams,
        querystring: LangQuery,
        response: { 200: Type.Ref(LaunchedPetitionSchema), ...errors },
      },
      config: { policy: 'petitions.launch', rateLimit: rateLimits.write },
    },
    async (request) => {
      const row = await managedPetition(app.db, request.actor, request.params.petitionId)
      const submitted = await submitDraft(app.db, request, row, app.petitions.rules)
      changed()
      return presentOne(request, submitted)
    },
  )

  app.post(
    '/petition-launches/:petitionId/withdraw',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'withdrawPetition',
        summary: 'Withdraw a petition before it opens',
        params: PetitionParams,
        querystring: LangQuery,
        response: { 200: Type.Ref(LaunchedPetitionSchema), ...errors },
      },
      config: { policy: 'petitions.launch', rateLimit: rateLimits.write },
    },
    async (request) => {
      const row = await managedPetition(app.db, request.actor, request.params.petitionId)
      const withdrawn = await withdrawLaunch(app.db, request, row)
      changed()
      return presentOne(request, withdrawn)
    },
  )

  app.post(
    '/petition-launches/:petitionId/close',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'closePetition',
        summary: 'Close an open petition now, before its closing date',
        description:
          'By its creator, or its organisation’s owners and editors. It stops taking signatures and its public status becomes ' +
          'closed (the petition.closed webhook fires). Only an open petition still collecting (WEGOV_PETITION_STATE).',
        params: PetitionParams,
        querystring: LangQuery,
        response: { 200: Type.Ref(LaunchedPetitionSchema), ...errors },
      },
      config: { policy: 'petitions.launch', rateLimit: rateLimits.write },
    },
    async (request) => {
      const row = await managedPetition(app.db, request.actor, request.params.petitionId)
      const closed = await closePetition(app.db, request, row)
      changed()
      return presentOne(request, closed)
    },
  )
}

/**
 * The page behind a sponsor link, for anyone who has the link (its token is the capability); sponsors sign at
 * POST /v1/sponsor-links/{token}/signatures (signature-routes.ts).
 */
export const sponsorLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sponsor-links/:token',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'getSponsorLink',
        summary: 'The petition a sponsor link is for, as it will look, while it collects sponsors',
        description: 'Sponsors sign at POST /v1/sponsor-links/{token}/signatures, with the same double opt-in as signatures. ' +
          'WEGOV_SPONSORING_CLOSED (409) once it has its sponsors.',
        params: SponsorLinkParams,
        querystring: LangQuery,
        response: { 200: Type.Ref(SponsorPageSchema), ...errors },
      },
    },
    async (request, reply) => {
      const row = await app.petitions.sponsoring(request.params.token)
      const lang = requestLanguage(request)
      reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer')
      return {
        petition: {
          id: row.id,
          title: localize(row.title, lang, row.original_lang)!,
          summary: localize(row.summary, lang, row.original_lang),
          text: localize(row.body, lang, row.original_lang),
          authority: localize(row.targets[0] ?? {}, lang, row.original_lang),
          country: row.country,
          launcherName: row.launcher_name,
        },
        sponsorsNeeded: row.sponsors_needed,
      }
    },
  )
}

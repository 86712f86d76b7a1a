import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type Static, Type } from '@sinclair/typebox'
import type { PetitionStatus } from '../../db/petition-tables.js'
import type { Lang } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { IdOrSlugParams, ProblemSchema, SLUG_PATTERN, UUID_PATTERN } from '../../http/schemas.js'
import { SponsorLinkParams } from '../petitions/launch-schemas.js'
import type { PetitionRow } from '../petitions/petition-repository.js'
import { rateLimits } from '../abuse/rate-limits.js'
import type { SignatureCheck } from '../abuse/signature-checks.js'
import { publicStatus } from '../petitions/petition-lifecycle.js'
import { parseEmail } from './canonical-email.js'
import { findIdempotentAnswer, idempotencyFingerprint, idempotencyKeyOf } from './idempotency.js'
import { signValidationCode, signatureDraft } from './signature-input.js'
import {
  ConfirmRequestSchema,
  SignRequestSchema,
  SignatureAcceptedSchema,
  SignatureConfirmedSchema,
  SignatureWithdrawnSchema,
  WithdrawRequestSchema,
} from './signature-schemas.js'

const Problem = Type.Ref(ProblemSchema)

const ACCEPTED: Record<Lang, string> = {
  en: 'Thank you! Check your email: your signature counts once you confirm it.',
  fr: 'Merci ! Consultez vos e-mails : votre signature comptera une fois confirmée.',
  ar: 'شكرًا! تفقّد بريدك الإلكتروني: يُحتسب توقيعك بعد تأكيده.',
}

type AcceptedBody = Static<typeof SignatureAcceptedSchema>

/** Only successes are stored under an idempotency key, so a replay is always this 202 body. */
function accepted(petitionId: string, lang: Lang): AcceptedBody {
  return { petitionId, status: 'pending_confirmation' as const, detail: ACCEPTED[lang], lang }
}

/** The state errors of a petition that exists and is public but does not take signatures now. */
function notSigningError(row: { status: PetitionStatus; opens_at: Date; closes_at: Date; deleted_at: Date | null }) {
  return publicStatus(row) === 'upcoming' ? new WeGovError('WEGOV_PETITION_NOT_OPEN') : new WeGovError('WEGOV_PETITION_CLOSED')
}

/**
 * Signing, confirming and withdrawing. Every answer is the same whether or not an address signed before,
 * and no answer ever contains an address.
 */
export const signatureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /**
   * The signing handler, for the public petitions and for the sponsor links: `petitionOf` finds the petition
   * the request may sign (or throws), `closedError` is the answer when the batch finds it no longer takes
   * signatures.
   */
  type SignRequest = FastifyRequest<{ Headers: { 'idempotency-key'?: string }; Body: Static<typeof SignRequestSchema> }>
  const signWith = <P extends { id: string }>(petitionOf: (request: SignRequest) => Promise<P>, closedError: (petition: P) => WeGovError) =>
    async (request: SignRequest, reply: FastifyReply) => {
      if (request.validationError) {
        const code = request.validationError.validationContext === 'body' ? signValidationCode(request.validationError) : null
        if (code) throw new WeGovError(code)
        throw request.validationError
      }
      const key = idempotencyKeyOf(request.headers['idempotency-key'])
      const petition = await petitionOf(request)

      const lang = requestLanguage(request)
      const body = request.body
      const partner = body.source?.partner
      const partnerKnown = partner ? await app.signatures.isKnownSource(partner) : false
      const draft = signatureDraft(body, lang, () => partnerKnown)
      const answer = accepted(petition.id, lang)

      // The batch finds out whether the key was used before (no lookup per request): see signature-writes.ts.
      const idempotency = key ? { key, fingerprint: idempotencyFingerprint(petition.id, body), body: answer } : null
      const emailHash = app.signatures.emailHash(draft.email.canonical)
      let check: SignatureCheck
      try {
        check = await app.abuse.checkSignature(request, {
          petitionId: petition.id,
          emailHash,
          emailDomain: draft.email.domain,
          altcha: body.altcha,
          honeypot: body.website,
        })
      } catch (error) {
        // A retry refused here (a new proof of work it could not solve, a limit reached since) is still
        // answered like the request it repeats. Only refusals pay for this lookup.
        const stored = idempotency ? await findIdempotentAnswer(app.db, idempotency.key, idempotency.fingerprint) : undefined
        if (stored) return reply.code(202).header('idempotent-replayed', 'true').send(stored as AcceptedBody)
        throw error
      }
      const outcome = await app.signatures.sign({ petitionId: petition.id, draft, emailHash, flag: check.flag, idempotency, proofOfWork: check.proofOfWork })
      switch (outcome.kind) {
        case 'written':
          return reply.code(202).send(answer)
        case 'replayed':
          return reply.code(202).header('idempotent-replayed', 'true').send(outcome.body as AcceptedBody)
        case 'key-reused':
          throw new WeGovError('WEGOV_IDEMPOTENCY_KEY_REUSED')
        case 'pow-replayed':
          throw new WeGovError('WEGOV_POW_REPLAYED')
        case 'petition-not-open':
          app.petitions.forget(petition.id)
          throw closedError(petition)
      }
    }

  app.post(
    '/petitions/:idOrSlug/signatures',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'signPetition',
        summary: 'Sign a petition (double opt-in: the signature counts once confirmed from the email)',
        description:
          'Answers 202 with the same body whether or not this address already signed: WeGov never reveals who signed. ' +
          'A second signature by the same person is a no-op (a pending confirmation is re-sent at most hourly). ' +
          'Send an `Idempotency-Key` to retry safely: the same key answers the same, nothing is written twice. ' +
          'A petition that is not open yet answers 409 WEGOV_PETITION_NOT_OPEN; a closed or rejected one 409 WEGOV_PETITION_CLOSED.',
        params: IdOrSlugParams,
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ description: '8-128 characters: letters, digits, - _ . :' })),
        }),
        body: Type.Ref(SignRequestSchema),
        response: { 202: Type.Ref(SignatureAcceptedSchema), 400: Problem, 404: Problem, 409: Problem, 410: Problem, 413: Problem, 415: Problem, 422: Problem, 429: Problem },
      },
      attachValidation: true,
      config: { rateLimit: rateLimits.sign },
    },
    signWith<PetitionRow>(async (request) => {
      const petition = await app.petitions.publicPetition((request.params as { idOrSlug: string }).idOrSlug)
      if (publicStatus(petition) !== 'open') throw notSigningError(petition)
      return petition
    }, notSigningError),
  )

  app.post(
    '/sponsor-links/:token/signatures',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'sponsorPetition',
        summary: 'Sponsor a citizen’s petition through its private link: signing, with the same double opt-in',
        description:
          'The body, the answers and the confirmation are those of signing. Once confirmed, a sponsor’s signature counts ' +
          'when the petition opens; when it has WEGOV_PETITION_SPONSORS of them, it goes to moderation. ' +
          'WEGOV_SPONSORING_CLOSED (409) once it has them all.',
        params: SponsorLinkParams,
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ description: '8-128 characters: letters, digits, - _ . :' })),
        }),
        body: Type.Ref(SignRequestSchema),
        response: { 202: Type.Ref(SignatureAcceptedSchema), 400: Problem, 404: Problem, 409: Problem, 413: Problem, 415: Problem, 422: Problem, 429: Problem },
      },
      attachValidation: true,
      config: { rateLimit: rateLimits.sign },
    },
    signWith(
      (request) => app.petitions.sponsoring((request.params as { token: string }).token),
      () => new WeGovError('WEGOV_SPONSORING_CLOSED'),
    ),
  )

  app.post(
    '/signatures/confirm',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'confirmSignature',
        summary: 'Confirm a signature with the emailed link token, or with the petition, the email and the 6-digit code',
        description:
          'Confirming twice is not an error. A wrong code, an unknown address and too many wrong codes all answer the same ' +
          'WEGOV_CONFIRMATION_INVALID, so the answer never tells whether an address signed. WEGOV_CONFIRMATION_EXPIRED (410): sign again.',
        body: Type.Ref(ConfirmRequestSchema),
        response: { 200: Type.Ref(SignatureConfirmedSchema), 400: Problem, 410: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.confirm },
    },
    async (request) => {
      const { token, petition, email, code } = request.body
      let result: { petitionId: string }
      if (token !== undefined) {
        result = await app.signatures.confirm({ token })
      } else if (petition !== undefined && email !== undefined && code !== undefined) {
        const parsed = parseEmail(email)
        if (!parsed) throw new WeGovError('WEGOV_INVALID_EMAIL')
        const validRef = new RegExp(UUID_PATTERN).test(petition) || new RegExp(SLUG_PATTERN).test(petition)
        const row = validRef ? await app.petitions.petition(petition) : null
        if (!row) throw new WeGovError('WEGOV_CONFIRMATION_INVALID')
        result = await app.signatures.confirm({ petitionId: row.id, canonicalEmail: parsed.canonical, code })
      } else {
        throw new WeGovError('WEGOV_VALIDATION', { errors: [{ field: 'token', message: 'send either token, or petition, email and code' }] })
      }
      return { petitionId: result.petitionId, status: 'confirmed' as const }
    },
  )

  app.post(
    '/signatures/withdraw',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'withdrawSignature',
        summary: 'Withdraw a signature with the token of the emailed withdrawal link',
        description: 'Deletes the signer’s personal data and takes the signature off the count.',
        body: Type.Ref(WithdrawRequestSchema),
        response: { 200: Type.Ref(SignatureWithdrawnSchema), 400: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.withdraw },
    },
    async (request) => {
      const result = await app.signatures.withdraw(request.body.token)
      return { petitionId: result.petitionId, status: 'withdrawn' as const }
    },
  )
}

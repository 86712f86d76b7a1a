import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { WeGovError } from '../../errors.js'
import { StringEnum } from '../../http/enum.js'
import { ProblemSchema, UUID_PATTERN } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { recordChange } from '../changes/change-log.js'
import { liveOrganisationSlug } from '../organisations/organisation-refs.js'
import { consentingSigners, signersCsv } from './signer-exports.js'

const Problem = Type.Ref(ProblemSchema)

/**
 * The one way signers' addresses leave WeGov: an organisation's owners download, as CSV, the signers who
 * consented to hear from it, as the petition's organiser or as the partner site they signed on. Every
 * download is recorded in the change log (how many, never whom), so the organisation's audit shows it.
 */
export const signerExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/organisations/:organisationId/signer-exports/:petitionId',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'exportConsentingSigners',
        summary: 'Download, as CSV, the signers who consented to hear from this organisation',
        description:
          '`as=organiser`: the signers of the organisation’s own petition who ticked “news from the organiser”; `as=partner`: those ' +
          'who signed through its site and ticked “news from the partner”. Confirmed, valid, not yet anonymised signatures only: ' +
          'after the retention period the file is empty. UTF-8 with a byte-order mark. Each download is audited.',
        params: Type.Object({
          organisationId: Type.String({ pattern: UUID_PATTERN }),
          petitionId: Type.String({ pattern: UUID_PATTERN }),
        }),
        querystring: Type.Object({ as: StringEnum(['organiser', 'partner'] as const) }, { additionalProperties: false }),
        response: { 200: Type.String({ description: 'text/csv' }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem },
        produces: ['text/csv'],
      },
      config: { policy: 'organisation.signers.export', rateLimit: rateLimits.write },
    },
    async (request, reply) => {
      const { organisationId, petitionId } = request.params
      const petition = await app.petitions.petition(petitionId)
      if (!petition || petition.deleted_at) throw new WeGovError('WEGOV_NOT_FOUND')
      const as = request.query.as
      let rows
      if (as === 'organiser') {
        if (petition.org_id !== organisationId) throw new WeGovError('WEGOV_FORBIDDEN')
        rows = await consentingSigners(app.db, petition.id, { role: 'organiser' })
      } else {
        const partnerSlug = await liveOrganisationSlug(app.db, organisationId)
        if (!partnerSlug) throw new WeGovError('WEGOV_NOT_FOUND')
        rows = await consentingSigners(app.db, petition.id, { role: 'partner', partnerSlug })
      }
      await recordChange(app.db, request, {
        action: 'signers.exported',
        subjectType: 'petition',
        subjectId: petition.id,
        organisationId,
        after: { as, signers: rows.length },
      })
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="signers-${petition.slug}-${as}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(signersCsv(rows))
    },
  )
}

import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { ProblemSchema } from '../../http/schemas.js'
import { type AuditFilters, listAuditEvents } from './audit-repository.js'
import { AuditEventPageSchema, AuditQuery, OrganisationAuditQuery } from './audit-schemas.js'
import { signedInTree } from '../accounts/signed-in-tree.js'

const Problem = Type.Ref(ProblemSchema)
const errors = { 400: Problem, 401: Problem, 403: Problem }
/** Instants a person could mean; beyond them JavaScript and PostgreSQL disagree on what a year is. */
const EARLIEST = 0
const LATEST = Date.parse('9999-12-31T23:59:59Z')

interface Query {
  action?: string | undefined
  actor?: string | undefined
  since?: string | undefined
  until?: string | undefined
}

function filtersOf(query: Query, organisationId: string | undefined): AuditFilters {
  const instant = (value: string | undefined) => (value === undefined ? undefined : new Date(Math.min(Math.max(Date.parse(value), EARLIEST), LATEST)))
  return { organisationId, action: query.action, actor: query.actor, since: instant(query.since), until: instant(query.until) }
}

/**
 * The audit log: the change log read back, newest first. Admins read all of it (`audit.read`); an
 * organisation's owners read their organisation's through its own route (`organisation.audit.read`), so
 * that the policy table, not a handler, decides who sees what.
 */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  signedInTree(app)
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listAuditEvents',
        summary: 'The audit log: every change to accounts, roles, keys and organisations',
        description: 'Newest first, filterable and paged (`nextCursor`). `since` is included, `until` excluded.',
        querystring: AuditQuery,
        response: { 200: Type.Ref(AuditEventPageSchema), ...errors },
      },
      config: { policy: 'audit.read' },
    },
    async (request) => {
      const { limit = 20, cursor, organisation, ...query } = request.query
      return listAuditEvents(app.db, app.organisations, filtersOf(query, organisation), { limit, cursor, lang: requestLanguage(request) })
    },
  )

  app.get(
    '/organisations/:organisationId/audit',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listOrganisationAuditEvents',
        summary: 'An organisation’s audit log',
        description: 'The changes to this organisation, its members, invitations and keys; newest first, filterable and paged.',
        params: Type.Object({ organisationId: Type.String({ format: 'uuid' }) }),
        querystring: OrganisationAuditQuery,
        response: { 200: Type.Ref(AuditEventPageSchema), ...errors, 404: Problem },
      },
      config: { policy: 'organisation.audit.read' },
    },
    async (request) => {
      const { organisationId } = request.params
      if (!(await app.organisations.find(organisationId))) throw new WeGovError('WEGOV_NOT_FOUND')
      const { limit = 20, cursor, ...query } = request.query
      return listAuditEvents(app.db, app.organisations, filtersOf(query, organisationId), { limit, cursor, lang: requestLanguage(request) })
    },
  )
}

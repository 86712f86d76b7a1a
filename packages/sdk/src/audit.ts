import { request, segment, type Transport } from './transport.js'
import type { AuditEvent, AuditParams, CallOptions, OrganisationAuditParams, Page } from './types.js'

/*
 * The audit log: who changed what in accounts, roles, keys and organisations. Admins read it
 * all; owners read their organisation's. createClient's audit namespace pages through it with ListCall.
 */

type Cursor = { cursor?: string }

export const auditPage = (t: Transport, params?: AuditParams & Cursor, options?: CallOptions) =>
  request<Page<AuditEvent>>(t, '/v1/audit', { query: params, ...options })
export const organisationAuditPage = (t: Transport, organisationId: string, params?: OrganisationAuditParams & Cursor, options?: CallOptions) =>
  request<Page<AuditEvent>>(t, `/v1/organisations/${segment(organisationId)}/audit`, { query: params, ...options })

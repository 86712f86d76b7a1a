import { request, segment, type Transport } from './transport.js'
import type { Application, ApplicationInput, ApplicationListParams, CallOptions, Items, PersonSummary, PlatformRole } from './types.js'

/*
 * Joining WeGov as an organisation (anyone signed in applies; admins decide) and the platform roles that
 * admins grant. Refusals to non-admins are WEGOV_FORBIDDEN.
 */

type Options = Omit<CallOptions, 'fresh'>
const send = <T>(t: Transport, method: 'POST' | 'PUT', path: string, body?: unknown, options?: Options) =>
  request<T>(t, path, { method, body, ...options })
const applicationPath = (applicationId: string, action: string) => `/v1/organisation-applications/${segment(applicationId)}/${action}`

export const submitApplication = (t: Transport, body: ApplicationInput, options?: Options) =>
  send<Application>(t, 'POST', '/v1/organisation-applications', body, options)
/** Admins see every application (filter by status); others see their own. */
export const listApplications = (t: Transport, params?: ApplicationListParams, options?: CallOptions) =>
  request<Items<Application>>(t, '/v1/organisation-applications', { query: params, ...options })
/** Creates the organisation with the applicant as its owner, and emails them. Deciding twice is a 409. */
export const approveApplication = (t: Transport, applicationId: string, options?: Options) =>
  send<Application>(t, 'POST', applicationPath(applicationId, 'approve'), undefined, options)
/** Emails the applicant the reason, in their language. Deciding twice is a 409. */
export const declineApplication = (t: Transport, applicationId: string, reason: string, options?: Options) =>
  send<Application>(t, 'POST', applicationPath(applicationId, 'decline'), { reason }, options)

/** Admins: people whose address matches. */
export const searchPeople = (t: Transport, email: string, options?: CallOptions) =>
  request<Items<PersonSummary>>(t, '/v1/people', { query: { email }, ...options })
/** Admins: null takes the role away. Removing the last admin is refused (WEGOV_LAST_ADMIN). */
export const setPlatformRole = (t: Transport, personId: string, role: PlatformRole | null, options?: Options) =>
  send<PersonSummary>(t, 'PUT', `/v1/people/${segment(personId)}/platform-role`, { role }, options)

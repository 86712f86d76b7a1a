import { request, segment, type Transport } from './transport.js'
import type {
  CallOptions,
  CreateOrganisationInput,
  InvitationAccepted,
  Invitation,
  InvitationPreview,
  InviteInput,
  Items,
  ManagedOrganisation,
  Member,
  OrganisationRole,
  UpdateProfileInput,
} from './types.js'

/*
 * Running an organisation: its profile in every language, its members and their invitations. Owners act on
 * their own organisations, admins on all (the API's policy table decides; a refusal is WEGOV_FORBIDDEN).
 */

type Options = Omit<CallOptions, 'fresh'>
const send = <T>(t: Transport, method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, options?: Options) =>
  request<T>(t, path, { method, body, ...options })
/** `/v1/organisations/{id}` and below; organisations are addressed by id (a UUID) here, not by slug. */
const organisationPath = (organisationId: string, rest = '') => `/v1/organisations/${segment(organisationId)}${rest}`

/** Admins only. With ownerEmail, that address is invited to own it. */
export const createOrganisation = (t: Transport, body: CreateOrganisationInput, options?: Options) =>
  send<ManagedOrganisation>(t, 'POST', '/v1/organisations', body, options)
export const getOrganisationProfile = (t: Transport, organisationId: string, options?: CallOptions) =>
  request<ManagedOrganisation>(t, organisationPath(organisationId, '/profile'), options)
export const updateOrganisationProfile = (t: Transport, organisationId: string, body: UpdateProfileInput, options?: Options) =>
  send<ManagedOrganisation>(t, 'PATCH', organisationPath(organisationId, '/profile'), body, options)

export const listMembers = (t: Transport, organisationId: string, options?: CallOptions) =>
  request<Items<Member>>(t, organisationPath(organisationId, '/members'), options)
/** Demoting the last owner is refused (WEGOV_LAST_OWNER). */
export const setMemberRole = (t: Transport, organisationId: string, personId: string, role: OrganisationRole, options?: Options) =>
  send<Member>(t, 'PATCH', organisationPath(organisationId, `/members/${segment(personId)}`), { role }, options)
/** Removing the last owner is refused (WEGOV_LAST_OWNER). */
export const removeMember = (t: Transport, organisationId: string, personId: string, options?: Options) =>
  send<void>(t, 'DELETE', organisationPath(organisationId, `/members/${segment(personId)}`), undefined, options)

/** Emails the address a link to join; it joins once signed in with that address. */
export const inviteMember = (t: Transport, organisationId: string, body: InviteInput, options?: Options) =>
  send<Invitation>(t, 'POST', organisationPath(organisationId, '/invitations'), body, options)
export const listInvitations = (t: Transport, organisationId: string, options?: CallOptions) =>
  request<Items<Invitation>>(t, organisationPath(organisationId, '/invitations'), options)
export const revokeInvitation = (t: Transport, organisationId: string, invitationId: string, options?: Options) =>
  send<void>(t, 'DELETE', organisationPath(organisationId, `/invitations/${segment(invitationId)}`), undefined, options)

/** What the token of an invitation link offers (signed in). */
export const getInvitation = (t: Transport, token: string, options?: CallOptions) =>
  request<InvitationPreview>(t, `/v1/invitations/${segment(token)}`, options)
/**
 * Joins the organisation. Refusals: WEGOV_INVITATION_EXPIRED, WEGOV_INVITATION_USED,
 * WEGOV_INVITATION_OTHER_ADDRESS (signed in with another address), WEGOV_NOT_FOUND.
 */
export const acceptInvitation = (t: Transport, token: string, options?: Options) =>
  send<InvitationAccepted>(t, 'POST', '/v1/invitations/accept', { token }, options)

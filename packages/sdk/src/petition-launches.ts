import { request, segment, type Transport } from './transport.js'
import type { CallOptions, FlaggedSignatureList, Items, LaunchedPetition, PetitionDraftInput, PetitionDraftPatch, PetitionRejection, SponsorPage } from './types.js'

/*
 * Launching a petition (anyone signed in drafts one; a citizen's then collects sponsors through its private
 * link) and moderating them (platform moderators and admins).
 */

type Options = Omit<CallOptions, 'fresh'>
const launchPath = (petitionId: string, action = '') => `/v1/petition-launches/${segment(petitionId)}${action ? `/${action}` : ''}`
const moderationPath = (petitionId: string, action = '') => `/v1/moderation/petitions/${segment(petitionId)}${action ? `/${action}` : ''}`

export const draftPetition = (t: Transport, body: PetitionDraftInput, options?: Options) =>
  request<LaunchedPetition>(t, '/v1/petition-launches', { method: 'POST', body, ...options })
export const listMyPetitions = (t: Transport, options?: CallOptions) => request<Items<LaunchedPetition>>(t, '/v1/petition-launches', options)
export const listOrganisationPetitions = (t: Transport, organisationId: string, options?: CallOptions) =>
  request<Items<LaunchedPetition>>(t, `/v1/organisations/${segment(organisationId)}/petition-launches`, options)
export const getMyPetition = (t: Transport, petitionId: string, options?: CallOptions) => request<LaunchedPetition>(t, launchPath(petitionId), options)
/** A JSON merge patch of a draft: a language given replaces that translation, null removes it. */
export const updatePetitionDraft = (t: Transport, petitionId: string, patch: PetitionDraftPatch, options?: Options) =>
  request<LaunchedPetition>(t, launchPath(petitionId), { method: 'PATCH', body: patch, ...options })
export const submitPetition = (t: Transport, petitionId: string, options?: Options) =>
  request<LaunchedPetition>(t, launchPath(petitionId, 'submit'), { method: 'POST', ...options })
export const withdrawPetition = (t: Transport, petitionId: string, options?: Options) =>
  request<LaunchedPetition>(t, launchPath(petitionId, 'withdraw'), { method: 'POST', ...options })
/** Closes an open petition now, before its closing date (its creator, or its organisation's owners and editors). */
export const closePetition = (t: Transport, petitionId: string, options?: Options) =>
  request<LaunchedPetition>(t, launchPath(petitionId, 'close'), { method: 'POST', ...options })
/** The petition a sponsor link is for (WEGOV_SPONSORING_CLOSED once it has its sponsors). */
export const getSponsorLink = (t: Transport, token: string, options?: CallOptions) =>
  request<SponsorPage>(t, `/v1/sponsor-links/${segment(token)}`, options)

export const listPetitionsToModerate = (t: Transport, options?: CallOptions) => request<Items<LaunchedPetition>>(t, '/v1/moderation/petitions', options)
export const claimPetition = (t: Transport, petitionId: string, options?: Options) =>
  request<LaunchedPetition>(t, moderationPath(petitionId, 'claim'), { method: 'POST', ...options })
export const approvePetition = (t: Transport, petitionId: string, options?: Options) =>
  request<LaunchedPetition>(t, moderationPath(petitionId, 'approve'), { method: 'POST', ...options })
export const rejectPetition = (t: Transport, petitionId: string, rejection: PetitionRejection, options?: Options) =>
  request<LaunchedPetition>(t, moderationPath(petitionId, 'reject'), { method: 'POST', body: rejection, ...options })
export const correctPetition = (t: Transport, petitionId: string, patch: PetitionDraftPatch, options?: Options) =>
  request<LaunchedPetition>(t, moderationPath(petitionId), { method: 'PATCH', body: patch, ...options })

/** Signatures held back by the abuse checks (no email addresses), oldest first, with a summary per petition. */
export const listFlaggedSignatures = (t: Transport, params?: { petitionId?: string; limit?: number }, options?: CallOptions) =>
  request<FlaggedSignatureList>(t, '/v1/moderation/flagged-signatures', { query: params, ...options })
/** Releases held signatures (they count once confirmed) or invalidates them; only those still held change. */
export const settleFlaggedSignatures = (t: Transport, verb: 'release' | 'invalidate', ids: string[], reason?: string, options?: Options) =>
  request<{ changed: number }>(t, `/v1/moderation/flagged-signatures/${verb}`, { method: 'POST', body: reason === undefined ? { ids } : { ids, reason }, ...options })

import { request, segment, type Transport } from './transport.js'
import type {
  CallOptions,
  PaperSignatureBatch,
  PaperSignatureBatchList,
  PaperSignaturesInput,
  PetitionResponseInput,
  PetitionResponseRecorded,
} from './types.js'

/*
 * What a petition gathers besides online signatures: paper signatures a partner collected, and the official
 * response of the authority it addresses. Writes are for partners (an editor's session, or a key with
 * content:write); voiding a paper batch is for moderators.
 */

type Options = Omit<CallOptions, 'fresh'>
const petitionOf = (organisationId: string, petitionId: string) => `/v1/organisations/${segment(organisationId)}/petitions/${segment(petitionId)}`

/** Adds signatures collected on paper, as the partner `organisationId` (not retried: a repeat is a second batch). */
export const addPaperSignatures = (t: Transport, organisationId: string, petitionId: string, body: PaperSignaturesInput, options?: Options) =>
  request<PaperSignatureBatch>(t, `${petitionOf(organisationId, petitionId)}/paper-signatures`, { method: 'POST', body, ...options })

/** A petition's paper batches, newest first, voided ones with their reason; `total` is what counts. */
export const listPaperSignatures = (t: Transport, idOrSlug: string, options?: CallOptions) =>
  request<PaperSignatureBatchList>(t, `/v1/petitions/${segment(idOrSlug)}/paper-signatures`, { ...options })

/** A moderator voids a batch: it stays listed with the reason, and stops counting. */
export const voidPaperSignatures = (t: Transport, petitionId: string, batchId: string, reason: string, options?: Options) =>
  request<PaperSignatureBatch>(t, `/v1/petitions/${segment(petitionId)}/paper-signatures/${segment(batchId)}/void`, { method: 'POST', body: { reason }, ...options })

/** Records (or corrects) a petition's official response, for `organisationId`: the first one emails the signers who asked. */
export const recordPetitionResponse = (t: Transport, organisationId: string, petitionId: string, body: PetitionResponseInput, options?: Options) =>
  request<PetitionResponseRecorded>(t, `${petitionOf(organisationId, petitionId)}/response`, { method: 'PUT', body, ...options })

import type { Static } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import { sanitiseTranslatedHtml, translatedHtmlToText } from '../../content/rich-text.js'
import type { DB, TranslatedText } from '../../db/schema.js'
import { inTransaction } from '../../db/transaction.js'
import { WeGovError } from '../../errors.js'
import { actorColumns } from '../accounts/actor.js'
import { decide } from '../accounts/policy.js'
import { type Requester, recordChange } from '../changes/change-log.js'
import { organisationFile } from '../files/organisation-files.js'
import { liveOrganisationsByIds } from '../organisations/organisation-refs.js'
import { petitionStanding, takesPaperAndResponses } from './petition-facts.js'
import type { PetitionResponseRequestSchema } from './petition-response-schemas.js'

export type PetitionResponseRequest = Static<typeof PetitionResponseRequestSchema>

/** The action the mail consumer turns into the consenting signers' emails (mail/mail-from-changes.ts). */
export const PETITION_RESPONDED = 'petition.responded'

/** What the `petition.responded` event carries (`after`): enough for the mail consumer, no text. */
export interface PetitionRespondedEvent {
  respondedAt: string
  originalLang: string
  documentId: string | null
  organisationId: string
  /** The petition had no response before: only then are its signers told (a correction tells nobody again). */
  firstResponse: boolean
}

/**
 * Records (or corrects) the official response of the authority a petition addresses, for an organisation:
 * the petition's own, or a WeGov partner; an admin for any (policy `petitions.response.any`). Only an open or
 * closed petition gets one. The text is sanitised like the petition's; the document must be the
 * organisation's upload (it becomes public). `petition.responded` is recorded in the same transaction.
 */
export async function recordPetitionResponse(
  db: Kysely<DB>,
  request: Requester,
  input: { petitionId: string; organisationId: string; body: PetitionResponseRequest },
): Promise<PetitionRespondedEvent> {
  const { body } = input
  const text = sanitiseTranslatedHtml(body.text as TranslatedText)
  const plain = translatedHtmlToText(text)
  if (!plain[body.originalLang]?.trim()) {
    throw new WeGovError('WEGOV_VALIDATION', { errors: [{ field: `text.${body.originalLang}`, message: 'the response is required in its original language' }] })
  }
  const respondedAt = pastInstant(body.respondedAt)
  return inTransaction(db, async (trx) => {
    const petition = await petitionStanding(trx, input.petitionId)
    if (!petition || petition.deleted_at) throw new WeGovError('WEGOV_NOT_FOUND')
    const organisation = (await liveOrganisationsByIds(trx, [input.organisationId])).get(input.organisationId)
    const mayRecord =
      organisation !== undefined &&
      (organisation.id === petition.owner_organisation_id || organisation.is_partner || decide(request.actor, 'petitions.response.any').allowed)
    if (!mayRecord) throw new WeGovError('WEGOV_NOT_A_PARTNER')
    if (!takesPaperAndResponses(petition)) throw new WeGovError('WEGOV_PETITION_NOT_ACTIVE')
    const documentId = body.documentId ?? null
    if (documentId !== null && !(await organisationFile(trx, documentId, input.organisationId))) {
      throw new WeGovError('WEGOV_VALIDATION', { errors: [{ field: 'documentId', code: 'WEGOV_NOT_FOUND', message: 'No upload of this organisation has this id.' }] })
    }
    const before = await trx.selectFrom('petitions').select(['response', 'responded_at']).where('id', '=', input.petitionId).executeTakeFirstOrThrow()
    const actor = actorColumns(request.actor)
    await trx
      .updateTable('petitions')
      .set({
        response: JSON.stringify(text),
        response_original_lang: body.originalLang,
        responded_at: respondedAt,
        response_document_id: documentId,
        response_organisation_id: input.organisationId,
        response_actor_person_id: actor.actor_person_id,
        response_actor_key_id: actor.actor_key_id,
        updated_at: new Date(),
      })
      .where('id', '=', input.petitionId)
      .execute()
    const event: PetitionRespondedEvent = {
      respondedAt: respondedAt.toISOString(),
      originalLang: body.originalLang,
      documentId,
      organisationId: input.organisationId,
      firstResponse: before.response === null,
    }
    await recordChange(trx, request, {
      action: PETITION_RESPONDED,
      subjectType: 'petition',
      subjectId: input.petitionId,
      organisationId: input.organisationId,
      before: before.response === null ? null : { respondedAt: before.responded_at?.toISOString() ?? null },
      after: event,
    })
    return event
  })
}

/** A real instant, not after now (a day's grace for a date given in a time zone east of UTC). */
function pastInstant(value: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
  if (Number.isNaN(date.getTime()) || date.getTime() > Date.now() + 86_400_000 || date.getUTCFullYear() < 2000) {
    throw new WeGovError('WEGOV_INVALID_DATE', { errors: [{ field: 'respondedAt', message: 'a real date, not in the future' }] })
  }
  return date
}

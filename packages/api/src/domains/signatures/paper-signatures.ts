import { randomUUID } from 'node:crypto'
import type { Static } from '@sinclair/typebox'
import type { Kysely, Selectable } from 'kysely'
import type { PaperSignatureBatchTable } from '../../db/petition-tables.js'
import type { DB, Lang } from '../../db/schema.js'
import { inTransaction } from '../../db/transaction.js'
import { WeGovError } from '../../errors.js'
import { actorColumns } from '../accounts/actor.js'
import { type Requester, recordChange } from '../changes/change-log.js'
import { organisationFile } from '../files/organisation-files.js'
import { presentOrganisationRef } from '../organisations/organisation-ref.js'
import { liveOrganisationsByIds, organisationsByIds } from '../organisations/organisation-refs.js'
import { petitionStanding, takesPaperAndResponses } from '../petitions/petition-facts.js'
import { isCountryCode } from '../vocabulary/country-codes.js'
import type { PaperSignaturesRequestSchema } from './paper-signature-schemas.js'

export type PaperSignaturesRequest = Static<typeof PaperSignaturesRequestSchema>
type BatchRow = Selectable<PaperSignatureBatchTable>

/** The most batches one petition's list shows (a petition collects a handful; the total counts them all). */
export const PAPER_LIST_MAX = 1000

/**
 * Paper signatures: a partner organisation declares signatures it collected offline as a count, with the
 * country and day, and optionally a scan of the sheets (its own upload, never published: the sheets carry
 * names). They count apart from the online ones, until a moderator voids the batch. Every add and void is
 * recorded in the change log (subject: the petition), whose NOTIFY makes every instance forget the count.
 */
export async function addPaperBatch(
  db: Kysely<DB>,
  request: Requester,
  input: { petitionId: string; organisationId: string; body: PaperSignaturesRequest },
): Promise<BatchRow> {
  const { body } = input
  if (!isCountryCode(body.country)) {
    throw new WeGovError('WEGOV_INVALID_COUNTRY', { errors: [{ field: 'country', message: 'not an assigned ISO 3166-1 alpha-2 code' }] })
  }
  const collectedOn = pastDay(body.collectedOn)
  return inTransaction(db, async (trx) => {
    const organisation = (await liveOrganisationsByIds(trx, [input.organisationId])).get(input.organisationId)
    if (!organisation?.is_partner) throw new WeGovError('WEGOV_NOT_A_PARTNER')
    const petition = await petitionStanding(trx, input.petitionId)
    if (!petition || petition.deleted_at) throw new WeGovError('WEGOV_NOT_FOUND')
    if (!takesPaperAndResponses(petition)) throw new WeGovError('WEGOV_PETITION_NOT_ACTIVE')
    const scanFileId = body.scanFileId ?? null
    if (scanFileId !== null && !(await organisationFile(trx, scanFileId, input.organisationId))) {
      throw new WeGovError('WEGOV_VALIDATION', { errors: [{ field: 'scanFileId', code: 'WEGOV_NOT_FOUND', message: 'No upload of this organisation has this id.' }] })
    }
    const row = await trx
      .insertInto('paper_signature_batches')
      .values({
        id: randomUUID(),
        petition_id: input.petitionId,
        organisation_id: input.organisationId,
        count: body.count,
        country: body.country,
        collected_on: collectedOn,
        scan_file_id: scanFileId,
        ...actorColumns(request.actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordChange(trx, request, {
      action: 'petition.paper_signatures_added',
      subjectType: 'petition',
      subjectId: input.petitionId,
      organisationId: input.organisationId,
      after: { batchId: row.id, count: row.count, country: row.country, collectedOn, scanFileId },
    })
    return row
  })
}

/**
 * A moderator voids a batch with a reason: it stays listed (with the reason) and stops counting. Voiding
 * a voided batch changes nothing and is not an error. WEGOV_NOT_FOUND for no such batch of this petition.
 */
export async function voidPaperBatch(
  db: Kysely<DB>,
  request: Requester,
  input: { petitionId: string; batchId: string; reason: string },
): Promise<BatchRow> {
  const reason = input.reason.trim()
  if (reason === '') throw new WeGovError('WEGOV_VALIDATION', { errors: [{ field: 'reason', message: 'a reason is required' }] })
  return inTransaction(db, async (trx) => {
    const voided = await trx
      .updateTable('paper_signature_batches')
      .set({ voided_at: new Date(), void_reason: reason, voided_by_person_id: actorColumns(request.actor).actor_person_id })
      .where('id', '=', input.batchId)
      .where('petition_id', '=', input.petitionId)
      .where('voided_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
    if (!voided) {
      const existing = await trx.selectFrom('paper_signature_batches').selectAll().where('id', '=', input.batchId).where('petition_id', '=', input.petitionId).executeTakeFirst()
      if (!existing) throw new WeGovError('WEGOV_NOT_FOUND')
      return existing
    }
    await recordChange(trx, request, {
      action: 'petition.paper_signatures_voided',
      subjectType: 'petition',
      subjectId: input.petitionId,
      organisationId: voided.organisation_id,
      before: { batchId: voided.id, count: voided.count, voided: false },
      after: { batchId: voided.id, count: voided.count, voided: true, reason },
    })
    return voided
  })
}

/** A petition's batches, newest first (at most PAPER_LIST_MAX), and the paper signatures that count. */
export async function listPaperBatches(db: Kysely<DB>, petitionId: string): Promise<{ rows: BatchRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('paper_signature_batches')
      .selectAll()
      .where('petition_id', '=', petitionId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PAPER_LIST_MAX)
      .execute(),
    paperTotal(db, petitionId),
  ])
  return { rows, total }
}

/** The paper signatures of a petition that count (batches not voided). */
export async function paperTotal(db: Kysely<DB>, petitionId: string): Promise<number> {
  const row = await db
    .selectFrom('paper_signature_batches')
    .select((eb) => eb.fn.sum<number | string | null>('count').as('total'))
    .where('petition_id', '=', petitionId)
    .where('voided_at', 'is', null)
    .executeTakeFirst()
  return Number(row?.total ?? 0)
}

/** The public form of a batch: no scan, no person. */
export async function presentPaperBatches(db: Kysely<DB>, rows: readonly BatchRow[], lang: Lang) {
  const organisations = await organisationsByIds(db, new Set(rows.map((row) => row.organisation_id)))
  return rows.map((row) => {
    const organisation = organisations.get(row.organisation_id)
    return {
      id: row.id,
      petitionId: row.petition_id,
      count: row.count,
      country: row.country,
      collectedOn: row.collected_on,
      partner: organisation && !organisation.deleted_at ? presentOrganisationRef(organisation, lang) : null,
      addedAt: row.created_at.toISOString(),
      voided: row.voided_at !== null,
      voidReason: row.void_reason,
      voidedAt: row.voided_at?.toISOString() ?? null,
    }
  })
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar day, not after today (UTC, plus a day's grace for time zones east of it), as YYYY-MM-DD. */
function pastDay(value: string): string {
  const match = DAY.exec(value)
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null
  const real = date !== null && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
  if (!real || date.getTime() > Date.now() + 86_400_000 || date.getUTCFullYear() < 2000) {
    throw new WeGovError('WEGOV_INVALID_DATE', { errors: [{ field: 'collectedOn', message: 'a real day (YYYY-MM-DD), not in the future' }] })
  }
  return value
}

import { type Expression, type Kysely, type RawBuilder, type Selectable, sql } from 'kysely'
import type { PetitionTable } from '../../db/petition-tables.js'
import { rowsByKey } from '../../db/rows-by-key.js'
import { publicStatus } from './petition-lifecycle.js'
import type { DB } from '../../db/schema.js'

export type PetitionTitle = Pick<Selectable<PetitionTable>, 'id' | 'title' | 'original_lang'>

/**
 * What other domains need to know of petitions, as functions and SQL fragments they embed in their own
 * statements (the signing batch stays one statement): the petitions table is read here, never there.
 * Each takes the connection or transaction to run on, since its callers run in jobs and transactions.
 */

/** When a petition ended: closed early, rejected or withdrawn (ended_at), or else its closing date. */
const endedAt = sql<Date>`COALESCE(ended_at, closes_at)`

/**
 * The petitions that take signatures now, among `candidates` (a subquery of petition ids), for a CTE: the
 * open ones between their dates, and citizens' petitions collecting sponsors (whose signing route takes only
 * requests through their private link).
 *
 * @example
 * sql`WITH open AS (${openPetitionsAmong(sql`SELECT petition_id FROM input`)}) ...`
 * // SELECT id FROM petitions WHERE id IN (SELECT petition_id FROM input) AND (status = 'open' AND ... OR ...)
 */
export function openPetitionsAmong(candidates: Expression<unknown> | RawBuilder<unknown>): RawBuilder<{ id: string }> {
  return sql<{ id: string }>`SELECT id FROM petitions
      WHERE id IN (${candidates}) AND deleted_at IS NULL
        AND ((status = 'open' AND opens_at <= now() AND closes_at > now()) OR status = 'collecting_sponsors')`
}

/**
 * The ids of petitions that ended more than `days` ago, as a parenthesised subquery (`petition_id IN ...`).
 *
 * @example
 * .where('petition_id', 'in', petitionsEndedBefore(90)) // ... IN (SELECT id FROM petitions WHERE COALESCE(ended_at, closes_at) < now() - ...)
 */
export function petitionsEndedBefore(days: number): RawBuilder<string> {
  return sql<string>`(SELECT id FROM petitions WHERE ${endedAt} < now() - make_interval(days => ${days}))`
}

/** Petitions open now or ended in the last `days` (their counts may still move). */
export async function recentlyActivePetitionIds(db: Kysely<DB>, days: number): Promise<string[]> {
  const rows = await db
    .selectFrom('petitions')
    .select('id')
    .where('status', 'in', ['open', 'closed', 'rejected', 'withdrawn'])
    .where(sql<boolean>`${endedAt} > now() - make_interval(days => ${days})`)
    .execute()
  return rows.map((row) => row.id)
}

/** The open petitions an organisation owns (webhooks announce their count milestones). */
export async function openPetitionIdsOwnedBy(db: Kysely<DB>, organisationId: string): Promise<string[]> {
  const rows = await db.selectFrom('petitions').select('id').where('owner_organisation_id', '=', organisationId).where('status', '=', 'open').execute()
  return rows.map((row) => row.id)
}

/** The organisation owning each of these petitions (null: WeGov's own). */
export function petitionOwners(db: Kysely<DB>, petitionIds: readonly string[]): Promise<Map<string, string | null>> {
  return rowsByKey(
    petitionIds,
    (wanted) => db.selectFrom('petitions').select(['id', 'owner_organisation_id']).where('id', 'in', wanted).execute(),
    (row) => row.id,
    (row) => row.owner_organisation_id,
  )
}

/** The title and original language of each live (not deleted) petition among these, by id. */
export function petitionTitles(db: Kysely<DB>, petitionIds: readonly string[]): Promise<Map<string, PetitionTitle>> {
  return rowsByKey(
    petitionIds,
    (wanted) => db.selectFrom('petitions').select(['id', 'title', 'original_lang']).where('id', 'in', wanted).where('deleted_at', 'is', null).execute(),
    (row) => row.id,
  )
}

/** What a paper batch or a response needs to know of its petition: its lifecycle and owner. */
export type PetitionStanding = Pick<Selectable<PetitionTable>, 'id' | 'status' | 'opens_at' | 'closes_at' | 'deleted_at' | 'owner_organisation_id'>

/**
 * A petition's lifecycle and owner, read on the caller's transaction and locked against a concurrent
 * change of status (FOR SHARE), or undefined for no such petition.
 */
export async function petitionStanding(db: Kysely<DB>, petitionId: string): Promise<PetitionStanding | undefined> {
  return db
    .selectFrom('petitions')
    .select(['id', 'status', 'opens_at', 'closes_at', 'deleted_at', 'owner_organisation_id'])
    .where('id', '=', petitionId)
    .forShare()
    .executeTakeFirst()
}

/** Whether an upload is the document of a petition's official response: then it is public (files domain). */
export async function isPetitionResponseDocument(db: Kysely<DB>, fileId: string): Promise<boolean> {
  const row = await db
    .selectFrom('petitions')
    .select('id')
    .where('response_document_id', '=', fileId)
    .where('deleted_at', 'is', null)
    .where('response', 'is not', null)
    .executeTakeFirst()
  return row !== undefined
}

export type PetitionResponseFacts = Pick<
  Selectable<PetitionTable>,
  'id' | 'slug' | 'title' | 'original_lang' | 'response' | 'response_original_lang' | 'responded_at' | 'response_document_id'
>

/** The response of each live petition among these that has one, by id: what the response email says. */
export function petitionResponses(db: Kysely<DB>, petitionIds: readonly string[]): Promise<Map<string, PetitionResponseFacts>> {
  return rowsByKey(
    petitionIds,
    (wanted) =>
      db
        .selectFrom('petitions')
        .select(['id', 'slug', 'title', 'original_lang', 'response', 'response_original_lang', 'responded_at', 'response_document_id'])
        .where('id', 'in', wanted)
        .where('deleted_at', 'is', null)
        .where('response', 'is not', null)
        .execute(),
    (row) => row.id,
  )
}

/** Paper signatures and official responses are for petitions the public sees open or closed. */
export function takesPaperAndResponses(petition: Parameters<typeof publicStatus>[0]): boolean {
  const status = publicStatus(petition)
  return status === 'open' || status === 'closed'
}

export type PetitionDecision = Pick<
  Selectable<PetitionTable>,
  'id' | 'slug' | 'title' | 'original_lang' | 'status' | 'rejection_code' | 'rejection_reason' | 'creator_person_id' | 'owner_organisation_id'
>

/** What the mail telling a creator of a moderation decision needs, by petition id. */
export function petitionDecisions(db: Kysely<DB>, petitionIds: readonly string[]): Promise<Map<string, PetitionDecision>> {
  return rowsByKey(
    petitionIds,
    (wanted) =>
      db
        .selectFrom('petitions')
        .select(['id', 'slug', 'title', 'original_lang', 'status', 'rejection_code', 'rejection_reason', 'creator_person_id', 'owner_organisation_id'])
        .where('id', 'in', wanted)
        .where('deleted_at', 'is', null)
        .execute(),
    (row) => row.id,
  )
}

import { type Kysely, sql } from 'kysely'
import { cursorValue, rowsAfter, timestampKey } from '../../content/keyset.js'
import type { PetitionStatus } from '../../db/petition-tables.js'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'
import { decodeCursor, encodeCursor } from '../../http/cursor.js'
import { localize } from '../../i18n/languages.js'
import { searchKey, searchPage } from '../../search/search-page.js'
import { isUuid } from '../../http/schemas.js'
import { fileUrl } from '../files/organisation-files.js'
import { presentOrganisationRef } from '../organisations/organisation-ref.js'
import type { Theme } from '../vocabulary/terms.js'
import { REJECTION_LABELS } from './rejection-codes.js'
import { type PetitionStatusFilter, acceptsSignatures, publicStatus, statusCondition } from './petition-lifecycle.js'

export interface PetitionFilters {
  q?: string | undefined
  status?: PetitionStatusFilter | undefined
  country?: string | undefined
  theme?: string | undefined
  organisation?: string | undefined
}

function selectPetitions(db: Kysely<DB>) {
  return db
    .selectFrom('petitions as p')
    .leftJoin('organisations as o', (join) => join.onRef('o.id', '=', 'p.owner_organisation_id').on('o.deleted_at', 'is', null))
    .select([
      'p.id', 'p.slug', 'p.title', 'p.summary', 'p.body', 'p.targets', 'p.original_lang', 'p.country', 'p.themes',
      'p.signature_goal', 'p.opens_at', 'p.closes_at', 'p.status', 'p.ended_at', 'p.rejection_reason', 'p.rejection_code', 'p.response',
      'p.response_original_lang', 'p.responded_at', 'p.response_document_id', 'p.launcher_name', 'p.created_at', 'p.updated_at', 'p.deleted_at',
      'o.id as org_id', 'o.slug as org_slug', 'o.name as org_name', 'o.original_lang as org_original_lang', 'o.logo_url as org_logo_url',
    ])
}

export type PetitionRow = Awaited<ReturnType<ReturnType<typeof selectPetitions>['executeTakeFirstOrThrow']>>

/**
 * Public petitions, most recently opened first (opens_at, id), or with `q` title matches first, then newest (search/search-page.ts,
 * ties most recently opened first).
 * Drafts, petitions under review and withdrawn or deleted ones never appear.
 */
export async function listPetitions(db: Kysely<DB>, filters: PetitionFilters, page: { limit: number; cursor?: string | undefined }) {
  let query = selectPetitions(db).where('p.deleted_at', 'is', null).where(statusCondition(filters.status))
  if (filters.country) query = query.where('p.country', '=', filters.country)
  if (filters.theme) query = query.where(sql<boolean>`p.themes @> ARRAY[${filters.theme}]::text[]`)
  if (filters.organisation) query = query.where('o.slug', '=', filters.organisation)

  if (filters.q !== undefined) {
    const rows = await searchPage(query, { q: filters.q, alias: 'p', recency: 'opens_at', cursor: page.cursor, limit: page.limit })
    if (!rows) return { items: [] as PetitionRow[], nextCursor: null }
    return cut(rows, page.limit, searchKey)
  }

  let listed = query.select(timestampKey(sql.ref('p.opens_at')).as('opens_key'))
  if (page.cursor) {
    const [lastOpens, lastId] = decodeCursor(page.cursor, ['string', 'string'] as const)
    listed = listed.where(
      rowsAfter([sql.ref('p.opens_at'), sql.ref('p.id')], [cursorValue.timestamp(lastOpens), cursorValue.uuid(lastId)]),
    )
  }
  const rows = await listed.orderBy('p.opens_at', 'desc').orderBy('p.id', 'desc').limit(page.limit + 1).execute()
  return cut(rows, page.limit, (row) => [row.opens_key, row.id])
}

function cut<R extends PetitionRow>(rows: R[], limit: number, keyOf: (row: R) => (string | number)[]) {
  const items: PetitionRow[] = rows.slice(0, limit)
  const last = rows[limit - 1]
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null }
}

export async function findPetition(db: Kysely<DB>, idOrSlug: string): Promise<PetitionRow | undefined> {
  return selectPetitions(db).where(isUuid(idOrSlug) ? 'p.id' : 'p.slug', '=', idOrSlug).executeTakeFirst()
}

/** The content of a petition in one language: everything but what time and signers change. `publicUrl` makes file links. */
export function presentPetitionContent(row: PetitionRow, lang: Lang, publicUrl: string) {
  const text = (texts: TranslatedText) => localize(texts, lang, row.original_lang)
  return {
    id: row.id,
    slug: row.slug,
    title: text(row.title)!,
    summary: text(row.summary),
    text: text(row.body),
    originalLang: row.original_lang,
    targets: row.targets.map((target) => text(target)).filter((target) => target !== null),
    country: row.country,
    themes: row.themes as Theme[],
    goal: row.signature_goal,
    opensAt: row.opens_at.toISOString(),
    closesAt: row.closes_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    launcher: {
      organisation:
        row.org_id && row.org_slug && row.org_name && row.org_original_lang
          ? presentOrganisationRef(
              { id: row.org_id, slug: row.org_slug, name: row.org_name, original_lang: row.org_original_lang, logo_url: row.org_logo_url },
              lang,
            )
          : null,
      name: row.launcher_name,
    },
    response:
      row.response && row.responded_at
        ? {
            text: localize(row.response, lang, row.response_original_lang ?? row.original_lang)!,
            respondedAt: row.responded_at.toISOString(),
            document: row.response_document_id ? { id: row.response_document_id, url: fileUrl(publicUrl, row.response_document_id) } : null,
          }
        : null,
    rejectionCode: row.status === 'rejected' ? row.rejection_code : null,
    // The moderator's note, else the coded reason's label in the reader's language.
    rejectionReason:
      row.status !== 'rejected'
        ? null
        : row.rejection_reason
          ? text(row.rejection_reason)
          : row.rejection_code
            ? localize(REJECTION_LABELS[row.rejection_code], lang, lang)
            : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

export type PetitionContent = ReturnType<typeof presentPetitionContent>

/** What time changes about a petition: enough to work out its status at any instant. */
export interface PetitionTiming {
  status: PetitionStatus
  opens_at: Date
  closes_at: Date
  deleted_at: Date | null
}

/**
 * The petition as served: cached content, the status at this instant, and the live counts (online
 * signatures, and apart from them the paper ones).
 */
export function presentPetition(
  petition: { content: PetitionContent; timing: PetitionTiming },
  counts: { total: number; paper: { total: number } },
  responseThreshold: number,
  now = Date.now(),
) {
  const status = publicStatus(petition.timing, now) ?? 'closed'
  return {
    ...petition.content,
    status,
    acceptingSignatures: acceptsSignatures(petition.timing, now),
    signatureCount: counts.total,
    paperCount: counts.paper.total,
    // Online and paper signatures together reach the node's threshold (WEGOV_RESPONSE_THRESHOLD): the
    // authority is expected to answer, and the petition says so until a response is recorded.
    awaitingResponse: (status === 'open' || status === 'closed') && petition.content.response === null && counts.total + counts.paper.total >= responseThreshold,
  }
}

import { type Kysely, sql } from 'kysely'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'
import { cursorValue, rowsAfter, timestampKey } from '../../content/keyset.js'
import { decodeCursor, encodeCursor } from '../../http/cursor.js'
import { localize } from '../../i18n/languages.js'
import { searchKey, searchPage } from '../../search/search-page.js'
import { isUuid } from '../../http/schemas.js'
import { presentOrganisationRef } from '../organisations/organisation-ref.js'
import { PARTICIPATION_ROLES } from '../vocabulary/terms.js'

export interface ProjectFilters {
  q?: string | undefined
  country?: string | undefined
  theme?: string | undefined
  status?: string | undefined
  /** Slug of an organisation that owns the project or takes part in it. */
  organisation?: string | undefined
  /** Slug of the organisation that owns the project. */
  owner?: string | undefined
  /** The drafts of this organisation (id) instead of the published projects: for its editors only. */
  draftsOf?: string | undefined
}

/** A project row with its owner's reference fields, as both queries below select it. */
export function selectProjects(db: Kysely<DB>) {
  return db
    .selectFrom('projects as p')
    .innerJoin('organisations as owner', 'owner.id', 'p.owner_organisation_id')
    .select([
      'p.id', 'p.slug', 'p.title', 'p.summary', 'p.description', 'p.original_lang', 'p.status',
      'p.planned_start', 'p.planned_end', 'p.actual_start', 'p.actual_end', 'p.countries', 'p.themes',
      'p.budget_amount', 'p.budget_currency', 'p.website', 'p.contact_name', 'p.contact_url',
      'p.created_at', 'p.updated_at', 'p.deleted_at', 'p.state',
      'owner.id as owner_id', 'owner.slug as owner_slug', 'owner.name as owner_name',
      'owner.original_lang as owner_original_lang', 'owner.logo_url as owner_logo_url',
    ])
}

export type ProjectRow = Awaited<ReturnType<ReturnType<typeof selectProjects>['executeTakeFirstOrThrow']>>

/**
 * Live projects, newest first (created_at, id), or, when searching, title matches first then newest (search/search-page.ts).
 * The cursor is the sort key of the last item: [createdAt to the microsecond, id], or [tier, createdAt, id].
 */
export async function listProjects(
  db: Kysely<DB>,
  filters: ProjectFilters,
  page: { limit: number; cursor?: string | undefined },
) {
  let query = selectProjects(db).where('p.deleted_at', 'is', null)
  // A draft is never in a public list; its organisation lists its drafts on their own.
  query = filters.draftsOf ? query.where('p.state', '=', 'draft').where('p.owner_organisation_id', '=', filters.draftsOf) : query.where('p.state', '=', 'published')
  if (filters.country) query = query.where(sql<boolean>`p.countries @> ARRAY[${filters.country}]::text[]`)
  if (filters.theme) query = query.where(sql<boolean>`p.themes @> ARRAY[${filters.theme}]::text[]`)
  if (filters.status) query = query.where('p.status', '=', filters.status)
  if (filters.owner) query = query.where('owner.slug', '=', filters.owner).where('owner.deleted_at', 'is', null)
  if (filters.organisation) {
    const slug = filters.organisation
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('organisations as f')
          .select(sql`1`.as('one'))
          .where('f.slug', '=', slug)
          .where('f.deleted_at', 'is', null)
          .where((inner) =>
            inner.or([
              inner('f.id', '=', inner.ref('p.owner_organisation_id')),
              inner.exists(
                inner
                  .selectFrom('project_organisations as fpo')
                  .select(sql`1`.as('one'))
                  .whereRef('fpo.project_id', '=', 'p.id')
                  .whereRef('fpo.organisation_id', '=', 'f.id'),
              ),
            ]),
          ),
      ),
    )
  }

  if (filters.q !== undefined) {
    const rows = await searchPage(query, { q: filters.q, alias: 'p', recency: 'created_at', cursor: page.cursor, limit: page.limit })
    if (!rows) return { items: [], nextCursor: null }
    return withParticipants(db, rows, page.limit, searchKey)
  }

  const createdKey = timestampKey(sql.ref('p.created_at'))
  let listed = query.select(createdKey.as('created_key'))
  if (page.cursor) {
    const [lastCreated, lastId] = decodeCursor(page.cursor, ['string', 'string'] as const)
    listed = listed.where(
      rowsAfter([sql.ref('p.created_at'), sql.ref('p.id')], [cursorValue.timestamp(lastCreated), cursorValue.uuid(lastId)]),
    )
  }
  const rows = await listed.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(page.limit + 1).execute()
  return withParticipants(db, rows, page.limit, (row) => [row.created_key, row.id])
}

/** Cuts the page, computes the next cursor, and loads every project's participants in one query. */
async function withParticipants<R extends ProjectRow>(
  db: Kysely<DB>,
  rows: R[],
  limit: number,
  keyOf: (row: R) => (string | number)[],
) {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  const participants = await loadParticipants(db, items.map((row) => row.id))
  return {
    items: items.map((row) => ({ row, participants: participants.get(row.id) ?? [] })),
    nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
  }
}

/** A project by id or slug, deleted ones included (410); drafts only when asked (their editors' reads). */
export async function findProject(db: Kysely<DB>, idOrSlug: string, options: { drafts?: boolean } = {}) {
  let query = selectProjects(db).where(isUuid(idOrSlug) ? 'p.id' : 'p.slug', '=', idOrSlug)
  if (!options.drafts) query = query.where('p.state', '=', 'published')
  const row = await query.executeTakeFirst()
  if (!row) return undefined
  const participants = await loadParticipants(db, [row.id])
  return { row, participants: participants.get(row.id) ?? [] }
}

/** Projects by id that are public now (published, not deleted), with their participants; the others are absent. */
export async function findPublicProjects(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return []
  const rows = await selectProjects(db)
    .where('p.id', 'in', ids)
    .where('p.state', '=', 'published')
    .where('p.deleted_at', 'is', null)
    .execute()
  const participants = await loadParticipants(db, rows.map((row) => row.id))
  return rows.map((row) => ({ row, participants: participants.get(row.id) ?? [] }))
}

export interface ParticipantRow {
  role: string
  id: string
  slug: string
  name: TranslatedText
  original_lang: Lang
  logo_url: string | null
}

const ROLE_ORDER = new Map<string, number>(PARTICIPATION_ROLES.codes.map((code, index) => [code, index]))

/** Participants of several projects at once (never one query per project), in IATI role order. */
export async function loadParticipants(db: Kysely<DB>, projectIds: string[]): Promise<Map<string, ParticipantRow[]>> {
  const byProject = new Map<string, ParticipantRow[]>()
  if (projectIds.length === 0) return byProject
  const rows = await db
    .selectFrom('project_organisations as po')
    .innerJoin('organisations as o', 'o.id', 'po.organisation_id')
    .select(['po.project_id', 'po.role', 'o.id', 'o.slug', 'o.name', 'o.original_lang', 'o.logo_url'])
    .where('po.project_id', 'in', projectIds)
    .where('o.deleted_at', 'is', null)
    .execute()
  rows.sort((a, b) => (ROLE_ORDER.get(a.role) ?? 99) - (ROLE_ORDER.get(b.role) ?? 99) || a.slug.localeCompare(b.slug))
  for (const { project_id, ...participant } of rows) {
    const list = byProject.get(project_id) ?? []
    list.push(participant)
    byProject.set(project_id, list)
  }
  return byProject
}

export function presentProject({ row, participants }: { row: ProjectRow; participants: ParticipantRow[] }, lang: Lang) {
  const text = (texts: TranslatedText) => localize(texts, lang, row.original_lang)
  return {
    id: row.id,
    slug: row.slug,
    title: text(row.title)!,
    summary: text(row.summary),
    description: text(row.description),
    originalLang: row.original_lang,
    status: row.status,
    dates: {
      plannedStart: row.planned_start,
      plannedEnd: row.planned_end,
      actualStart: row.actual_start,
      actualEnd: row.actual_end,
    },
    countries: row.countries,
    themes: row.themes,
    participants: participants.map((p) => ({ organisation: presentOrganisationRef(p, lang), role: p.role })),
    owner: presentOrganisationRef(
      { id: row.owner_id, slug: row.owner_slug, name: row.owner_name, original_lang: row.owner_original_lang, logo_url: row.owner_logo_url },
      lang,
    ),
    budget: row.budget_amount !== null && row.budget_currency ? { amount: row.budget_amount, currency: row.budget_currency } : null,
    website: row.website,
    contact: row.contact_name ? { name: row.contact_name, url: row.contact_url } : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

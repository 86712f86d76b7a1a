import { type Kysely, sql } from 'kysely'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'

/** Which records a harvest asks for: datestamps in [from, until) and a set. */
export interface HarvestFilters {
  from?: Date | undefined
  /** Exclusive. */
  until?: Date | undefined
  collection?: string | undefined
  country?: string | undefined
  /** Any country at all (the `country` parent set). */
  anyCountry?: boolean | undefined
}

/** The keyset position after a record: its exact datestamp (microseconds, ISO) and id. */
export type HarvestPosition = [string, string]

export interface HarvestedResource {
  id: string
  deleted: boolean
  /** The last change, deletion included, to the microsecond (ISO, UTC). */
  changedAt: string
  collection: string
  kind: string
  countries: string[]
  themes: string[]
  languages: string[]
  title: TranslatedText
  summary: TranslatedText
  originalLang: Lang
  url: string | null
  fileUrl: string | null
  fileType: string | null
  publishedOn: string | null
  licence: string | null
  /** The publishing organisation, whose name the organisations service gives. */
  publisherId: string | null
}

/** A microsecond UTC instant as text, so that a keyset position survives a round trip through a token exactly. */
const EXACT = sql<string>`to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

/**
 * The resources a harvester (OAI-PMH) sees: every one that was ever public. One that is no longer public
 * (deleted, its tombstone kept in deleted_at) is listed as deleted, dated by its deletion (which sets
 * updated_at), so that harvesters forget it; a draft never published is not listed at all.
 */
function harvestable(db: Kysely<DB>, filters: HarvestFilters) {
  let query = db
    .selectFrom('resources as r')
    .where((w) => w.or([w('r.state', '=', 'published'), w('r.first_published_at', 'is not', null)]))
  if (filters.from) query = query.where('r.updated_at', '>=', filters.from)
  if (filters.until) query = query.where('r.updated_at', '<', filters.until)
  if (filters.collection) query = query.where('r.collection', '=', filters.collection)
  if (filters.country) query = query.where(sql<boolean>`r.countries @> ARRAY[${filters.country}]::text[]`)
  if (filters.anyCountry) query = query.where(sql<boolean>`cardinality(r.countries) > 0`)
  return query
}

/** The harvestable resources with what a record shows of them. */
function selectHarvested(db: Kysely<DB>, filters: HarvestFilters) {
  return harvestable(db, filters)
    .select([
      'r.id', 'r.collection', 'r.kind', 'r.countries', 'r.themes', 'r.languages', 'r.title', 'r.summary', 'r.original_lang',
      'r.url', 'r.file_url', 'r.file_type', 'r.published_on', 'r.licence', 'r.publisher_organisation_id',
      EXACT.as('changed_at'),
      sql<boolean>`(r.deleted_at IS NOT NULL OR r.state <> 'published')`.as('deleted'),
    ])
}

type HarvestRow = Awaited<ReturnType<ReturnType<typeof selectHarvested>['executeTakeFirstOrThrow']>>

function toHarvested(row: HarvestRow): HarvestedResource {
  return {
    id: row.id,
    deleted: row.deleted,
    changedAt: row.changed_at,
    collection: row.collection,
    kind: row.kind,
    countries: row.countries,
    themes: row.themes,
    languages: row.languages,
    title: row.title,
    summary: row.summary,
    originalLang: row.original_lang,
    url: row.url,
    fileUrl: row.file_url,
    fileType: row.file_type,
    publishedOn: row.published_on,
    licence: row.licence,
    publisherId: row.publisher_organisation_id,
  }
}

/**
 * One page of harvested resources, oldest change first (then by id), after the position `after`.
 *
 * @example
 * // SELECT … FROM resources r … WHERE (r.updated_at, r.id) > ($1::timestamptz, $2::uuid) ORDER BY r.updated_at, r.id LIMIT 101
 * harvestResources(db, {}, { limit: 100, after: ['2026-01-01T00:00:00.000000Z', id] })
 */
export async function harvestResources(db: Kysely<DB>, filters: HarvestFilters, page: { limit: number; after?: HarvestPosition | undefined }) {
  let query = selectHarvested(db, filters)
  if (page.after) {
    const [at, id] = page.after
    query = query.where(sql<boolean>`(r.updated_at, r.id) > (${at}::timestamptz, ${id}::uuid)`)
  }
  const rows = await query.orderBy('r.updated_at').orderBy('r.id').limit(page.limit + 1).execute()
  return { items: rows.slice(0, page.limit).map(toHarvested), more: rows.length > page.limit }
}

/** How many resources a harvest lists in all (a resumption token's completeListSize). */
export async function countHarvestable(db: Kysely<DB>, filters: HarvestFilters): Promise<number> {
  const row = await harvestable(db, filters).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** One harvestable resource by id (deleted ones too), or undefined. */
export async function harvestedResource(db: Kysely<DB>, id: string): Promise<HarvestedResource | undefined> {
  const row = await selectHarvested(db, {}).where('r.id', '=', id).executeTakeFirst()
  return row && toHarvested(row)
}

/** The oldest datestamp a harvest can return (null: nothing yet), and the countries resources are about. */
export async function harvestOverview(db: Kysely<DB>): Promise<{ earliest: Date | null; countries: string[] }> {
  const [earliest, countries] = await Promise.all([
    harvestable(db, {}).select(sql<Date | null>`min(r.updated_at)`.as('at')).executeTakeFirstOrThrow(),
    harvestable(db, {}).select(sql<string>`unnest(r.countries)`.as('country')).distinct().orderBy('country').execute(),
  ])
  return { earliest: earliest.at ? new Date(earliest.at) : null, countries: countries.map((row) => row.country) }
}

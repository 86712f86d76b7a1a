import { type Kysely, type RawBuilder, sql } from 'kysely'
import { cursorValue, rowsAfter } from '../../content/keyset.js'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { decodeCursor, encodeCursor } from '../../http/cursor.js'
import { localize } from '../../i18n/languages.js'
import { searchKey, searchPage } from '../../search/search-page.js'
import { isUuid } from '../../http/schemas.js'
import { presentOrganisationRef } from '../organisations/organisation-ref.js'

export interface ResourceFilters {
  q?: string | undefined
  collection?: string | undefined
  kind?: string | undefined
  /** A language the resource itself is in. */
  language?: string | undefined
  country?: string | undefined
  theme?: string | undefined
  /** Slug of the publisher or the owner. */
  organisation?: string | undefined
  /** Slug of the owner. */
  owner?: string | undefined
  /** Id or slug of a public project: the resources attached to it. */
  project?: string | undefined
  /** true: webinars that have not started; false: everything else. */
  upcoming?: boolean | undefined
  /** The drafts of this organisation (id) instead of the published resources: for its editors only. */
  draftsOf?: string | undefined
}

const LIST_COLUMNS = [
  'r.id', 'r.slug', 'r.collection', 'r.kind', 'r.title', 'r.summary', 'r.original_lang', 'r.languages',
  'r.url', 'r.file_url', 'r.file_type', 'r.file_size', 'r.countries', 'r.themes', 'r.published_on',
  'r.licence', 'r.starts_at', 'r.ends_at', 'r.join_url', 'r.recording_url', 'r.cancelled_at', 'r.duration_seconds',
  'r.created_at', 'r.updated_at', 'r.deleted_at', 'r.state',
  'owner.id as owner_id', 'owner.slug as owner_slug', 'owner.name as owner_name',
  'owner.original_lang as owner_original_lang', 'owner.logo_url as owner_logo_url',
  'publisher.id as publisher_id', 'publisher.slug as publisher_slug', 'publisher.name as publisher_name',
  'publisher.original_lang as publisher_original_lang', 'publisher.logo_url as publisher_logo_url',
] as const

/** Resources with their owner and publisher references; the body (the heavy part) only when asked. */
export function selectResources(db: Kysely<DB>) {
  return db
    .selectFrom('resources as r')
    .innerJoin('organisations as owner', 'owner.id', 'r.owner_organisation_id')
    .leftJoin('organisations as publisher', 'publisher.id', 'r.publisher_organisation_id')
    .select(LIST_COLUMNS)
}

type ListRow = Awaited<ReturnType<ReturnType<typeof selectResources>['executeTakeFirstOrThrow']>>
export type ResourceRow = ListRow & { body?: TranslatedText }

/** A webinar that has not started at `now`. */
function isUpcoming(now: RawBuilder<string>) {
  return sql<boolean>`(r.kind = 'webinar' AND r.starts_at > ${now})`
}

/**
 * Live resources: upcoming webinars first (soonest first), then everything else by publication date,
 * newest first (a past webinar without one by its date), ties by id. With q, title matches first, then newest (search/search-page.ts).
 *
 * "Upcoming" is judged against the instant of the first page, carried in the cursor, so a webinar that
 * starts while someone pages through the list is neither skipped nor shown twice.
 * Cursors: [that instant, upcoming 1/0, date key, id], or [tier, createdAt, id] when searching (search/search-page.ts).
 */
export async function listResources(
  db: Kysely<DB>,
  filters: ResourceFilters,
  page: { limit: number; cursor?: string | undefined; withBody?: boolean },
) {
  let query = selectResources(db).where('r.deleted_at', 'is', null)
  // A draft is never in a public list or feed; its organisation lists its drafts on their own.
  query = filters.draftsOf ? query.where('r.state', '=', 'draft').where('r.owner_organisation_id', '=', filters.draftsOf) : query.where('r.state', '=', 'published')
  if (page.withBody) query = query.select('r.body') as typeof query
  if (filters.collection) query = query.where('r.collection', '=', filters.collection)
  if (filters.kind) query = query.where('r.kind', '=', filters.kind)
  if (filters.language) query = query.where(sql<boolean>`r.languages @> ARRAY[${filters.language}]::text[]`)
  if (filters.country) query = query.where(sql<boolean>`r.countries @> ARRAY[${filters.country}]::text[]`)
  if (filters.theme) query = query.where(sql<boolean>`r.themes @> ARRAY[${filters.theme}]::text[]`)
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
            inner.or([inner('f.id', '=', inner.ref('r.owner_organisation_id')), inner('f.id', '=', inner.ref('r.publisher_organisation_id'))]),
          ),
      ),
    )
  }
  if (filters.project) {
    const key = filters.project
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('resource_projects as rp')
          .innerJoin('projects as fp', 'fp.id', 'rp.project_id')
          .select(sql`1`.as('one'))
          .whereRef('rp.resource_id', '=', 'r.id')
          .where(isUuid(key) ? 'fp.id' : 'fp.slug', '=', key)
          .where('fp.state', '=', 'published')
          .where('fp.deleted_at', 'is', null),
      ),
    )
  }

  if (filters.q !== undefined) {
    if (filters.upcoming !== undefined) {
      const upcoming = isUpcoming(sql`now()`)
      query = query.where(filters.upcoming ? upcoming : sql<boolean>`NOT ${upcoming}`)
    }
    const rows = await searchPage(query, { q: filters.q, alias: 'r', recency: 'created_at', cursor: page.cursor, limit: page.limit })
    if (!rows) return { items: [] as ResourceRow[], nextCursor: null }
    return cut(rows, page.limit, searchKey)
  }

  let reference = new Date().toISOString()
  let after: ((keys: RawBuilder<unknown>[]) => RawBuilder<boolean>) | undefined
  if (page.cursor) {
    const [instant, lastUpcoming, lastDate, lastId] = decodeCursor(page.cursor, ['string', 'number', 'string', 'string'] as const)
    cursorValue.timestamp(instant)
    if (lastUpcoming !== 0 && lastUpcoming !== 1) throw new WeGovError('WEGOV_BAD_CURSOR')
    reference = instant
    const values = [cursorValue.integer(lastUpcoming), cursorValue.numeric(lastDate), cursorValue.uuid(lastId)]
    after = (keys) => rowsAfter(keys, values)
  }
  const now = sql<string>`${reference}::timestamptz`
  const upcoming = isUpcoming(now)
  const upcomingKey = sql<number>`(CASE WHEN ${upcoming} THEN 1 ELSE 0 END)`
  // Descending like every other key: upcoming webinars by minus their start (soonest first), the rest by date.
  const dateKey = sql<string>`(CASE WHEN ${upcoming} THEN -extract(epoch FROM r.starts_at)
    ELSE extract(epoch FROM coalesce(r.published_on, (r.starts_at AT TIME ZONE 'UTC')::date, DATE '0001-01-01')::timestamp) END)`
  if (filters.upcoming !== undefined) query = query.where(filters.upcoming ? upcoming : sql<boolean>`NOT ${upcoming}`)
  let listed = query.select([upcomingKey.as('upcoming_key'), sql<string>`${dateKey}::text`.as('date_key')])
  if (after) listed = listed.where(after([upcomingKey, dateKey, sql.ref('r.id')]))
  const rows = await listed
    .orderBy(upcomingKey, 'desc')
    .orderBy(dateKey, 'desc')
    .orderBy('r.id', 'desc')
    .limit(page.limit + 1)
    .execute()
  return cut(rows, page.limit, (row) => [reference, Number(row.upcoming_key), row.date_key, row.id])
}

function cut<R extends ListRow>(rows: R[], limit: number, keyOf: (row: R) => (string | number)[]) {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items: items as ResourceRow[], nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null }
}

/** A resource by id or slug, deleted ones included (410); drafts only when asked (their editors' reads). */
export async function findResource(db: Kysely<DB>, idOrSlug: string, options: { drafts?: boolean } = {}): Promise<ResourceRow | undefined> {
  let query = selectResources(db).select('r.body').where(isUuid(idOrSlug) ? 'r.id' : 'r.slug', '=', idOrSlug)
  if (!options.drafts) query = query.where('r.state', '=', 'published')
  return query.executeTakeFirst()
}

/** Resources by id, with their bodies, that are public now (published, not deleted); the others are absent. */
export async function findPublicResources(db: Kysely<DB>, ids: string[]): Promise<ResourceRow[]> {
  if (ids.length === 0) return []
  return selectResources(db)
    .select('r.body')
    .where('r.id', 'in', ids)
    .where('r.state', '=', 'published')
    .where('r.deleted_at', 'is', null)
    .execute()
}

export function presentResource(row: ResourceRow, lang: Lang, now = Date.now()) {
  const text = (texts: TranslatedText) => localize(texts, lang, row.original_lang)
  const ref = (prefix: 'owner' | 'publisher') =>
    row[`${prefix}_id`] && row[`${prefix}_slug`] && row[`${prefix}_name`] && row[`${prefix}_original_lang`]
      ? presentOrganisationRef(
          {
            id: row[`${prefix}_id`]!,
            slug: row[`${prefix}_slug`]!,
            name: row[`${prefix}_name`]!,
            original_lang: row[`${prefix}_original_lang`]!,
            logo_url: row[`${prefix}_logo_url`] ?? null,
          },
          lang,
        )
      : null
  return {
    id: row.id,
    slug: row.slug,
    collection: row.collection,
    kind: row.kind,
    title: text(row.title)!,
    summary: text(row.summary),
    ...(row.body !== undefined ? { body: text(row.body) } : {}),
    originalLang: row.original_lang,
    languages: row.languages,
    url: row.url,
    file: row.file_url ? { url: row.file_url, type: row.file_type ?? 'application/octet-stream', size: row.file_size ?? 0 } : null,
    countries: row.countries,
    themes: row.themes,
    publisher: ref('publisher'),
    owner: ref('owner')!,
    publishedOn: row.published_on,
    licence: row.licence,
    webinar:
      row.kind === 'webinar' && row.starts_at
        ? {
            startsAt: row.starts_at.toISOString(),
            endsAt: row.ends_at ? row.ends_at.toISOString() : null,
            joinUrl: row.join_url,
            recordingUrl: row.recording_url,
            cancelledAt: row.cancelled_at ? row.cancelled_at.toISOString() : null,
            upcoming: row.starts_at.getTime() > now,
          }
        : null,
    durationSeconds: row.duration_seconds,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

export type PresentedResource = ReturnType<typeof presentResource>

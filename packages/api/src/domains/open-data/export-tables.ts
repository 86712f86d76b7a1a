import type { Kysely } from 'kysely'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'
import { LANGS } from '../../i18n/languages.js'
import { organisationExportPage, ownerFacts, type OwnerFacts } from '../organisations/organisation-exports.js'
import { petitionExportPage } from '../petitions/petition-exports.js'
import { publicStatus } from '../petitions/petition-lifecycle.js'
import { projectExportPage } from '../projects/project-exports.js'
import { resourceExportPage } from '../resources/resource-exports.js'
import { exportCounts } from '../signatures/signature-exports.js'
import { DEFAULT_LICENCE } from '../vocabulary/terms.js'

/**
 * The four public collections of the bulk exports, each as a table: its columns (name, Frictionless type,
 * description) and its rows, read a keyset page at a time from the owning domains' export modules. A
 * translated field becomes one column per language (title_ar, title_fr, title_en); a list stays a list
 * here and is joined by the CSV writer. Every row carries its licence: its owning organisation's.
 */

export const EXPORT_COLLECTIONS = ['organisations', 'projects', 'resources', 'petitions'] as const
export type ExportCollection = (typeof EXPORT_COLLECTIONS)[number]

/** Frictionless Table Schema types; `list` is an array in JSON Lines and a `;`-joined string in CSV. */
export type ColumnType = 'string' | 'integer' | 'boolean' | 'date' | 'datetime' | 'list'

export interface Column {
  name: string
  type: ColumnType
  description: string
}

export type Cell = string | number | boolean | null | string[]

/** Rows read per query: enough to keep round trips few, small enough to keep memory flat. */
const PAGE_SIZE = 500

export interface ExportTable {
  title: string
  description: string
  columns: Column[]
  /** The rows in column order, a page (of at most pageSize rows) at a time. */
  pages(db: Kysely<DB>, pageSize?: number): AsyncGenerator<Cell[][]>
}

const column = (name: string, type: ColumnType, description: string): Column => ({ name, type, description })
const translatedColumns = (field: string, what: string): Column[] =>
  LANGS.map((lang) => column(`${field}_${lang}`, 'string', `${what} in ${LANG_NAMES[lang]}; empty when not translated.`))
const LANG_NAMES: Record<Lang, string> = { ar: 'Arabic', fr: 'French', en: 'English' }
const texts = (value: TranslatedText | null | undefined): Cell[] => LANGS.map((lang) => value?.[lang] ?? null)
const instant = (value: Date | null): string | null => (value ? value.toISOString() : null)
const day = (value: string | Date | null): string | null => (value instanceof Date ? value.toISOString().slice(0, 10) : value)

/** Pages of rows from a keyset query by id, until one comes back short. */
async function* keyset<Row extends { id: string }>(fetch: (after: string | null, limit: number) => Promise<Row[]>, pageSize: number): AsyncGenerator<Row[]> {
  let after: string | null = null
  for (;;) {
    const rows = await fetch(after, pageSize)
    if (rows.length > 0) yield rows
    if (rows.length < pageSize) return
    after = rows.at(-1)!.id
  }
}

const licenceOf = (owners: Map<string, OwnerFacts>, id: string | null) => (id ? owners.get(id)?.licence : undefined) ?? DEFAULT_LICENCE
const slugOf = (owners: Map<string, OwnerFacts>, id: string | null) => (id ? owners.get(id)?.slug : undefined) ?? null

const common = [column('id', 'string', 'A stable UUID.'), column('slug', 'string', 'The stable name in WeGov addresses.')]
const licenceColumn = column('licence', 'string', 'The SPDX id of the licence of this row: its organisation’s (CC-BY-4.0 unless it chose another).')
const timestamps = [column('created_at', 'datetime', 'When it was first recorded (UTC).'), column('updated_at', 'datetime', 'When it last changed (UTC).')]

export const EXPORT_TABLES: Record<ExportCollection, ExportTable> = {
  organisations: {
    title: 'Organisations',
    description: 'The organisations that publish on WeGov: public profiles only.',
    columns: [
      ...common,
      ...translatedColumns('name', 'The name'),
      ...translatedColumns('description', 'The description'),
      column('original_lang', 'string', 'The language it was written in (ar, fr or en).'),
      column('kind', 'string', 'The kind of organisation (GET /v1/vocabularies, organisationKinds).'),
      column('country', 'string', 'ISO 3166-1 alpha-2 code.'),
      column('website', 'string', 'Its web site.'),
      column('logo_url', 'string', 'Its logo.'),
      column('is_partner', 'boolean', 'A partner of the WeGov project.'),
      licenceColumn,
      ...timestamps,
    ],
    async *pages(db, pageSize = PAGE_SIZE) {
      for await (const rows of keyset((after, limit) => organisationExportPage(db, after, limit), pageSize)) {
        yield rows.map((r) => [
          r.id, r.slug, ...texts(r.name), ...texts(r.description), r.original_lang, r.kind, r.country, r.website, r.logo_url, r.is_partner,
          r.licence, instant(r.created_at), instant(r.updated_at),
        ])
      }
    },
  },
  projects: {
    title: 'Projects',
    description: 'Published good-governance projects.',
    columns: [
      ...common,
      column('organisation', 'string', 'The slug of the organisation that publishes it.'),
      ...translatedColumns('title', 'The title'),
      ...translatedColumns('summary', 'The summary'),
      ...translatedColumns('description', 'The description (sanitised HTML)'),
      column('original_lang', 'string', 'The language it was written in (ar, fr or en).'),
      column('status', 'string', 'IATI activity status (GET /v1/vocabularies, projectStatuses).'),
      column('planned_start', 'date', 'Planned start.'),
      column('planned_end', 'date', 'Planned end.'),
      column('actual_start', 'date', 'Actual start.'),
      column('actual_end', 'date', 'Actual end.'),
      column('countries', 'list', 'ISO 3166-1 alpha-2 codes.'),
      column('themes', 'list', 'Theme codes (GET /v1/vocabularies, themes).'),
      column('budget_amount', 'integer', 'The budget, in budget_currency.'),
      column('budget_currency', 'string', 'ISO 4217 code.'),
      column('website', 'string', 'The project’s web site.'),
      column('contact_name', 'string', 'Whom to contact (a role or service, as published).'),
      column('contact_url', 'string', 'Where to contact them.'),
      licenceColumn,
      ...timestamps,
    ],
    async *pages(db, pageSize = PAGE_SIZE) {
      for await (const rows of keyset((after, limit) => projectExportPage(db, after, limit), pageSize)) {
        const owners = await ownerFacts(db, rows.map((r) => r.owner_organisation_id))
        yield rows.map((r) => [
          r.id, r.slug, slugOf(owners, r.owner_organisation_id), ...texts(r.title), ...texts(r.summary), ...texts(r.description), r.original_lang,
          r.status, day(r.planned_start), day(r.planned_end), day(r.actual_start), day(r.actual_end), r.countries, r.themes,
          r.budget_amount === null ? null : Number(r.budget_amount), r.budget_currency, r.website, r.contact_name, r.contact_url,
          licenceOf(owners, r.owner_organisation_id), instant(r.created_at), instant(r.updated_at),
        ])
      }
    },
  },
  resources: {
    title: 'Resources',
    description: 'Published learning resources, documents and webinars.',
    columns: [
      ...common,
      column('organisation', 'string', 'The slug of the organisation that publishes it on WeGov.'),
      column('publisher', 'string', 'The slug of the organisation that published the work, when it is another.'),
      column('collection', 'string', 'Its collection (GET /v1/vocabularies, collections).'),
      column('kind', 'string', 'Its kind (GET /v1/vocabularies, resourceKinds).'),
      ...translatedColumns('title', 'The title'),
      ...translatedColumns('summary', 'The summary'),
      column('original_lang', 'string', 'The language it was written in (ar, fr or en).'),
      column('languages', 'list', 'The languages the work itself is available in.'),
      column('url', 'string', 'Where the work is, when elsewhere.'),
      column('file_url', 'string', 'Its document.'),
      column('file_type', 'string', 'The media type of its document.'),
      column('file_size', 'integer', 'The size of its document, in bytes.'),
      column('countries', 'list', 'ISO 3166-1 alpha-2 codes.'),
      column('themes', 'list', 'Theme codes (GET /v1/vocabularies, themes).'),
      column('projects', 'list', 'The slugs of the projects it is attached to.'),
      column('published_on', 'date', 'When the work was published.'),
      column('starts_at', 'datetime', 'A webinar’s start (UTC).'),
      column('ends_at', 'datetime', 'A webinar’s end (UTC).'),
      column('join_url', 'string', 'Where to join a webinar.'),
      column('recording_url', 'string', 'A webinar’s recording.'),
      column('duration_seconds', 'integer', 'A recording’s length.'),
      column('licence', 'string', 'The SPDX id of the work’s own licence when it has one, else its organisation’s.'),
      ...timestamps,
    ],
    async *pages(db, pageSize = PAGE_SIZE) {
      for await (const rows of keyset((after, limit) => resourceExportPage(db, after, limit), pageSize)) {
        const owners = await ownerFacts(db, rows.flatMap((r) => [r.owner_organisation_id, ...(r.publisher_organisation_id ? [r.publisher_organisation_id] : [])]))
        yield rows.map((r) => [
          r.id, r.slug, slugOf(owners, r.owner_organisation_id), slugOf(owners, r.publisher_organisation_id), r.collection, r.kind,
          ...texts(r.title), ...texts(r.summary), r.original_lang, r.languages, r.url, r.file_url, r.file_type,
          r.file_size === null ? null : Number(r.file_size), r.countries, r.themes, r.projects, day(r.published_on), instant(r.starts_at), instant(r.ends_at),
          r.join_url, r.recording_url, r.duration_seconds, r.licence ?? licenceOf(owners, r.owner_organisation_id), instant(r.created_at), instant(r.updated_at),
        ])
      }
    },
  },
  petitions: {
    title: 'Petitions',
    description: 'Public petitions (open, closed or rejected) with their signature counts; never a signer.',
    columns: [
      ...common,
      column('organisation', 'string', 'The slug of the organisation that launched it; empty for a citizen’s petition.'),
      ...translatedColumns('title', 'The title'),
      ...translatedColumns('summary', 'The summary'),
      column('original_lang', 'string', 'The language it was written in (ar, fr or en).'),
      column('status', 'string', 'upcoming, open, closed or rejected (GET /v1/vocabularies, petitionStatuses).'),
      column('country', 'string', 'ISO 3166-1 alpha-2 code.'),
      column('themes', 'list', 'Theme codes (GET /v1/vocabularies, themes).'),
      column('signature_goal', 'integer', 'The number of signatures it aims at.'),
      column('online_signatures', 'integer', 'Confirmed online signatures.'),
      column('paper_signatures', 'integer', 'Signatures collected on paper by partners.'),
      column('total_signatures', 'integer', 'Online and paper signatures together.'),
      column('opens_at', 'datetime', 'When it opens for signing (UTC).'),
      column('closes_at', 'datetime', 'When signing closes (UTC).'),
      column('ended_at', 'datetime', 'When it was closed or rejected early (UTC).'),
      column('responded_at', 'datetime', 'When the official response was recorded (UTC).'),
      licenceColumn,
      ...timestamps,
    ],
    async *pages(db, pageSize = PAGE_SIZE) {
      for await (const rows of keyset((after, limit) => petitionExportPage(db, after, limit), pageSize)) {
        const ids = rows.map((r) => r.id)
        const [owners, counts] = await Promise.all([ownerFacts(db, rows.flatMap((r) => (r.owner_organisation_id ? [r.owner_organisation_id] : []))), exportCounts(db, ids)])
        const now = Date.now()
        yield rows.map((r) => {
          const count = counts.get(r.id) ?? { online: 0, paper: 0 }
          return [
            r.id, r.slug, slugOf(owners, r.owner_organisation_id), ...texts(r.title), ...texts(r.summary), r.original_lang,
            publicStatus({ ...r, deleted_at: null }, now), r.country, r.themes, r.signature_goal, count.online, count.paper, count.online + count.paper,
            instant(r.opens_at), instant(r.closes_at), instant(r.ended_at), instant(r.responded_at), licenceOf(owners, r.owner_organisation_id),
            instant(r.created_at), instant(r.updated_at),
          ]
        })
      }
    },
  },
}

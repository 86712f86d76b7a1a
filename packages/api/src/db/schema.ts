import type { ColumnType, Generated } from 'kysely'
import type { PetitionTables } from './petition-tables.js'

/** The languages WeGov speaks. Arabic is written right to left. */
export type Lang = 'ar' | 'fr' | 'en'

/** A text in up to three languages, stored as JSONB. `original_lang` on the row says which one was written first. */
export type TranslatedText = Partial<Record<Lang, string>>

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, T | string, T | string>
/** The search column is written with SQL (to_tsvector) and never read back. */
type SearchVector = ColumnType<never, unknown, unknown>

interface ContentRecord {
  id: string
  owner_organisation_id: string
  created_at: Timestamp
  updated_at: Timestamp
  /** Set instead of deleting, so a replicating node learns what was deleted (a tombstone). */
  deleted_at: Timestamp | null
}

export interface OrganisationTable extends ContentRecord {
  slug: string
  name: Json<TranslatedText>
  description: Json<TranslatedText>
  original_lang: Lang
  kind: string
  country: string
  website: string | null
  logo_url: string | null
  is_partner: Generated<boolean>
}

export interface ProjectTable extends ContentRecord {
  slug: string
  title: Json<TranslatedText>
  summary: Json<TranslatedText>
  description: Json<TranslatedText>
  original_lang: Lang
  status: string
  planned_start: string | null
  planned_end: string | null
  actual_start: string | null
  actual_end: string | null
  countries: string[]
  themes: string[]
  budget_amount: number | null
  budget_currency: string | null
  website: string | null
  contact_name: string | null
  contact_url: string | null
  search: SearchVector
}

export interface ProjectOrganisationTable {
  project_id: string
  organisation_id: string
  role: string
}

export interface ResourceTable extends ContentRecord {
  slug: string
  collection: string
  kind: string
  title: Json<TranslatedText>
  summary: Json<TranslatedText>
  /** Sanitised HTML, per language. */
  body: Json<TranslatedText>
  original_lang: Lang
  languages: string[]
  url: string | null
  file_url: string | null
  file_type: string | null
  file_size: number | null
  countries: string[]
  themes: string[]
  publisher_organisation_id: string | null
  published_on: string | null
  licence: string | null
  starts_at: Timestamp | null
  ends_at: Timestamp | null
  join_url: string | null
  recording_url: string | null
  duration_seconds: number | null
  search: SearchVector
}

/** The generated master secret (see src/secrets.ts). */
export interface WegovSecretTable {
  name: string
  value: string
  created_at: Generated<Date>
}

/** Proof-of-work solutions already used, kept until their challenge expires. */
export interface PowSpentTable {
  signature: string
  expires_at: Timestamp
}

export interface DB extends PetitionTables {
  organisations: OrganisationTable
  projects: ProjectTable
  project_organisations: ProjectOrganisationTable
  resources: ResourceTable
  wegov_secrets: WegovSecretTable
  pow_spent: PowSpentTable
}

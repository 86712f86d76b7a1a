import type { ColumnType, Generated } from 'kysely'
import type { Lang, SearchTitleVector, TranslatedText } from './schema.js'

/** The tables of migration 0002: petitions, signatures, counts, mail, idempotency. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, T | string, T | string>
type SearchVector = ColumnType<never, unknown, unknown>
/** bigint columns are parsed to numbers (db/database.ts) and may be written as expressions. */
type Counter = ColumnType<number, number | undefined, unknown>

export type PetitionStatus = 'draft' | 'collecting_sponsors' | 'pending_review' | 'open' | 'closed' | 'rejected' | 'hidden' | 'withdrawn'

/** Why moderators reject a petition (migration 0012); the last three also hide it (petition-launches.ts). */
export type RejectionCode = 'duplicate' | 'not_governance' | 'unclear' | 'defamatory' | 'illegal' | 'personal_data' | 'exists_elsewhere'

export interface PetitionTable {
  id: string
  slug: string
  owner_organisation_id: string | null
  /** A person launching the petition, by the display name they chose (when no organisation does). */
  launcher_name: string | null
  title: Json<TranslatedText>
  summary: Json<TranslatedText>
  /** The petition text (sanitised HTML), per language. */
  body: Json<TranslatedText>
  /** Whom the petition addresses, each a translated name. */
  targets: Json<TranslatedText[]>
  original_lang: Lang
  country: string
  themes: string[]
  signature_goal: number
  opens_at: Timestamp
  closes_at: Timestamp
  status: PetitionStatus
  /** When an owner closed it, or it was rejected or withdrawn, before closes_at. */
  ended_at: Timestamp | null
  rejection_reason: Json<TranslatedText> | null
  response: Json<TranslatedText> | null
  response_original_lang: Lang | null
  responded_at: Timestamp | null
  /** The response's document, an upload of the organisation that recorded it (0013). */
  response_document_id: ColumnType<string | null, string | null | undefined, string | null>
  /** Who recorded the response: for which organisation, and the person or API key (0013). */
  response_organisation_id: ColumnType<string | null, string | null | undefined, string | null>
  response_actor_person_id: ColumnType<string | null, string | null | undefined, string | null>
  response_actor_key_id: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Timestamp
  updated_at: Timestamp
  deleted_at: Timestamp | null
  search: SearchVector
  search_title: SearchTitleVector
  /** The person who drafted it (migration 0012); null for the demo's and when the account is gone. */
  creator_person_id: string | null
  /** Confirmed sponsor signatures it needs before moderation (0 for an organisation's petition). */
  sponsors_needed: Generated<number>
  submitted_at: Timestamp | null
  moderation_due_at: Timestamp | null
  moderation_claimed_by: string | null
  moderation_claimed_at: Timestamp | null
  moderated_by: string | null
  moderated_at: Timestamp | null
  rejection_code: RejectionCode | null
}

export interface SignatureTable {
  id: string
  petition_id: string
  email_hash: string
  email: string | null
  first_name: string | null
  last_name: string | null
  city: string | null
  comment: string | null
  country: string
  display: 'public' | 'anonymous'
  locale: Lang
  consent_news_organiser: boolean
  consent_news_partner: boolean
  /** The signer asked to be told of the petition's official response (0013). */
  consent_response: Generated<boolean>
  source_partner: string | null
  source_url: string | null
  status: Generated<'pending' | 'confirmed'>
  /** flagged: held back by the abuse checks until cleared (valid) or invalidated. */
  validity: Generated<'valid' | 'flagged' | 'invalidated'>
  flag_reason: string | null
  confirm_token_hash: string
  code_hash: string
  confirmation_sent_at: Timestamp
  withdraw_token_hash: string
  created_at: Timestamp
  confirmed_at: Timestamp | null
  anonymised_at: Timestamp | null
}

export interface PetitionCountTable {
  petition_id: string
  /** Spreads concurrent increments over several rows; -1 is reserved for the reconciliation job. */
  shard: number
  country: string
  /** The partner slug the signature came from, or '' for none. */
  source: string
  confirmed: Counter
  invalidated: Counter
  updated_at: Timestamp
}

export interface MailOutboxTable {
  id: Generated<number>
  signature_id: string | null
  kind: string
  recipient: string
  locale: Lang
  payload: Json<Record<string, unknown>>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  locked_until: Timestamp | null
  last_error: string | null
  failed_at: Timestamp | null
  created_at: Timestamp
}

/** An announcement to many, expanded into the outbox a chunk at a time (migration 0016, mail/mail-fanouts.ts). */
export interface MailFanoutTable {
  id: Generated<number>
  kind: string
  petition_id: string
  payload: Json<Record<string, unknown>>
  /** The last signature queued: the next chunk starts after it. Null before the first chunk. */
  after_signature_id: string | null
  created_at: Generated<Date>
}

export interface DevMailboxTable {
  id: Generated<number>
  recipient: string
  kind: string
  locale: string
  payload: Json<Record<string, unknown>>
  created_at: Timestamp
}

export interface IdempotencyKeyTable {
  key: string
  fingerprint: string
  status: number
  body: Json<unknown>
  created_at: Timestamp
}

/** Wrong confirmation codes per petition and address, counted whether or not the address signed. */
export interface CodeFailureTable {
  petition_id: string
  email_hash: string
  failures: number
  last_failed_at: Generated<Timestamp>
}

/** Signatures a partner collected on paper: a count, never the people (0013). */
export interface PaperSignatureBatchTable {
  id: string
  petition_id: string
  organisation_id: string
  count: number
  country: string
  /** The day the signatures were collected (a date, no time). */
  collected_on: ColumnType<string, string, string>
  scan_file_id: string | null
  actor_person_id: string | null
  actor_key_id: string | null
  created_at: Generated<Date>
  voided_at: Timestamp | null
  void_reason: string | null
  voided_by_person_id: string | null
}

export interface PetitionTables {
  petitions: PetitionTable
  signatures: SignatureTable
  petition_counts: PetitionCountTable
  mail_outbox: MailOutboxTable
  mail_fanouts: MailFanoutTable
  dev_mailbox: DevMailboxTable
  idempotency_keys: IdempotencyKeyTable
  code_failures: CodeFailureTable
  paper_signature_batches: PaperSignatureBatchTable
}

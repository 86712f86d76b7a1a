import type { ColumnType, Generated } from 'kysely'
import type { Lang, TranslatedText } from './schema.js'

/** The tables of migration 0006: people, sign-in, sessions, passkeys, membership, API keys and the change log. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, T | string, T | string>
/** bigint columns are parsed to numbers (db/database.ts). */
type BigSerial = ColumnType<number, never, never>

export type PlatformRole = 'admin' | 'moderator'
export type OrganisationRole = 'owner' | 'editor'

export interface PersonTable {
  id: string
  email: string
  name: Generated<string>
  lang: Generated<Lang>
  platform_role: PlatformRole | null
  created_at: Generated<Date>
  last_sign_in_at: Timestamp | null
}

export interface SignInCodeTable {
  email_hash: string
  code_hash: string
  token_hash: string
  lang: Lang
  attempts: Generated<number>
  expires_at: Timestamp
  created_at: Generated<Date>
}

export interface SessionTable {
  id: string
  token_hash: string
  person_id: string
  method: 'code' | 'passkey'
  user_agent: Generated<string>
  created_at: Generated<Date>
  last_seen_at: Generated<Date>
  expires_at: Timestamp
}

export interface PasskeyTable {
  /** The credential id, base64url. */
  id: string
  person_id: string
  public_key: Uint8Array
  counter: ColumnType<number, number | undefined, number>
  transports: Generated<string[]>
  name: Generated<string>
  created_at: Generated<Date>
  last_used_at: Timestamp | null
}

export interface WebauthnChallengeTable {
  id: string
  challenge: string
  purpose: 'register' | 'authenticate'
  person_id: string | null
  expires_at: Timestamp
}

export interface MembershipTable {
  person_id: string
  organisation_id: string
  role: OrganisationRole
  created_at: Generated<Date>
}

export interface InvitationTable {
  id: string
  organisation_id: string
  email: string
  role: OrganisationRole
  lang: Lang
  token_hash: string
  invited_by: string | null
  created_at: Generated<Date>
  expires_at: Timestamp
  accepted_at: Timestamp | null
  accepted_by: string | null
  revoked_at: Timestamp | null
}

export interface OrganisationApplicationTable {
  id: string
  applicant_id: string
  lang: Lang
  name: Json<TranslatedText>
  description: Json<TranslatedText>
  original_lang: Lang
  kind: string
  country: string
  website: string | null
  motivation: Generated<string>
  status: Generated<'pending' | 'approved' | 'declined'>
  reason: string | null
  decided_by: string | null
  decided_at: Timestamp | null
  organisation_id: string | null
  created_at: Generated<Date>
}

export type ApiKeyScope = 'drafts:read' | 'content:write'

export interface ApiKeyTable {
  id: string
  organisation_id: string
  name: string
  /** The secret's first characters (`wgk_` and 8 more), shown in lists so a key can be recognised. */
  prefix: string
  secret_hash: string
  scopes: ApiKeyScope[]
  created_by: string | null
  created_at: Generated<Date>
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

export interface ChangeLogTable {
  id: BigSerial
  at: Generated<Date>
  action: string
  subject_type: string
  subject_id: string
  organisation_id: string | null
  actor_person_id: string | null
  actor_key_id: string | null
  request_id: string | null
  before: Json<unknown> | null
  after: Json<unknown> | null
  /** Content events (migration 0007): the item's version after the change. */
  version: ColumnType<number | null, number | null | undefined, number | null>
  /** The node's public origin the change happened on. */
  origin: ColumnType<string | null, string | null | undefined, string | null>
  /** The item was public after the change, or stopped being public by it: the public change feed's rows. */
  public: ColumnType<boolean, boolean | undefined, boolean>
  /**
   * The event's place in commit order (migration 0010), given as its transaction commits; null only inside
   * that transaction. Every reader of the log follows it.
   */
  seq: ColumnType<number | null, never, never>
}

/** A reader of the change log and its position in it (migration 0010): the last seq it handled. */
export interface ChangeConsumerTable {
  name: string
  last_seq: ColumnType<number, number | undefined, number>
  updated_at: ColumnType<Date, Date | undefined, Date>
}

export interface AccountTables {
  people: PersonTable
  sign_in_codes: SignInCodeTable
  sessions: SessionTable
  passkeys: PasskeyTable
  webauthn_challenges: WebauthnChallengeTable
  memberships: MembershipTable
  invitations: InvitationTable
  organisation_applications: OrganisationApplicationTable
  api_keys: ApiKeyTable
  change_log: ChangeLogTable
  change_consumers: ChangeConsumerTable
}

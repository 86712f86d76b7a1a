/**
 * What the console reads and sends, as the accounts API contract (docs/ARCHITECTURE.md, issue 14) defines it.
 */
import type { Lang } from './lang.js'

/** A text in the reader's language, or the language it falls back to (then `fallback` is true). */
export interface LocalizedText {
  text: string
  lang: string
  dir: 'rtl' | 'ltr'
  fallback: boolean
}
/** A text in each language, as an organisation's profile holds it (a missing language is absent or null). */
export type Translations = Partial<Record<Lang, string | null>>

export type PlatformRole = 'admin' | 'moderator'
export type OrganisationRole = 'owner' | 'editor'
export const ORGANISATION_ROLES: readonly OrganisationRole[] = ['owner', 'editor']
export type ApiKeyScope = 'drafts:read' | 'content:write'
export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['drafts:read', 'content:write']

export interface OrganisationRef {
  id: string
  slug: string
  name: LocalizedText
}

export interface Me {
  id: string
  email: string
  name: string | null
  lang: Lang
  platformRole: PlatformRole | null
  memberships: { organisation: OrganisationRef; role: OrganisationRole }[]
  createdAt: string
}

export interface Session {
  id: string
  method: string
  userAgent: string | null
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  current: boolean
}

export interface Passkey {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
}

export interface ManagedOrganisation {
  id: string
  slug: string
  name: Translations
  description: Translations
  kind: string
  country: string
  website: string | null
  logoUrl: string | null
  isPartner: boolean
  originalLang: Lang
  missing: Record<Lang, string[]>
}

export interface Member {
  personId: string
  /** Only those who manage the members see it. */
  email: string | null
  name: string
  role: OrganisationRole
  since: string
}

export interface Invitation {
  id: string
  email: string
  role: OrganisationRole
  createdAt: string
  expiresAt: string
  status: string
}

export interface InvitationView {
  organisation: OrganisationRef
  role: OrganisationRole
  email: string
  status: string
}

export interface ApiKey {
  id: string
  name: string
  prefix: string
  scopes: ApiKeyScope[]
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
  createdBy: { id: string; name: string | null } | null
}

export interface Application {
  id: string
  name: Translations
  description: Translations
  originalLang: Lang
  kind: string
  country: string
  website?: string | null
  motivation: string
  status: string
  createdAt?: string
  reason?: string | null
  applicant: { id: string; name: string; email: string }
}

export interface PersonFound {
  id: string
  email: string
  name: string | null
  platformRole: PlatformRole | null
}

export type AuditActor =
  | { kind: 'person'; id: string; name: string | null; email: string }
  | { kind: 'key'; id: string; name: string; prefix: string }
  | null

export interface AuditEvent {
  id: string
  at: string
  action: string
  subjectType: string
  subjectId: string
  organisation: { id: string; name: LocalizedText | string } | null
  actor: AuditActor
  requestId: string | null
  before: unknown
  after: unknown
}

export interface AuditQuery {
  organisation?: string
  action?: string
  since?: string
  until?: string
  cursor?: string
  limit?: number
}

export interface Items<T> {
  items: T[]
}
export interface AuditPage extends Items<AuditEvent> {
  nextCursor: string | null
}

import type { ContentLicence, ContentState, Lang, TranslatedText } from '../db/schema.js'
import type {
  Collection,
  OrganisationKind,
  ParticipationRole,
  ProjectStatus,
  ResourceKind,
  Theme,
} from '../domains/vocabulary/terms.js'

/**
 * What the internal write functions (content-store.ts) accept. The demo loader and the tests create
 * content through these; the public write API will too. Organisations are referred to by slug.
 */
export interface OrganisationInput {
  id?: string
  slug: string
  name: TranslatedText
  description?: TranslatedText
  originalLang: Lang
  kind: OrganisationKind
  country: string
  website?: string | null
  logoUrl?: string | null
  isPartner?: boolean
  /** The SPDX id of its content's licence; CC-BY-4.0 when omitted (migration 0017). */
  licence?: ContentLicence | undefined
  /** IATI organisation identifier (`TN-RNE-…`), checked by the profile API; the demo's are fictional. */
  iatiIdentifier?: string | null
  /** Slug of the owning organisation; an organisation owns itself when omitted. */
  ownerSlug?: string
  /**
   * When the record was first made, as an ISO instant with a time zone; also its last update. Only for
   * content recorded earlier elsewhere (the demo, an import); omitted, it is the time of the insert.
   */
  createdAt?: string
}

/** Projects and resources: draft or published (the demo and imports default to published). */
interface PublishableInput {
  state?: ContentState
}

export interface ProjectInput extends PublishableInput {
  id?: string
  slug: string
  ownerSlug: string
  title: TranslatedText
  summary?: TranslatedText
  description?: TranslatedText
  originalLang: Lang
  status: ProjectStatus
  plannedStart?: string | null
  plannedEnd?: string | null
  actualStart?: string | null
  actualEnd?: string | null
  countries: string[]
  themes: Theme[]
  participants: { organisationSlug: string; role: ParticipationRole }[]
  budget?: { amount: number; currency: string } | null
  website?: string | null
  /** A public contact: a name and a page or form URL. Never a person's email. */
  contact?: { name: string; url: string | null } | null
  /** See OrganisationInput.createdAt; ignored by updates, which never change a creation time. */
  createdAt?: string
}

export interface ResourceInput extends PublishableInput {
  id?: string
  slug: string
  ownerSlug: string
  collection: Collection
  kind: ResourceKind
  title: TranslatedText
  summary?: TranslatedText
  /** HTML per language; sanitised before it is stored. */
  body?: TranslatedText
  originalLang: Lang
  /** Languages the resource itself (the document, the video) is in. */
  languages: Lang[]
  url?: string | null
  file?: { url: string; type: string; size: number } | null
  /** A file stored by POST /v1/files. */
  fileId?: string | null
  countries: string[]
  themes: Theme[]
  publisherSlug?: string | null
  /** The projects it is attached to (ids); absent keeps the current ones on an update. */
  projectIds?: string[]
  publishedOn?: string | null
  /** SPDX identifier or a short licence name, e.g. CC-BY-4.0. */
  licence?: string | null
  /** Webinars only. */
  webinar?: { startsAt: string; endsAt: string; joinUrl: string | null; recordingUrl: string | null; cancelledAt?: string | null } | null
  /** Videos only. */
  durationSeconds?: number | null
  /** See OrganisationInput.createdAt; ignored by updates, which never change a creation time. */
  createdAt?: string
}

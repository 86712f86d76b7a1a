import { type TSchema, Type } from '@sinclair/typebox'
import { StringEnum } from '../../http/enum.js'
import { CountryCode, LangSchema, LocalizedTextSchema, Nullable, ProblemSchema, SLUG_PATTERN, UUID_PATTERN } from '../../http/schemas.js'
import { LicenceSchema, OrganisationKindSchema } from './organisation-schemas.js'

/**
 * The schemas of the console's organisation routes: profiles (raw, every language), members, invitations,
 * join applications and platform roles. Request bodies are named components too, so the SDK's types for
 * them come from here.
 */

export const NAME_MAX = 200
export const DESCRIPTION_MAX = 5000
export const URL_MAX = 500
export const EMAIL_MAX = 320

export const OrganisationRoleSchema = StringEnum(['owner', 'editor'] as const, {
  description: 'owner: the profile, members and API keys; editor: the organisation’s content.',
})
export const PlatformRoleSchema = StringEnum(['admin', 'moderator'] as const, {
  description: 'admin: everything; moderator: the moderation queues.',
})

export const Problem = Type.Ref(ProblemSchema)

/** 204 No Content: documented, with no body. */
export const NoContent = Type.Null({ description: 'Done; no content.' })

export const TranslatedTextSchema = Type.Object(
  { ar: Type.Optional(Type.String()), fr: Type.Optional(Type.String()), en: Type.Optional(Type.String()) },
  { $id: 'TranslatedText', additionalProperties: false, description: 'A text in each language it is written in, as written (not localized): what an editor edits.' },
)

const translatedInput = (maxLength: number) =>
  Type.Object(
    {
      ar: Type.Optional(Type.String({ maxLength })),
      fr: Type.Optional(Type.String({ maxLength })),
      en: Type.Optional(Type.String({ maxLength })),
    },
    { additionalProperties: false },
  )

/** In a PATCH: a language given replaces that translation, null removes it, a language left out is kept. */
const translatedPatch = (maxLength: number) =>
  Type.Object(
    {
      ar: Type.Optional(Nullable(Type.String({ maxLength }))),
      fr: Type.Optional(Nullable(Type.String({ maxLength }))),
      en: Type.Optional(Nullable(Type.String({ maxLength }))),
    },
    { additionalProperties: false },
  )

const WebAddress = Type.String({ maxLength: URL_MAX, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', description: 'An http(s) address.' })
const IatiIdentifier = Type.String({
  maxLength: 100,
  description: 'IATI organisation identifier, e.g. TN-RNE-1234567A or XM-DAC-41114; an empty string or null removes it. Another pattern is refused with WEGOV_VALIDATION, one another organisation states with 409 WEGOV_IATI_IDENTIFIER_TAKEN.',
})
const Email = Type.String({ maxLength: EMAIL_MAX, description: 'An email address.' })
const Country = Type.String({ ...CountryCode, description: 'An assigned ISO 3166-1 alpha-2 code; any other is refused with WEGOV_INVALID_COUNTRY.' })
const Uuid = Type.String({ pattern: UUID_PATTERN, description: 'A UUID.' })
const TranslatableField = StringEnum(['name', 'description'] as const)
const DateTime = Type.String({ format: 'date-time' })

export const ManagedOrganisationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    name: Type.Ref(TranslatedTextSchema),
    description: Type.Ref(TranslatedTextSchema),
    kind: OrganisationKindSchema,
    country: Type.String(),
    website: Nullable(Type.String()),
    logoUrl: Nullable(Type.String()),
    isPartner: Type.Boolean(),
    licence: LicenceSchema,
    iatiIdentifier: Nullable(Type.String()),
    originalLang: LangSchema,
    missing: Type.Object(
      { ar: Type.Array(TranslatableField), fr: Type.Array(TranslatableField), en: Type.Array(TranslatableField) },
      { description: 'Per language, the translatable fields that have no text in it.' },
    ),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'ManagedOrganisation', description: 'An organisation’s profile as its owners edit it: every language as written.' },
)

export const OrganisationCreateRequestSchema = Type.Object(
  {
    slug: Type.Optional(Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'Made from the Latin-script name when left out.' })),
    name: translatedInput(NAME_MAX),
    description: Type.Optional(translatedInput(DESCRIPTION_MAX)),
    kind: OrganisationKindSchema,
    country: Country,
    website: Type.Optional(Nullable(WebAddress)),
    logoUrl: Type.Optional(Nullable(WebAddress)),
    isPartner: Type.Optional(Type.Boolean()),
    licence: Type.Optional(LicenceSchema),
    iatiIdentifier: Type.Optional(Nullable(IatiIdentifier)),
    originalLang: LangSchema,
    ownerEmail: Type.Optional(Email),
    ownerLang: Type.Optional(LangSchema),
  },
  { $id: 'OrganisationCreateRequest', additionalProperties: false, description: 'With ownerEmail, an owner invitation is sent (in ownerLang, else the original language).' },
)

export const OrganisationProfileUpdateSchema = Type.Object(
  {
    name: Type.Optional(translatedPatch(NAME_MAX)),
    description: Type.Optional(translatedPatch(DESCRIPTION_MAX)),
    kind: Type.Optional(OrganisationKindSchema),
    country: Type.Optional(Country),
    website: Type.Optional(Nullable(WebAddress)),
    logoUrl: Type.Optional(Nullable(WebAddress)),
    isPartner: Type.Optional(Type.Boolean({ description: 'Admins only (403 WEGOV_FORBIDDEN for others when it changes).' })),
    licence: Type.Optional(LicenceSchema),
    iatiIdentifier: Type.Optional(Nullable(IatiIdentifier)),
    originalLang: Type.Optional(LangSchema),
  },
  { $id: 'OrganisationProfileUpdate', additionalProperties: false, description: 'Any subset of the profile. The name in the original language cannot be removed.' },
)

export const MemberSchema = Type.Object(
  {
    personId: Type.String({ format: 'uuid' }),
    email: Nullable(Type.String({ description: 'Shown to those who manage the members; null for the others.' })),
    name: Type.String(),
    role: OrganisationRoleSchema,
    since: DateTime,
  },
  { $id: 'Member' },
)
export const MemberListSchema = Type.Object({ items: Type.Array(Type.Ref(MemberSchema)) }, { $id: 'MemberList' })
export const MemberRoleUpdateSchema = Type.Object({ role: OrganisationRoleSchema }, { $id: 'MemberRoleUpdate', additionalProperties: false })

export const InvitationStatusSchema = StringEnum(['pending', 'accepted', 'revoked', 'expired'] as const)

export const InvitationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    role: OrganisationRoleSchema,
    lang: LangSchema,
    createdAt: DateTime,
    expiresAt: DateTime,
    status: InvitationStatusSchema,
  },
  { $id: 'Invitation' },
)
export const InvitationListSchema = Type.Object({ items: Type.Array(Type.Ref(InvitationSchema)) }, { $id: 'InvitationList' })
export const InvitationRequestSchema = Type.Object(
  { email: Email, role: OrganisationRoleSchema, lang: LangSchema },
  { $id: 'InvitationRequest', additionalProperties: false, description: 'lang: the language of the invitation email.' },
)

export const InvitationPreviewSchema = Type.Object(
  {
    organisation: Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Type.Ref(LocalizedTextSchema) }),
    role: OrganisationRoleSchema,
    email: Type.String({ description: 'The address the invitation was sent to: only that person can accept it.' }),
    status: InvitationStatusSchema,
    expiresAt: DateTime,
  },
  { $id: 'InvitationPreview' },
)
export const InvitationAcceptRequestSchema = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) },
  { $id: 'InvitationAcceptRequest', additionalProperties: false },
)
export const InvitationAcceptedSchema = Type.Object(
  { organisationId: Type.String({ format: 'uuid' }), role: OrganisationRoleSchema },
  { $id: 'InvitationAccepted' },
)

export const ApplicationStatusSchema = StringEnum(['pending', 'approved', 'declined'] as const)

export const ApplicationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    applicant: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), email: Type.String() }),
    name: Type.Ref(TranslatedTextSchema),
    description: Type.Ref(TranslatedTextSchema),
    originalLang: LangSchema,
    kind: OrganisationKindSchema,
    country: Type.String(),
    website: Nullable(Type.String()),
    motivation: Type.String(),
    status: ApplicationStatusSchema,
    reason: Nullable(Type.String({ description: 'Why it was declined, as the admin wrote it.' })),
    organisationId: Nullable(Type.String({ format: 'uuid', description: 'The organisation made from it, once approved.' })),
    createdAt: DateTime,
    decidedAt: Nullable(DateTime),
  },
  { $id: 'Application', description: 'An association’s request to join WeGov.' },
)
export const ApplicationListSchema = Type.Object({ items: Type.Array(Type.Ref(ApplicationSchema)) }, { $id: 'ApplicationList' })
export const ApplicationRequestSchema = Type.Object(
  {
    name: translatedInput(NAME_MAX),
    description: Type.Optional(translatedInput(DESCRIPTION_MAX)),
    originalLang: LangSchema,
    kind: OrganisationKindSchema,
    country: Country,
    website: Type.Optional(Nullable(WebAddress)),
    motivation: Type.String({ minLength: 1, maxLength: DESCRIPTION_MAX, description: 'Why the association wants to join: for the admins.' }),
  },
  { $id: 'ApplicationRequest', additionalProperties: false },
)
export const ApplicationDeclineRequestSchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: DESCRIPTION_MAX, description: 'Sent to the applicant as written.' }) },
  { $id: 'ApplicationDeclineRequest', additionalProperties: false },
)

export const PersonSummarySchema = Type.Object(
  { id: Type.String({ format: 'uuid' }), email: Type.String(), name: Type.String(), platformRole: Nullable(PlatformRoleSchema) },
  { $id: 'PersonSummary' },
)
export const PersonListSchema = Type.Object({ items: Type.Array(Type.Ref(PersonSummarySchema)) }, { $id: 'PersonList' })
export const PlatformRoleUpdateSchema = Type.Object(
  { role: Nullable(PlatformRoleSchema) },
  { $id: 'PlatformRoleUpdate', additionalProperties: false, description: 'null takes the platform role away.' },
)

/** Route parameters: ids are UUIDs (a malformed one is 400 WEGOV_INVALID_ID). */
export const OrganisationParams = Type.Object({ organisationId: Uuid })
export const MemberParams = Type.Object({ organisationId: Uuid, personId: Uuid })
export const InvitationParams = Type.Object({ organisationId: Uuid, invitationId: Uuid })
export const InvitationTokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$', description: 'The token from the invitation link.' }) })
export const ApplicationParams = Type.Object({ applicationId: Uuid })
export const PersonParams = Type.Object({ personId: Uuid })

/** Added to the root instance so @fastify/swagger lists them under components.schemas. */
export const organisationManagementSchemas: TSchema[] = [
  TranslatedTextSchema,
  ManagedOrganisationSchema,
  OrganisationCreateRequestSchema,
  OrganisationProfileUpdateSchema,
  MemberSchema,
  MemberListSchema,
  MemberRoleUpdateSchema,
  InvitationSchema,
  InvitationListSchema,
  InvitationRequestSchema,
  InvitationPreviewSchema,
  InvitationAcceptRequestSchema,
  InvitationAcceptedSchema,
  ApplicationSchema,
  ApplicationListSchema,
  ApplicationRequestSchema,
  ApplicationDeclineRequestSchema,
  PersonSummarySchema,
  PersonListSchema,
  PlatformRoleUpdateSchema,
]

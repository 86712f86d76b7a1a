import { type TObject, type TProperties, type TSchema, Type } from '@sinclair/typebox'
import { StringEnum } from '../../http/enum.js'
import { CountryCode, LangSchema, Nullable, SLUG_PATTERN, UUID_PATTERN } from '../../http/schemas.js'
import { LANGS } from '../../i18n/languages.js'
import { TranslatedTextSchema } from '../organisations/organisation-management-schemas.js'
import { ProjectStatusSchema, ThemeSchema } from '../projects/project-schemas.js'
import { CollectionSchema, ResourceKindSchema } from '../resources/resource-schemas.js'
import { PARTICIPATION_ROLES } from '../vocabulary/terms.js'

/**
 * The publishing API's bodies: what a partner writes (…Write), changes (…Patch, a JSON Merge Patch) and
 * reads back to edit (…Source: every language as written, the state and the version). A Patch is a Write
 * where everything is optional and a translated field takes `null` per language to remove it.
 */

export const TITLE_MAX = 300
export const SUMMARY_MAX = 2000
export const RICH_TEXT_MAX = 100_000
const URL_MAX = 500

export const ContentStateSchema = StringEnum(['draft', 'published'] as const, {
  description: 'draft: seen only by the organisation and admins; published: public.',
})

const translated = (maxLength: number, description?: string) =>
  Type.Object(
    Object.fromEntries(LANGS.map((lang) => [lang, Type.Optional(Type.String({ maxLength }))])),
    { additionalProperties: false, ...(description ? { description } : {}) },
  )
const translatedPatch = (maxLength: number, description?: string) =>
  Type.Object(
    Object.fromEntries(LANGS.map((lang) => [lang, Type.Optional(Nullable(Type.String({ maxLength })))])),
    {
      additionalProperties: false,
      description: [description, 'A language given replaces that translation; null removes it; a language left out is kept.'].filter(Boolean).join(' '),
    },
  )

const DateOnly = Nullable(Type.String({ format: 'date' }))
const Address = Nullable(Type.String({ maxLength: URL_MAX, description: 'An http(s) address.' }))
const Slug = Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'Lowercase letters, digits and dashes. Stable once published.' })
const OrganisationSlug = Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'An organisation’s slug.' })
const Countries = Type.Array(CountryCode, { maxItems: 50, uniqueItems: true })
const Themes = Type.Array(ThemeSchema, { maxItems: 20, uniqueItems: true })

/** Every field optional, as a merge patch; `nullable` fields also take null. */
function asPatch(properties: TProperties, translatedFields: Record<string, TSchema>, id: string, description: string): TObject {
  const fields: TProperties = {}
  for (const [name, schema] of Object.entries(properties)) fields[name] = Type.Optional(translatedFields[name] ?? schema)
  return Type.Object(fields, { $id: id, additionalProperties: false, description })
}

function withRequired(properties: TProperties, required: string[], id: string, description: string): TObject {
  const fields: TProperties = {}
  for (const [name, schema] of Object.entries(properties)) fields[name] = required.includes(name) ? schema : Type.Optional(schema)
  return Type.Object(fields, { $id: id, additionalProperties: false, description })
}

const projectFields = {
  slug: Slug,
  state: ContentStateSchema,
  originalLang: LangSchema,
  title: translated(TITLE_MAX),
  summary: translated(SUMMARY_MAX),
  description: translated(RICH_TEXT_MAX, 'HTML; sanitised when stored.'),
  status: ProjectStatusSchema,
  plannedStart: DateOnly,
  plannedEnd: DateOnly,
  actualStart: DateOnly,
  actualEnd: DateOnly,
  countries: Countries,
  themes: Themes,
  participants: Type.Array(
    Type.Object(
      { organisation: OrganisationSlug, role: StringEnum(PARTICIPATION_ROLES.codes, { description: 'IATI participating-org role.' }) },
      { additionalProperties: false },
    ),
    { maxItems: 50 },
  ),
  budget: Nullable(
    Type.Object(
      { amount: Type.Number({ minimum: 0, maximum: 1e15 }), currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code.' }) },
      { additionalProperties: false },
    ),
  ),
  website: Address,
  contact: Nullable(
    Type.Object(
      { name: Type.String({ minLength: 1, maxLength: 200 }), url: Address },
      { additionalProperties: false, description: 'A public contact point: never a person’s email.' },
    ),
  ),
}

export const ProjectWriteSchema = withRequired(
  projectFields,
  ['originalLang', 'title', 'status'],
  'ProjectWrite',
  'A new project. Without `slug`, one is made from the title; without `state`, it is a draft.',
)

export const ProjectPatchSchema = asPatch(
  projectFields,
  { title: translatedPatch(TITLE_MAX), summary: translatedPatch(SUMMARY_MAX), description: translatedPatch(RICH_TEXT_MAX, 'HTML; sanitised when stored.') },
  'ProjectPatch',
  'A JSON Merge Patch (RFC 7396) of a project. `state` publishes (published) or unpublishes (draft).',
)

/** What every source has besides its fields: identity, owner, version and dates. */
const sourceMeta = {
  id: Type.String({ format: 'uuid' }),
  version: Type.Integer({ description: 'Incremented by every write; the ETag is "{id}.{version}".' }),
  owner: Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String() }),
  firstPublishedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  deletedAt: Nullable(Type.String({ format: 'date-time' })),
}

const Raw = Type.Ref(TranslatedTextSchema)

export const ProjectSourceSchema = Type.Object(
  {
    ...sourceMeta,
    ...projectFields,
    slug: Type.String(),
    title: Raw,
    summary: Raw,
    description: Raw,
  },
  { $id: 'ProjectSource', description: 'A project as its editors edit it: every language as written, its state and version.' },
)

const webinarWrite = Type.Object(
  {
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Nullable(Type.String({ format: 'date-time' })),
    joinUrl: Address,
    recordingUrl: Address,
    cancelledAt: Type.Optional(
      Nullable(Type.String({ format: 'date-time', description: 'When the webinar was called off; calendars then show it as cancelled. Null or absent: it goes ahead.' })),
    ),
  },
  { additionalProperties: false },
)

const resourceFields = {
  slug: Slug,
  state: ContentStateSchema,
  originalLang: LangSchema,
  collection: CollectionSchema,
  kind: ResourceKindSchema,
  title: translated(TITLE_MAX),
  summary: translated(SUMMARY_MAX),
  body: translated(RICH_TEXT_MAX, 'HTML; sanitised when stored.'),
  languages: Type.Array(LangSchema, { maxItems: 3, uniqueItems: true, description: 'Languages the resource itself is in.' }),
  url: Address,
  countries: Countries,
  themes: Themes,
  publisher: Nullable(OrganisationSlug),
  publishedOn: DateOnly,
  licence: Nullable(Type.String({ maxLength: 100, description: 'SPDX identifier or a short licence name.' })),
  webinar: Nullable(webinarWrite),
  durationSeconds: Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  projects: Type.Array(Type.String({ pattern: UUID_PATTERN }), {
    maxItems: 20,
    uniqueItems: true,
    description:
      'Ids of the projects the resource is about, among those its organisation runs or takes part in (WEGOV_UNRELATED_PROJECT otherwise). ' +
      'The project’s page lists it (GET /v1/resources?project=), and the IATI file links it from the activity.',
  }),
  fileId: Nullable(
    Type.String({
      pattern: UUID_PATTERN,
      description: 'A document uploaded by the owner (POST /v1/organisations/{organisationId}/files): `file` then points at GET /v1/files/{id}. null removes it.',
    }),
  ),
}

export const ResourceWriteSchema = withRequired(
  resourceFields,
  ['originalLang', 'collection', 'kind', 'title'],
  'ResourceWrite',
  'A new resource. Without `slug`, one is made from the title; without `state`, it is a draft.',
)

export const ResourcePatchSchema = asPatch(
  resourceFields,
  { title: translatedPatch(TITLE_MAX), summary: translatedPatch(SUMMARY_MAX), body: translatedPatch(RICH_TEXT_MAX, 'HTML; sanitised when stored.') },
  'ResourcePatch',
  'A JSON Merge Patch (RFC 7396) of a resource. `state` publishes (published) or unpublishes (draft).',
)

export const ResourceSourceSchema = Type.Object(
  {
    ...sourceMeta,
    ...resourceFields,
    slug: Type.String(),
    title: Raw,
    summary: Raw,
    body: Raw,
    file: Nullable(Type.Object({ url: Type.String(), type: Type.String(), size: Type.Integer() })),
  },
  { $id: 'ResourceSource', description: 'A resource as its editors edit it: every language as written, its state and version.' },
)

export const ItemIdParams = Type.Object({ id: Type.String({ pattern: UUID_PATTERN, description: 'The item’s UUID.' }) })
export const OwnerParams = Type.Object({ organisationId: Type.String({ pattern: UUID_PATTERN, description: 'The owner organisation’s UUID.' }) })

/** Added to the root instance so @fastify/swagger lists them under components.schemas. */
export const contentWriteSchemas = [
  ProjectWriteSchema,
  ProjectPatchSchema,
  ProjectSourceSchema,
  ResourceWriteSchema,
  ResourcePatchSchema,
  ResourceSourceSchema,
]

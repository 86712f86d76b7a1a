import { Type } from '@sinclair/typebox'
import { StringEnum } from '../../http/enum.js'
import { CountryCode, LangSchema, ListQuery, LocalizedTextSchema, Nullable, Page, SLUG_PATTERN } from '../../http/schemas.js'
import { LANGS } from '../../i18n/languages.js'
import { OrganisationRefSchema } from '../organisations/organisation-schemas.js'
import { DraftStateQuery, ThemeSchema } from '../projects/project-schemas.js'
import { COLLECTIONS, RESOURCE_KINDS } from '../vocabulary/terms.js'

export const CollectionSchema = StringEnum(COLLECTIONS.codes, { description: 'learning (courses, webinars, videos) or library (documents).' })
export const ResourceKindSchema = StringEnum(RESOURCE_KINDS.codes)
const Text = Type.Ref(LocalizedTextSchema)

/** Fields of every resource; the detail adds the body, which lists leave out to stay small. */
const resourceFields = {
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  collection: CollectionSchema,
  kind: ResourceKindSchema,
  title: Text,
  summary: Nullable(Text),
  originalLang: LangSchema,
  languages: Type.Array(LangSchema, { description: 'Languages the resource itself (document, video) is in.' }),
  url: Nullable(Type.String()),
  file: Nullable(
    Type.Object({ url: Type.String(), type: Type.String({ description: 'Media type.' }), size: Type.Integer({ description: 'Bytes.' }) }),
  ),
  countries: Type.Array(Type.String(), { description: 'ISO 3166-1 alpha-2 codes (Dublin Core coverage).' }),
  themes: Type.Array(ThemeSchema),
  publisher: Nullable(Type.Ref(OrganisationRefSchema)),
  owner: Type.Ref(OrganisationRefSchema),
  publishedOn: Nullable(Type.String({ format: 'date' })),
  licence: Nullable(Type.String({ description: 'SPDX identifier or short licence name, e.g. CC-BY-4.0.' })),
  webinar: Nullable(
    Type.Object({
      startsAt: Type.String({ format: 'date-time' }),
      endsAt: Nullable(Type.String({ format: 'date-time' })),
      joinUrl: Nullable(Type.String()),
      recordingUrl: Nullable(Type.String()),
      cancelledAt: Nullable(Type.String({ format: 'date-time', description: 'When the webinar was called off; null while it goes ahead.' })),
      upcoming: Type.Boolean({ description: 'True while the webinar has not started.' }),
    }),
  ),
  durationSeconds: Nullable(Type.Integer({ description: 'Videos: running time.' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  state: Type.Optional(StringEnum(['draft', 'published'] as const, { description: 'Only in replies to a signed-in caller who may see drafts.' })),
}

export const ResourceSummarySchema = Type.Object(resourceFields, {
  $id: 'ResourceSummary',
  description: 'A resource as listed (without its body).',
})

/** A public project a resource is attached to: enough to link to its page. */
export const AttachedProjectSchema = Type.Object(
  { id: Type.String({ format: 'uuid' }), slug: Type.String(), title: Text },
  { $id: 'AttachedProject' },
)

export const ResourceSchema = Type.Object(
  {
    ...resourceFields,
    body: Nullable(Type.Ref(LocalizedTextSchema, { description: 'Sanitised HTML.' })),
    projects: Type.Optional(
      Type.Array(Type.Ref(AttachedProjectSchema), {
        description:
          'The public projects it is attached to (each lists it: GET /v1/resources?project=), by slug. Given by GET /v1/resources/{idOrSlug}; the change feed leaves it out.',
      }),
    ),
  },
  { $id: 'Resource' },
)

export const ResourcePageSchema = Page(Type.Ref(ResourceSummarySchema), 'Resource')

export const ResourceListQuery = Type.Object(
  {
    lang: ListQuery.lang,
    limit: ListQuery.limit,
    cursor: ListQuery.cursor,
    q: ListQuery.q,
    collection: Type.Optional(CollectionSchema),
    kind: Type.Optional(ResourceKindSchema),
    language: Type.Optional(StringEnum(LANGS, { description: 'A language the resource itself is in.' })),
    country: Type.Optional(CountryCode),
    theme: Type.Optional(ThemeSchema),
    organisation: Type.Optional(
      Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'Slug of the publisher or the owner.' }),
    ),
    owner: Type.Optional(
      Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'Slug of the organisation that owns the resource: the one whose editors keep it up to date.' }),
    ),
    project: Type.Optional(
      Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'Id or slug of a public project: the resources attached to it.' }),
    ),
    upcoming: Type.Optional(
      Type.Boolean({ description: 'true: only webinars that have not started yet; false: everything else.' }),
    ),
    state: Type.Optional(DraftStateQuery),
  },
  { additionalProperties: false },
)

/** Added to the root instance so @fastify/swagger lists them under components.schemas. */
export const resourceSchemas = [ResourceSummarySchema, AttachedProjectSchema, ResourceSchema, ResourcePageSchema]

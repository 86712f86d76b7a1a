import { type TObject, type TProperties, Type } from '@sinclair/typebox'
import { StringEnum } from '../../http/enum.js'
import { Nullable, QueryInteger } from '../../http/schemas.js'
import { OrganisationSchema } from '../organisations/organisation-schemas.js'
import { ProjectSchema } from '../projects/project-schemas.js'
import { ResourceSchema } from '../resources/resource-schemas.js'
import { PARTICIPATION_ROLES } from '../vocabulary/terms.js'

/** A text in every language it is written in, as written: the feed carries all of them. */
export const TranslationsSchema = Type.Object(
  { ar: Type.Optional(Type.String()), fr: Type.Optional(Type.String()), en: Type.Optional(Type.String()) },
  { $id: 'Translations', description: 'A text in each language it exists in (no fallback: a missing language is absent).' },
)
const Texts = Type.Ref(TranslationsSchema)

const FeedOrganisationRefSchema = Type.Object(
  { id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Texts, logoUrl: Nullable(Type.String()) },
  { $id: 'FeedOrganisationRef' },
)
const Ref = Type.Ref(FeedOrganisationRefSchema)

/** The public item's schema with its texts (and embedded organisations) in every language. */
function withTranslations<T extends TProperties>(schema: TObject<T>, replaced: TProperties, id: string, description: string) {
  return Type.Object({ ...schema.properties, ...replaced }, { $id: id, description })
}

export const FeedProjectSchema = withTranslations(
  ProjectSchema,
  {
    title: Texts,
    summary: Nullable(Texts),
    description: Nullable(Texts),
    participants: Type.Array(Type.Object({ organisation: Ref, role: StringEnum(PARTICIPATION_ROLES.codes) })),
    owner: Ref,
  },
  'FeedProject',
  'A public project as GET /v1/projects/{id} has it, with every language of each text.',
)

export const FeedResourceSchema = withTranslations(
  ResourceSchema,
  { title: Texts, summary: Nullable(Texts), body: Nullable(Texts), owner: Ref, publisher: Nullable(Ref) },
  'FeedResource',
  'A public resource as GET /v1/resources/{id} has it, with every language of each text.',
)

export const FeedOrganisationSchema = withTranslations(
  OrganisationSchema,
  { name: Texts, description: Nullable(Texts) },
  'FeedOrganisation',
  'A public organisation as GET /v1/organisations/{id} has it, with every language of each text.',
)

export const ChangeSchema = Type.Object(
  {
    cursor: Type.String({ description: 'Resume right after this change: GET /v1/changes?since={cursor}.' }),
    at: Type.String({ format: 'date-time', description: 'When the change was recorded.' }),
    type: StringEnum(['organisation', 'project', 'resource'] as const),
    id: Type.String({ format: 'uuid' }),
    action: StringEnum(['upsert', 'delete'] as const, {
      description: '`upsert`: store `item`, it is the item now. `delete`: the item is no longer public (deleted or unpublished): drop your copy.',
    }),
    version: Nullable(Type.Integer({ description: 'The item’s version after the change (each write increments it).' })),
    origin: Type.String({ description: 'The public origin of the WeGov node where the change was made.' }),
    item: Type.Optional(Type.Union([Type.Ref(FeedProjectSchema), Type.Ref(FeedResourceSchema), Type.Ref(FeedOrganisationSchema)])),
  },
  { $id: 'Change', description: 'One public change, with the item as it is now (never a draft, never a person).' },
)

export const ChangePageSchema = Type.Object(
  {
    items: Type.Array(Type.Ref(ChangeSchema)),
    nextCursor: Nullable(Type.String({ description: 'More changes are ready: ask with since={nextCursor}. null: you are caught up.' })),
    resumeCursor: Type.String({ description: 'Where to continue later, even from an empty page: keep it and ask with since={resumeCursor}.' }),
  },
  { $id: 'ChangePage' },
)

export const ChangeQuery = Type.Object(
  {
    since: Type.Optional(
      Type.String({ maxLength: 512, pattern: '^[A-Za-z0-9_-]+$', description: 'A cursor from a previous page; without it, the feed starts at its horizon (WEGOV_CHANGE_RETENTION_DAYS).' }),
    ),
    limit: Type.Optional(QueryInteger({ minimum: 1, maximum: 1000, default: 100, description: 'Changes per page, 1-1000.' })),
  },
  { additionalProperties: false },
)

export const changeFeedSchemas = [TranslationsSchema, FeedOrganisationRefSchema, FeedProjectSchema, FeedResourceSchema, FeedOrganisationSchema, ChangeSchema, ChangePageSchema]

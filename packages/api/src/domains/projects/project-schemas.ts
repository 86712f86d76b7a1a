import { Type } from '@sinclair/typebox'
import { StringEnum } from '../../http/enum.js'
import { CountryCode, LangSchema, ListQuery, LocalizedTextSchema, Nullable, Page, SLUG_PATTERN } from '../../http/schemas.js'
import { OrganisationRefSchema } from '../organisations/organisation-schemas.js'
import { PARTICIPATION_ROLES, PROJECT_STATUSES, THEMES } from '../vocabulary/terms.js'

export const ProjectStatusSchema = StringEnum(PROJECT_STATUSES.codes, { description: 'IATI activity status.' })
export const ThemeSchema = StringEnum(THEMES.codes)
const DateOnly = Nullable(Type.String({ format: 'date' }))
const Text = Type.Ref(LocalizedTextSchema)

export const ProjectSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    title: Text,
    summary: Nullable(Text),
    description: Nullable(Text),
    originalLang: LangSchema,
    status: ProjectStatusSchema,
    dates: Type.Object({ plannedStart: DateOnly, plannedEnd: DateOnly, actualStart: DateOnly, actualEnd: DateOnly }),
    countries: Type.Array(Type.String(), { description: 'ISO 3166-1 alpha-2 codes.' }),
    themes: Type.Array(ThemeSchema),
    participants: Type.Array(
      Type.Object({
        organisation: Type.Ref(OrganisationRefSchema),
        role: StringEnum(PARTICIPATION_ROLES.codes, { description: 'IATI participating-org role.' }),
      }),
    ),
    owner: Type.Ref(OrganisationRefSchema),
    budget: Nullable(Type.Object({ amount: Type.Number(), currency: Type.String({ description: 'ISO 4217 code.' }) })),
    website: Nullable(Type.String()),
    contact: Nullable(
      Type.Object(
        { name: Type.String(), url: Nullable(Type.String()) },
        { description: 'A public contact point: never a person’s email.' },
      ),
    ),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    state: Type.Optional(StringEnum(['draft', 'published'] as const, { description: 'Only in replies to a signed-in caller who may see drafts.' })),
  },
  { $id: 'Project' },
)

/** `state=draft` lists an organisation's drafts (with a credential); `published`, the default, the public list. */
export const DraftStateQuery = StringEnum(['draft', 'published'] as const, {
  description: 'draft: the drafts of the organisation named by `organisation`, for its editors (401 anonymous, 403 others).',
})

/** A 301 to an item's current address (its slug changed after publication). */
export const MovedSchema = Type.Null({ description: 'Moved: the Location header is the item’s current address.' })

export const ProjectPageSchema = Page(Type.Ref(ProjectSchema), 'Project')

export const ProjectListQuery = Type.Object(
  {
    lang: ListQuery.lang,
    limit: ListQuery.limit,
    cursor: ListQuery.cursor,
    q: ListQuery.q,
    country: Type.Optional(CountryCode),
    theme: Type.Optional(ThemeSchema),
    status: Type.Optional(ProjectStatusSchema),
    organisation: Type.Optional(
      Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'Slug of an organisation that owns or takes part in the project.' }),
    ),
    owner: Type.Optional(
      Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'Slug of the organisation that owns the project: the one whose editors keep it up to date.' }),
    ),
    state: Type.Optional(DraftStateQuery),
  },
  { additionalProperties: false },
)

/** Added to the root instance so @fastify/swagger lists them under components.schemas. */
export const projectSchemas = [ProjectSchema, ProjectPageSchema]

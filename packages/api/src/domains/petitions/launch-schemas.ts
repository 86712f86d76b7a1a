import { type TSchema, Type } from '@sinclair/typebox'
import { StringEnum } from '../../http/enum.js'
import { CountryCode, LangSchema, LocalizedTextSchema, Nullable, ProblemSchema, UUID_PATTERN } from '../../http/schemas.js'
import { LANGS } from '../../i18n/languages.js'
import { THEMES } from '../vocabulary/terms.js'
import { PETITION_STATUSES } from './petition-lifecycle.js'
import { REJECTION_CODES } from './rejection-codes.js'

export const Problem = Type.Ref(ProblemSchema)

export const TITLE_MAX = 200
export const SUMMARY_MAX = 1000
export const TEXT_MAX = 20_000
export const GOAL_MAX = 10_000_000

const translated = (maxLength: number, description: string) =>
  Type.Object(Object.fromEntries(LANGS.map((lang) => [lang, Type.Optional(Nullable(Type.String({ maxLength })))])), {
    additionalProperties: false,
    description: `${description} Per language; in an update, a language given replaces that translation, null removes it, one left out is kept.`,
  })

const draftFields = {
  originalLang: LangSchema,
  title: translated(TITLE_MAX, 'What the petition asks, in a sentence.'),
  summary: translated(SUMMARY_MAX, 'A short summary, plain text.'),
  text: translated(TEXT_MAX, 'The petition text, the letter to the authority (HTML; sanitised when stored).'),
  authority: translated(300, 'The authority the petition is addressed to (a ministry, a municipal council…).'),
  country: CountryCode,
  themes: Type.Array(StringEnum(THEMES.codes), { minItems: 1, maxItems: 5, uniqueItems: true }),
  goal: Type.Integer({ minimum: 1, maximum: GOAL_MAX, description: 'The number of signatures the petition aims for.' }),
  closesAt: Type.String({ format: 'date-time', description: 'When it stops taking signatures: at most WEGOV_PETITION_MAX_MONTHS months ahead.' }),
}

function fields(required: readonly string[], extra: Record<string, TSchema>, id: string, description: string) {
  const all: Record<string, TSchema> = {}
  for (const [name, schema] of Object.entries({ ...draftFields, ...extra })) all[name] = required.includes(name) ? schema : Type.Optional(schema)
  return Type.Object(all, { $id: id, additionalProperties: false, description })
}

export const PetitionDraftSchema = fields(
  ['originalLang', 'title', 'country', 'themes', 'goal', 'closesAt'],
  {
    organisationId: Type.String({
      pattern: UUID_PATTERN,
      description: 'Launch it for this organisation (its editors and owners only): it then needs no sponsors.',
    }),
  },
  'PetitionDraft',
  'A new petition, saved as a draft. The title is required in the original language; other languages are optional.',
)

export const PetitionDraftPatchSchema = fields([], {}, 'PetitionDraftPatch', 'A JSON merge patch of a draft (RFC 7396).')

export const RejectRequestSchema = Type.Object(
  {
    code: StringEnum(REJECTION_CODES, {
      description: 'defamatory, illegal and personal_data also hide the petition; the others leave it public with the reason shown.',
    }),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'Shown with the reason, and sent to the creator.' })),
  },
  { $id: 'PetitionRejectRequest', additionalProperties: false },
)

export const PetitionParams = Type.Object({ petitionId: Type.String({ pattern: UUID_PATTERN, description: 'The petition’s UUID.' }) })
export const SponsorLinkParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}$', description: 'The token of a sponsor link.' }) })

const Person = Nullable(Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }))

/** A petition as its creator, its organisation and moderators see it, whatever its state. */
export const LaunchedPetitionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    status: StringEnum(PETITION_STATUSES, { description: 'The stored state (the public status is derived from it and the dates).' }),
    originalLang: LangSchema,
    title: Type.Ref(LocalizedTextSchema),
    texts: Type.Object(
      {
        title: Type.Record(Type.String(), Type.String()),
        summary: Type.Record(Type.String(), Type.String()),
        text: Type.Record(Type.String(), Type.String()),
        authority: Type.Record(Type.String(), Type.String()),
      },
      { description: 'Every language as stored, for editing.' },
    ),
    country: Type.String(),
    themes: Type.Array(Type.String()),
    goal: Type.Integer(),
    closesAt: Type.String({ format: 'date-time' }),
    opensAt: Nullable(Type.String({ format: 'date-time', description: 'Set when a moderator approves it.' })),
    organisationId: Nullable(Type.String({ format: 'uuid' })),
    launcherName: Nullable(Type.String()),
    sponsors: Nullable(
      Type.Object(
        {
          needed: Type.Integer(),
          confirmed: Nullable(Type.Integer({ description: 'Sponsors who confirmed so far, while it collects them.' })),
          token: Nullable(Type.String({ description: 'The token of the private sponsor link (GET /v1/sponsor-links/{token}); only while it collects sponsors.' })),
        },
        { description: 'A citizen’s petition: its sponsors. Their confirmed count is the petition’s signature count.' },
      ),
    ),
    moderation: Type.Object({
      submittedAt: Nullable(Type.String({ format: 'date-time' })),
      dueAt: Nullable(Type.String({ format: 'date-time' })),
      claimedBy: Person,
      decidedAt: Nullable(Type.String({ format: 'date-time' })),
      rejectionCode: Nullable(StringEnum(REJECTION_CODES)),
      rejectionNote: Nullable(Type.String()),
    }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'LaunchedPetition' },
)

export const LaunchedPetitionListSchema = Type.Object(
  { items: Type.Array(Type.Ref(LaunchedPetitionSchema)) },
  { $id: 'LaunchedPetitionList' },
)

export const SponsorPageSchema = Type.Object(
  {
    petition: Type.Object({
      id: Type.String({ format: 'uuid' }),
      title: Type.Ref(LocalizedTextSchema),
      summary: Nullable(Type.Ref(LocalizedTextSchema)),
      text: Nullable(Type.Ref(LocalizedTextSchema)),
      authority: Nullable(Type.Ref(LocalizedTextSchema)),
      country: Type.String(),
      launcherName: Nullable(Type.String()),
    }),
    sponsorsNeeded: Type.Integer({ description: 'Confirmed sponsors it needs before moderators review it.' }),
  },
  { $id: 'SponsorPage' },
)

export const launchSchemas = [PetitionDraftSchema, PetitionDraftPatchSchema, RejectRequestSchema, LaunchedPetitionSchema, LaunchedPetitionListSchema, SponsorPageSchema]

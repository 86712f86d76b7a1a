import { Type } from '@sinclair/typebox'
import { StringEnum } from '../../http/enum.js'
import { CountryCode, LangSchema, ListQuery, LocalizedTextSchema, Nullable, Page, SLUG_PATTERN } from '../../http/schemas.js'
import { OrganisationRefSchema } from '../organisations/organisation-schemas.js'
import { THEMES } from '../vocabulary/terms.js'
import { PETITION_STATUS_FILTERS, PUBLIC_PETITION_STATUSES } from './petition-lifecycle.js'
import { REJECTION_CODES } from './rejection-codes.js'

const Text = Type.Ref(LocalizedTextSchema)
const Instant = Type.String({ format: 'date-time' })

export const PetitionStatusSchema = StringEnum(PUBLIC_PETITION_STATUSES, {
  description: 'upcoming: approved, opens later; open: accepts signatures; closed: deadline passed or closed by its owner; rejected: see rejectionReason.',
})

export const PetitionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    title: Text,
    summary: Nullable(Text),
    text: Nullable(Text),
    originalLang: LangSchema,
    status: PetitionStatusSchema,
    acceptingSignatures: Type.Boolean({ description: 'True while the petition is open and between its opening and closing dates.' }),
    targets: Type.Array(Text, { description: 'Whom the petition addresses.' }),
    country: Type.String({ description: 'ISO 3166-1 alpha-2 code.' }),
    themes: Type.Array(StringEnum(THEMES.codes)),
    goal: Type.Integer({ description: 'The number of signatures the petition aims for.' }),
    signatureCount: Type.Integer({ description: 'Confirmed online signatures, from the maintained count (a few seconds behind at most). Paper signatures are apart: paperCount.' }),
    awaitingResponse: Type.Boolean({
      description: 'Its online and paper signatures reached the node’s response threshold (WEGOV_RESPONSE_THRESHOLD) and no official response is recorded yet.',
    }),
    paperCount: Type.Integer({ description: 'Signatures partners collected on paper and declared (batches a moderator voided excluded). Not in signatureCount.' }),
    opensAt: Instant,
    closesAt: Instant,
    endedAt: Nullable(Type.String({ format: 'date-time', description: 'When it was closed early, rejected or withdrawn.' })),
    launcher: Type.Object(
      {
        organisation: Nullable(Type.Ref(OrganisationRefSchema)),
        name: Nullable(Type.String({ description: 'The display name of a person who launched it.' })),
      },
      { description: 'Who launched the petition: an organisation, or a person by display name.' },
    ),
    response: Nullable(
      Type.Object(
        {
          text: Text,
          respondedAt: Instant,
          document: Nullable(
            Type.Object(
              { id: Type.String({ format: 'uuid' }), url: Type.String({ description: 'GET it: the document is public.' }) },
              { description: 'The response’s document (a letter, a decree), if one was attached.' },
            ),
          ),
        },
        { description: 'The official response of the authority the petition addresses, once given.' },
      ),
    ),
    rejectionReason: Nullable(Text),
    rejectionCode: Nullable(StringEnum(REJECTION_CODES, { description: 'Why moderators rejected it (rejected petitions only); rejectionReason says it in words.' })),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Petition' },
)

export const PetitionPageSchema = Page(Type.Ref(PetitionSchema), 'Petition')

export const PetitionListQuery = Type.Object(
  {
    lang: ListQuery.lang,
    limit: ListQuery.limit,
    cursor: ListQuery.cursor,
    q: ListQuery.q,
    status: Type.Optional(StringEnum(PETITION_STATUS_FILTERS, { description: 'A public status, or `responded`.' })),
    country: Type.Optional(CountryCode),
    theme: Type.Optional(StringEnum(THEMES.codes)),
    organisation: Type.Optional(
      Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'Slug of the launching organisation.' }),
    ),
  },
  { additionalProperties: false },
)

export const PetitionCountSchema = Type.Object(
  {
    petitionId: Type.String({ format: 'uuid' }),
    total: Type.Integer({ description: 'Confirmed online signatures that count. Paper signatures are not in it: see paper.' }),
    goal: Type.Integer(),
    bySource: Type.Array(
      Type.Object({ partner: Nullable(Type.String({ description: 'Slug of the partner site, null for direct.' })), count: Type.Integer() }),
    ),
    byCountry: Type.Array(Type.Object({ country: Type.String(), count: Type.Integer() })),
    invalidated: Type.Integer({ description: 'Confirmed signatures invalidated by the abuse checks, published for transparency.' }),
    paper: Type.Object(
      { total: Type.Integer({ description: 'Paper signatures declared by partners, voided batches excluded (GET /v1/petitions/{id}/paper-signatures lists them).' }) },
      { description: 'Signatures collected on paper, counted apart from the online ones.' },
    ),
    updatedAt: Instant,
  },
  { $id: 'PetitionCount' },
)

export const PublicSignatureSchema = Type.Object(
  {
    firstName: Type.String(),
    lastInitial: Type.String({ description: 'The first letter of the surname, past a particle such as ال, al-, de or ibn (الحداد → ح): a full surname is never published.' }),
    city: Nullable(Type.String()),
    country: Type.String(),
    signedAt: Instant,
    comment: Nullable(Type.String({ description: 'Plain text: escape it before putting it in a page.' })),
  },
  { $id: 'PublicSignature', description: 'A signer who chose to appear publicly, in display form.' },
)

export const PublicSignaturePageSchema = Page(Type.Ref(PublicSignatureSchema), 'PublicSignature')

export const petitionSchemas = [PetitionSchema, PetitionPageSchema, PetitionCountSchema, PublicSignatureSchema, PublicSignaturePageSchema]

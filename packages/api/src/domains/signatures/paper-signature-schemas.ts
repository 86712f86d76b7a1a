import { Type } from '@sinclair/typebox'
import { Nullable, UUID_PATTERN } from '../../http/schemas.js'
import { OrganisationRefSchema } from '../organisations/organisation-schemas.js'

/** The most signatures one paper batch may declare: far past any sheet pile, short of a typo's extra zeros. */
export const PAPER_BATCH_MAX = 1_000_000
/** A void's reason, as the moderator writes it (published with the batch). */
export const VOID_REASON_MAX = 500

const Uuid = Type.String({ pattern: UUID_PATTERN })

export const PaperSignaturesRequestSchema = Type.Object(
  {
    count: Type.Integer({ minimum: 1, maximum: PAPER_BATCH_MAX, description: 'How many signatures the sheets hold.' }),
    country: Type.String({ maxLength: 8, description: 'Where they were collected: an assigned ISO 3166-1 alpha-2 code; any other is refused with WEGOV_INVALID_COUNTRY.' }),
    collectedOn: Type.String({ maxLength: 10, description: 'The day they were collected (YYYY-MM-DD), not in the future: else WEGOV_INVALID_DATE.' }),
    scanFileId: Type.Optional(
      Nullable(Type.String({ ...Uuid, description: 'A scan of the sheets: an upload of this organisation (POST /v1/organisations/{organisationId}/files). Never published.' })),
    ),
  },
  { additionalProperties: false, $id: 'PaperSignaturesRequest' },
)

export const VoidPaperSignaturesRequestSchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: VOID_REASON_MAX, description: 'Why the batch no longer counts; published with it.' }) },
  { additionalProperties: false, $id: 'VoidPaperSignaturesRequest' },
)

export const PaperSignatureBatchSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    petitionId: Type.String({ format: 'uuid' }),
    count: Type.Integer(),
    country: Type.String(),
    collectedOn: Type.String({ description: 'YYYY-MM-DD.' }),
    partner: Nullable(Type.Ref(OrganisationRefSchema, { description: 'The partner organisation that collected them (null if it was deleted).' })),
    addedAt: Type.String({ format: 'date-time' }),
    voided: Type.Boolean({ description: 'A moderator voided the batch: it no longer counts.' }),
    voidReason: Nullable(Type.String()),
    voidedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  {
    $id: 'PaperSignatureBatch',
    description: 'Signatures a partner collected on paper: a count, never the people. The scan and who typed the batch in are not published.',
  },
)

export const PaperSignatureBatchListSchema = Type.Object(
  {
    items: Type.Array(Type.Ref(PaperSignatureBatchSchema), { description: 'Newest first; voided batches included, with their reason.' }),
    total: Type.Integer({ description: 'Paper signatures that count: the batches not voided.' }),
  },
  { $id: 'PaperSignatureBatchList' },
)

export const paperSignatureSchemas = [PaperSignaturesRequestSchema, VoidPaperSignaturesRequestSchema, PaperSignatureBatchSchema, PaperSignatureBatchListSchema]

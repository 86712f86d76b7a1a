import { Type } from '@sinclair/typebox'
import { LangSchema, Nullable, UUID_PATTERN } from '../../http/schemas.js'

/** The longest response text in one language (HTML, sanitised like the petition text). */
export const RESPONSE_MAX = 50_000

const html = Type.String({ maxLength: RESPONSE_MAX })

export const PetitionResponseRequestSchema = Type.Object(
  {
    text: Type.Object(
      { ar: Type.Optional(html), fr: Type.Optional(html), en: Type.Optional(html) },
      { additionalProperties: false, description: 'The response, as rich text (HTML, sanitised like the petition text), per language; the original language is required.' },
    ),
    originalLang: LangSchema,
    respondedAt: Type.String({ maxLength: 40, description: 'When the authority gave it (a date-time or YYYY-MM-DD), not in the future: else WEGOV_INVALID_DATE.' }),
    documentId: Type.Optional(
      Nullable(Type.String({ pattern: UUID_PATTERN, description: 'The response’s document: an upload of this organisation. It becomes public with the response.' })),
    ),
  },
  { additionalProperties: false, $id: 'PetitionResponseRequest' },
)

export const PetitionResponseRecordedSchema = Type.Object(
  {
    petitionId: Type.String({ format: 'uuid' }),
    respondedAt: Type.String({ format: 'date-time' }),
    originalLang: LangSchema,
    documentId: Nullable(Type.String({ format: 'uuid' })),
    organisationId: Type.String({ format: 'uuid', description: 'The organisation it was recorded for.' }),
    firstResponse: Type.Boolean({ description: 'True when the petition had none before: its consenting signers are emailed. A correction emails nobody.' }),
  },
  { $id: 'PetitionResponseRecorded' },
)

export const petitionResponseSchemas = [PetitionResponseRequestSchema, PetitionResponseRecordedSchema]

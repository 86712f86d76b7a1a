import { type IntegerOptions, type TSchema, Type } from '@sinclair/typebox'
import { ERRORS } from '../errors.js'
import { LANGS } from '../i18n/languages.js'

/** Shared pieces of route schemas. Route schemas are the single source of the OpenAPI document. */

export const LangSchema = Type.Union(LANGS.map((l) => Type.Literal(l)), {
  description: 'Language of the reader: ar, fr or en. Defaults to Accept-Language, then fr.',
})

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
const UUID = new RegExp(UUID_PATTERN)

/** Whether an id is a UUID (else, in `idOrSlug` routes, it is a slug). */
export function isUuid(value: string): boolean {
  return UUID.test(value)
}
export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$'

export const IdOrSlugParams = Type.Object({
  idOrSlug: Type.String({
    pattern: `(${UUID_PATTERN})|(${SLUG_PATTERN})`,
    maxLength: 100,
    description: 'A UUID or a slug (lowercase letters, digits and dashes).',
  }),
})

export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 code, e.g. TN, LY, PS, JO.' })

/**
 * An integer read from the query string. ajv coerces "Infinity", "-Infinity" and "1e309" to non-finite
 * numbers without the finiteness check it applies to real numbers, and then skips minimum and maximum for
 * them (ajv-validator/ajv#2212, fastify/fastify#6718): they reached PostgreSQL. The `allOf` checks the
 * type again on the coerced number, where ajv does require it to be finite.
 */
export const QueryInteger = (options: IntegerOptions) => Type.Integer({ ...options, allOf: [{ type: 'integer' }] })

export const ListQuery = {
  lang: Type.Optional(LangSchema),
  limit: Type.Optional(QueryInteger({ minimum: 1, maximum: 100, default: 20, description: 'Items per page, 1-100.' })),
  cursor: Type.Optional(Type.String({ maxLength: 512, pattern: '^[A-Za-z0-9_-]+$', description: 'The nextCursor of the previous page.' })),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Full-text search in Arabic, French and English.' }),
  ),
}

export const LocalizedTextSchema = Type.Object(
  {
    text: Type.String(),
    lang: LangSchema,
    dir: Type.Union([Type.Literal('rtl'), Type.Literal('ltr')]),
    fallback: Type.Boolean({ description: 'True when the text is not in the language asked for.' }),
  },
  { $id: 'LocalizedText', description: 'A text with the language it is really in, so fallback text can be marked.' },
)

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    // Every code of the catalogue, so the SDK publishes them as a union a caller can switch on. Sorted:
    // the document then does not change when catalogue blocks are merged in another order.
    code: Type.String({ enum: Object.keys(ERRORS).sort(), description: 'Stable WEGOV_* code from the error catalogue.' }),
    detail: Type.String({ description: 'A message for people, in the language of the request.' }),
    lang: LangSchema,
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          message: Type.String(),
          code: Type.Optional(Type.String({ description: 'The catalogue code of this field’s fault.' })),
        }),
      ),
    ),
    currentVersion: Type.Optional(Type.Integer({ description: 'WEGOV_EDIT_CONFLICT: the version the item is at now.' })),
    leftOut: Type.Optional(
      Type.Record(Type.String(), Type.Array(Type.String()), {
        description: 'WEGOV_IATI_EMPTY: the projects (slugs) left out of the IATI file, by reason (`no-iati-identifier`, `no-start-date`, …).',
      }),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details.' },
)

export const Page = <T extends TSchema>(item: T, name: string) =>
  Type.Object(
    { items: Type.Array(item), nextCursor: Nullable(Type.String()) },
    { $id: `${name}Page` },
  )

/** The error responses every read route documents. */
export const readErrors = {
  400: Type.Ref(ProblemSchema),
  404: Type.Ref(ProblemSchema),
}

import { Type } from '@sinclair/typebox'
import { CountryCode, LangSchema, ListQuery, LocalizedTextSchema, Nullable, Page } from '../../http/schemas.js'
import { StringEnum } from '../../http/enum.js'
import { CONTENT_LICENCES, ORGANISATION_KINDS } from '../vocabulary/terms.js'

export const OrganisationKindSchema = StringEnum(ORGANISATION_KINDS.codes)
export const LicenceSchema = StringEnum(CONTENT_LICENCES.codes, {
  description: 'The SPDX id of the licence the organisation publishes its content under (CC-BY-4.0 unless it chose another).',
})

export const OrganisationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    name: Type.Ref(LocalizedTextSchema),
    description: Nullable(Type.Ref(LocalizedTextSchema)),
    originalLang: LangSchema,
    kind: OrganisationKindSchema,
    country: Type.String(),
    website: Nullable(Type.String()),
    logoUrl: Nullable(Type.String()),
    isPartner: Type.Boolean({ description: 'A partner organisation of the WeGov project.' }),
    licence: LicenceSchema,
    iatiIdentifier: Nullable(Type.String({ description: 'IATI organisation identifier (org-id.guide prefix and number, e.g. TN-RNE-1234567A); null when it publishes no IATI data.' })),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Organisation' },
)

/** The short form embedded in projects and resources. */
export const OrganisationRefSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    name: Type.Ref(LocalizedTextSchema),
    logoUrl: Nullable(Type.String()),
  },
  { $id: 'OrganisationRef' },
)

export const OrganisationPageSchema = Page(Type.Ref(OrganisationSchema), 'Organisation')

export const OrganisationListQuery = Type.Object(
  {
    lang: ListQuery.lang,
    limit: ListQuery.limit,
    cursor: ListQuery.cursor,
    country: Type.Optional(CountryCode),
    kind: Type.Optional(OrganisationKindSchema),
    partner: Type.Optional(Type.Boolean({ description: 'Only WeGov partners (true) or only others (false).' })),
  },
  { additionalProperties: false },
)

/** Added to the root instance so @fastify/swagger lists them under components.schemas. */
export const organisationSchemas = [OrganisationSchema, OrganisationRefSchema, OrganisationPageSchema]

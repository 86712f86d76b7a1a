import { escapeXml } from '../../content/escape.js'
import type { Lang, TranslatedText } from '../../db/schema.js'
import type { HarvestedResource } from '../resources/resource-harvest.js'
import { RESOURCE_KINDS, THEMES } from '../vocabulary/terms.js'

/** The OAI-PMH 2.0 error codes (specification §3.6). */
export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy'

/** An OAI-PMH error: answered 200 with <error code="…">, as the protocol's harvesters expect, never problem+json. */
export class OaiError extends Error {
  constructor(
    readonly code: OaiErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export const OAI_DC = {
  prefix: 'oai_dc',
  schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
  namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
} as const

const LANGS: readonly Lang[] = ['ar', 'fr', 'en']

/** A datestamp at the repository's granularity (seconds, UTC). */
export function datestamp(iso: string | Date): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`
}

/** The OAI-PMH envelope; `request` holds the arguments echoed back (none after badVerb or badArgument). */
export function envelope(baseUrl: string, request: Record<string, string>, body: string, now: Date): string {
  const attributes = Object.entries(request).map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join('')
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '         xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">',
    `<responseDate>${datestamp(now)}</responseDate>`,
    `<request${attributes}>${escapeXml(baseUrl)}</request>`,
    body,
    '</OAI-PMH>',
    '',
  ].join('\n')
}

export function errorElement(error: OaiError): string {
  return `<error code="${error.code}">${escapeXml(error.message)}</error>`
}

/** Set specs: `collection:<code>` and `country:<ISO code>`, under the parent sets `collection` and `country`. */
export function setSpecs(resource: Pick<HarvestedResource, 'collection' | 'countries'>): string[] {
  return [`collection:${resource.collection}`, ...resource.countries.map((country) => `country:${country}`)]
}

export function header(identifier: string, resource: HarvestedResource): string {
  return [
    `<header${resource.deleted ? ' status="deleted"' : ''}>`,
    `<identifier>${escapeXml(identifier)}</identifier>`,
    `<datestamp>${datestamp(resource.changedAt)}</datestamp>`,
    ...setSpecs(resource).map((spec) => `<setSpec>${escapeXml(spec)}</setSpec>`),
    '</header>',
  ].join('')
}

/** A record: its header, and its oai_dc metadata unless it is deleted (a deleted record has none). */
export function record(identifier: string, resource: HarvestedResource, about: RecordLinks): string {
  if (resource.deleted) return `<record>${header(identifier, resource)}</record>`
  return `<record>${header(identifier, resource)}<metadata>${dublinCore(resource, about)}</metadata></record>`
}

/** What a record names beyond the resource's own row: its address on WeGov and its publisher's name. */
export interface RecordLinks {
  itemUrl: string
  publisher: TranslatedText | null
}

/** DCMI Type of each kind: a webinar is an Event, a video a MovingImage, the others Text. */
const DCMI_TYPE: Record<string, string> = { webinar: 'Event', video: 'MovingImage' }

/** The resource as unqualified Dublin Core; each text once per language (xml:lang). */
export function dublinCore(resource: HarvestedResource, { itemUrl, publisher }: RecordLinks): string {
  const perLanguage = (element: string, text: TranslatedText | null) =>
    LANGS.filter((lang) => text?.[lang]).map((lang) => `<dc:${element} xml:lang="${lang}">${escapeXml(text![lang]!)}</dc:${element}>`)
  const plain = (element: string, value: string | null) => (value ? [`<dc:${element}>${escapeXml(value)}</dc:${element}>`] : [])
  const kind = RESOURCE_KINDS.terms[resource.kind as keyof typeof RESOURCE_KINDS.terms]
  return [
    `<oai_dc:dc xmlns:oai_dc="${OAI_DC.namespace}" xmlns:dc="http://purl.org/dc/elements/1.1/"`,
    ` xsi:schemaLocation="${OAI_DC.namespace} ${OAI_DC.schema}">`,
    ...perLanguage('title', resource.title),
    ...perLanguage('description', resource.summary),
    ...resource.themes.flatMap((theme) => perLanguage('subject', THEMES.terms[theme as keyof typeof THEMES.terms] ?? { en: theme })),
    ...perLanguage('publisher', publisher),
    ...plain('date', resource.publishedOn),
    ...plain('type', DCMI_TYPE[resource.kind] ?? 'Text'),
    ...perLanguage('type', kind ?? { en: resource.kind }),
    ...plain('format', resource.fileType),
    ...plain('identifier', itemUrl),
    ...plain('identifier', resource.url),
    ...(resource.fileUrl !== resource.url ? plain('identifier', resource.fileUrl) : []),
    ...resource.languages.flatMap((lang) => plain('language', lang)),
    ...resource.countries.flatMap((country) => plain('coverage', country)),
    ...plain('rights', resource.licence),
    '</oai_dc:dc>',
  ].join('')
}

/** The token element: with a next token while pages remain; empty on the last page of a resumed list. */
export function resumptionToken(token: string | null, completeListSize: number, cursor: number, expires: Date | null): string {
  const expiry = expires ? ` expirationDate="${datestamp(expires)}"` : ''
  return `<resumptionToken completeListSize="${completeListSize}" cursor="${cursor}"${expiry}>${token ? escapeXml(token) : ''}</resumptionToken>`
}

import type { Static } from '@sinclair/typebox'
import type { FastifyError } from 'fastify'
import type { Lang } from '../../db/schema.js'
import { type ErrorCode, WeGovError } from '../../errors.js'
import { isCountryCode } from '../vocabulary/country-codes.js'
import { type ParsedEmail, parseEmail } from './canonical-email.js'
import type { SignRequestSchema } from './signature-schemas.js'

export type SignRequest = Static<typeof SignRequestSchema>

/** A signing request checked and normalised: what the batcher writes. */
export interface SignatureDraft {
  firstName: string
  lastName: string
  email: ParsedEmail
  country: string
  city: string | null
  comment: string | null
  display: 'public' | 'anonymous'
  newsFromOrganiser: boolean
  newsFromPartner: boolean
  /** Tell me about this petition's official response. */
  responseWanted: boolean
  locale: Lang
  sourcePartner: string | null
  sourceUrl: string | null
}

const NAME_MAX = 100
const CITY_MAX = 100
const COMMENT_MAX = 500

// Control characters, bidi overrides and isolates (they reorder what follows them in a public list),
// line and paragraph separators. Zero-width joiners stay: some scripts need them.
const FORBIDDEN = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF\uFFF9-\uFFFB]/u
const HAS_LETTER = /\p{L}/u
// Default-ignorable code points draw nothing: zero-width characters, U+180E, the Hangul fillers (U+3164,
// which Unicode counts as a letter), tag characters. They may sit in a name (Persian needs ZWNJ) but do
// not make it visible.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu
// Tag characters (U+E0000-E007F) hide text that some software shows and some does not.
const TAG_CHARACTERS = /[\u{E0000}-\u{E007F}]/u
// Arabic stacks at most shadda, a haraka and a dagger alif on a letter; more is piled-up "Zalgo" text.
const MARK_RUN = /\p{M}{4,}/u
// A name or city is published: it must not carry an address or a link instead.
const CONTACT_LIKE = /@|:\/\/|www\./i
const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/

/**
 * Checks and normalises a signing request, throwing the catalogue code a person can act on:
 * WEGOV_INVALID_EMAIL, WEGOV_INVALID_NAME, WEGOV_INVALID_COUNTRY, WEGOV_INVALID_TEXT or WEGOV_CONSENT_REQUIRED.
 */
export function signatureDraft(body: SignRequest, requestLang: Lang, knownPartner: (slug: string) => boolean): SignatureDraft {
  if (body.consents.processing !== true) throw new WeGovError('WEGOV_CONSENT_REQUIRED')
  const email = parseEmail(body.email)
  if (!email) throw new WeGovError('WEGOV_INVALID_EMAIL', { errors: [{ field: 'email', message: 'not a valid email address' }] })
  const firstName = personName(body.firstName, 'firstName')
  const lastName = personName(body.lastName, 'lastName')
  if (!isCountryCode(body.country)) throw invalidCountry()
  const city = optionalText(body.city, CITY_MAX, 'city')
  if (city !== null && CONTACT_LIKE.test(city)) throw invalidText('city')
  const comment = optionalComment(body.comment)
  const partner = body.source?.partner
  return {
    firstName,
    lastName,
    email,
    country: body.country,
    city,
    comment,
    display: body.display ?? 'anonymous',
    newsFromOrganiser: body.consents.newsFromOrganiser ?? false,
    newsFromPartner: body.consents.newsFromPartner ?? false,
    responseWanted: body.consents.response ?? false,
    locale: body.locale ?? requestLang,
    sourcePartner: partner && knownPartner(partner) ? partner : null,
    sourceUrl: pageUrl(body.source?.url),
  }
}

function personName(raw: string, field: string): string {
  const name = raw.normalize('NFC').trim().replace(/\s+/gu, ' ')
  const valid = name.length >= 1 && [...name].length <= NAME_MAX && !FORBIDDEN.test(raw) && showsAsText(name) && !CONTACT_LIKE.test(name)
  if (!valid) throw new WeGovError('WEGOV_INVALID_NAME', { errors: [{ field, message: 'a name of 1-100 characters, with visible letters and no control characters' }] })
  return name
}

/**
 * Published text (a name, a city) must show as what it is: a visible letter at least, no hidden tag
 * characters, no marks piled on one letter. A name made of fillers would show as a blank in the list.
 */
function showsAsText(text: string): boolean {
  return HAS_LETTER.test(text.replace(INVISIBLE, '')) && !TAG_CHARACTERS.test(text) && !MARK_RUN.test(text)
}

function optionalText(raw: string | undefined, max: number, field: string): string | null {
  if (raw === undefined) return null
  const text = raw.normalize('NFC').trim().replace(/\s+/gu, ' ')
  if (FORBIDDEN.test(raw) || [...text].length > max) throw invalidText(field)
  if (text !== '' && !showsAsText(text)) throw invalidText(field)
  return text === '' ? null : text
}

function optionalComment(raw: string | undefined): string | null {
  if (raw === undefined) return null
  // Line breaks are welcome in a comment; every other control character is not.
  const text = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim()
  if (FORBIDDEN.test(text.replaceAll('\n', ' ')) || [...text].length > COMMENT_MAX) throw invalidText('comment')
  // Comments are published: an address in one would publish the signer's (or someone's) email.
  if (EMAIL_LIKE.test(text)) throw invalidText('comment')
  return text === '' ? null : text.replace(/\n{3,}/g, '\n\n')
}

function invalidCountry(): WeGovError {
  return new WeGovError('WEGOV_INVALID_COUNTRY', { errors: [{ field: 'country', message: 'not an assigned ISO 3166-1 alpha-2 code' }] })
}

function invalidText(field: string): WeGovError {
  return new WeGovError('WEGOV_INVALID_TEXT', { errors: [{ field, message: 'too long, or contains characters that cannot be shown' }] })
}

/** Only the origin and path of the page are kept: a query string may carry anything, personal data included. */
function pageUrl(raw: string | undefined): string | null {
  if (!raw) return null
  try {
    const url = new URL(raw)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    return `${url.origin}${url.pathname}`.slice(0, 500)
  } catch {
    return null
  }
}

/**
 * Schema failures on the fields a signer types get the code a widget can explain (the schema checks come
 * first, so a missing consent is WEGOV_CONSENT_REQUIRED rather than a generic validation error).
 */
export function signValidationCode(error: { validation?: FastifyError['validation'] }): ErrorCode | null {
  for (const issue of error.validation ?? []) {
    if (issue.keyword === 'additionalProperties') return null
    const missing = (issue.params as { missingProperty?: string }).missingProperty
    const path = missing ? `${issue.instancePath}/${missing}` : issue.instancePath
    if (path === '/consents' || path === '/consents/processing') return 'WEGOV_CONSENT_REQUIRED'
    if (path === '/email') return 'WEGOV_INVALID_EMAIL'
    if (path === '/firstName' || path === '/lastName') return 'WEGOV_INVALID_NAME'
    if (path === '/country') return 'WEGOV_INVALID_COUNTRY'
    if (path === '/city' || path === '/comment') return 'WEGOV_INVALID_TEXT'
    if (path === '/locale') return 'WEGOV_UNSUPPORTED_LANGUAGE'
  }
  return null
}

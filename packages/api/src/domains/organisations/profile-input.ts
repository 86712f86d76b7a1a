import type { Lang, TranslatedText } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { LANGS } from '../../i18n/languages.js'
import { isCountryCode } from '../vocabulary/country-codes.js'

/**
 * Turns what a form sent into what an organisation or an application stores, or refuses it with a catalogue
 * error naming the field. Texts are NFC, trimmed, free of control characters (a line break is allowed in
 * descriptions); an empty text is no text.
 */

/** Control characters, bidi overrides aside: they would let a name render as something else. */
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

export type TranslationPatch = Partial<Record<Lang, string | null>>

function invalid(field: string, message: string): WeGovError {
  return new WeGovError('WEGOV_VALIDATION', { errors: [{ field, message }] })
}

/** One text, cleaned: undefined when empty. */
export function cleanText(field: string, raw: string, multiline: boolean): string | undefined {
  let text = raw.normalize('NFC').trim()
  if (multiline) text = text.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n')
  // In a description, line breaks are the only control characters let through.
  if (CONTROL.test(multiline ? text.replaceAll('\n', ' ') : text)) throw invalid(field, 'contains control characters')
  return text === '' ? undefined : text
}

/**
 * Applies a patch to translations: a language given replaces its text (empty removes it), null removes it,
 * a language left out is kept. Without `current`, the patch is the whole value.
 */
export function applyTranslations(field: string, current: TranslatedText, patch: TranslationPatch | undefined, multiline = false): TranslatedText {
  const next: TranslatedText = { ...current }
  for (const lang of LANGS) {
    const value = patch?.[lang]
    if (value === undefined) continue
    const text = value === null ? undefined : cleanText(`${field}.${lang}`, value, multiline)
    if (text === undefined) delete next[lang]
    else next[lang] = text
  }
  return next
}

/** An organisation is known by its name in its original language: that one is required. */
export function requireOriginalName(name: TranslatedText, originalLang: Lang): void {
  if (!name[originalLang]) throw new WeGovError('WEGOV_NAME_REQUIRED', { errors: [{ field: `name.${originalLang}`, message: 'required in the original language' }] })
}

export function checkCountry(country: string): string {
  if (!isCountryCode(country)) throw new WeGovError('WEGOV_INVALID_COUNTRY', { errors: [{ field: 'country', message: 'not an assigned ISO 3166-1 alpha-2 code' }] })
  return country
}

/** Only web links are served: a javascript: or data: address in a public profile would be an attack. */
export function webAddress(field: string, raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null || raw.trim() === '') return null
  const text = raw.trim()
  if (!URL.canParse(text)) throw invalid(field, 'not a web address')
  const url = new URL(text)
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') throw invalid(field, 'must be an http or https address')
  return text
}

/**
 * An IATI organisation identifier: an org-id.guide list prefix (country or XM/XI, then the agency, as in
 * `TN-RNE`, `XM-DAC`, `BE-BCE_KBO`), a hyphen, then the number that list gave. IATI forbids spaces and
 * `/ & | ?` in identifiers, since activity identifiers built on it travel in URLs. Empty means none.
 */
export const IATI_IDENTIFIER_PATTERN = '^[A-Z]{2}-[A-Z0-9_]{2,}-[^\\s/&|?]+$'
const IATI_IDENTIFIER = new RegExp(IATI_IDENTIFIER_PATTERN)

export function iatiIdentifier(raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null || raw.trim() === '') return null
  const text = raw.trim()
  if (text.length > 100 || !IATI_IDENTIFIER.test(text)) throw invalid('iatiIdentifier', 'not an IATI organisation identifier (e.g. TN-RNE-1234567A)')
  return text
}

export type TranslatableField = 'name' | 'description'

/** Per language, the translatable fields with no text in it: what the console shows as still to translate. */
export function missingTranslations(texts: Record<TranslatableField, TranslatedText>): Record<Lang, TranslatableField[]> {
  const fields = Object.keys(texts) as TranslatableField[]
  const missing = { ar: [], fr: [], en: [] } as Record<Lang, TranslatableField[]>
  for (const lang of LANGS) missing[lang] = fields.filter((field) => !texts[field][lang])
  return missing
}

import { escapeXml } from '../../content/escape.js'
import type { TranslatedText } from '../../db/schema.js'
import { LANGS } from '../../i18n/languages.js'

/**
 * The few XML-writing helpers the IATI files need: strings, built one activity at a time, so the export
 * streams and never holds the whole document. Every text and attribute value goes through escapeXml.
 */

export type Attributes = Record<string, string | number | null | undefined>

function attributes(attrs: Attributes): string {
  let out = ''
  for (const [name, value] of Object.entries(attrs)) if (value !== null && value !== undefined) out += ` ${name}="${escapeXml(String(value))}"`
  return out
}

/** An element with attributes (null ones left out) and already-written children; empty, it closes itself. */
export function element(name: string, attrs: Attributes = {}, ...children: string[]): string {
  const inner = children.join('')
  return inner === '' ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${inner}</${name}>`
}

/** An element holding only text. */
export function textElement(name: string, attrs: Attributes, text: string): string {
  return `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`
}

/** One `<narrative xml:lang>` per language that has a text, in WeGov's language order (IATI: each text element). */
export function narratives(texts: TranslatedText | null | undefined): string {
  if (!texts) return ''
  return LANGS.filter((lang) => texts[lang]?.trim()).map((lang) => textElement('narrative', { 'xml:lang': lang }, texts[lang]!.trim())).join('')
}

/** Whether a translated text has something to say in any language. */
export function hasText(texts: TranslatedText | null | undefined): boolean {
  return !!texts && LANGS.some((lang) => texts[lang]?.trim())
}

/** A comment that cannot end early: `--` is not allowed inside one. */
export function comment(text: string): string {
  return `<!-- ${text.replace(/-{2,}/g, (dashes) => dashes.split('').join(' ')).replace(/-$/, '- ')} -->`
}

/** A date column as xsd:date (`2025-03-01`), whether the driver gave a string or a Date. */
export function isoDate(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10)
}

/** A timestamp as xsd:dateTime, to the second in UTC. */
export function isoDateTime(value: Date | string): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

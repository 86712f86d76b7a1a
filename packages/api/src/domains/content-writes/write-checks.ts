import type { Kysely } from 'kysely'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'
import { type ErrorCode, type FieldError, WeGovError } from '../../errors.js'
import { LANGS } from '../../i18n/languages.js'
import { sanitiseTranslatedHtml } from '../../content/rich-text.js'
import { liveOrganisationIdsBySlug } from '../organisations/organisation-refs.js'
import { cleanText } from '../organisations/profile-input.js'
import { isCountryCode } from '../vocabulary/country-codes.js'

/**
 * The field checks a write gets beyond its schema (which has already checked types, enums and lengths):
 * the same rules and codes as reads, every fault of a body reported at once, each with its field and code.
 * The problem's code is the first fault's.
 */
export class FieldChecks {
  readonly errors: (FieldError & { code: ErrorCode })[] = []
  /** The organisations `organisations()` found live, id by slug: the store need not look them up again. */
  readonly liveOrganisations = new Map<string, string>()

  fail(field: string, code: ErrorCode, message: string): void {
    this.errors.push({ field, code, message })
  }

  /** Plain texts per language: NFC, trimmed, no control characters; empty is absent. */
  text(field: string, texts: TranslatedText | undefined, multiline = false): TranslatedText {
    const clean: TranslatedText = {}
    for (const lang of LANGS) {
      const raw = texts?.[lang]
      if (typeof raw !== 'string') continue
      try {
        const text = cleanText(`${field}.${lang}`, raw, multiline)
        if (text !== undefined) clean[lang] = text
      } catch {
        this.fail(`${field}.${lang}`, 'WEGOV_INVALID_TEXT', 'contains control characters')
      }
    }
    return clean
  }

  /** Rich text per language, sanitised as every body is (content/rich-text.ts). */
  html(texts: TranslatedText | undefined): TranslatedText {
    const normalised: TranslatedText = {}
    for (const lang of LANGS) if (typeof texts?.[lang] === 'string') normalised[lang] = texts[lang]!.normalize('NFC')
    return sanitiseTranslatedHtml(normalised)
  }

  /** The original language's title is what an item is known by: it cannot be missing. */
  original(field: string, texts: TranslatedText, originalLang: Lang): void {
    if (!texts[originalLang]) this.fail(`${field}.${originalLang}`, 'WEGOV_ORIGINAL_LANGUAGE_REQUIRED', 'required in the original language')
  }

  required(field: string, value: unknown): void {
    if (value === undefined || value === null) this.fail(field, 'WEGOV_VALIDATION', 'required')
  }

  /** Only web links are ever served: a javascript: or data: URL in a public record would be an attack vector. */
  url(field: string, raw: string | null | undefined): string | null {
    if (raw === undefined || raw === null || raw.trim() === '') return null
    const text = raw.trim()
    const url = URL.canParse(text) ? new URL(text) : undefined
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
      this.fail(field, 'WEGOV_INVALID_URL', 'must be an http or https address')
      return null
    }
    return text
  }

  countries(field: string, codes: string[] | undefined): string[] {
    const list = codes ?? []
    list.forEach((code, index) => {
      if (!isCountryCode(code)) this.fail(`${field}.${index}`, 'WEGOV_INVALID_COUNTRY', 'not an assigned ISO 3166-1 alpha-2 code')
    })
    return list
  }

  /** An end before its start is a typo, not a plan. Dates are ISO strings (schema-checked), comparable as text. */
  order(startField: string, start: string | null | undefined, endField: string, end: string | null | undefined): void {
    if (start && end && Date.parse(end) < Date.parse(start)) this.fail(endField, 'WEGOV_INVALID_DATE', `before ${startField}`)
  }

  /** Every organisation a body names by slug must exist (and not be deleted). */
  async organisations(db: Kysely<DB>, named: { field: string; slug: string }[]): Promise<void> {
    if (named.length === 0) return
    const known = await liveOrganisationIdsBySlug(db, named.map((n) => n.slug))
    for (const [slug, id] of known) this.liveOrganisations.set(slug, id)
    for (const { field, slug } of named) if (!known.has(slug)) this.fail(field, 'WEGOV_UNKNOWN_ORGANISATION', `no organisation ${slug}`)
  }

  /** Throws the collected faults, if any, as one problem. */
  settle(): void {
    const first = this.errors[0]
    if (first) throw new WeGovError(first.code, { errors: this.errors })
  }
}

/** RFC 7396: objects merge member by member, null removes a member, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch
  const result: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {}
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name]
    else result[name] = mergePatch(result[name], value)
  }
  return result
}

/** JSON with object members in name order, so that two equal values compare equal as text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  )
}

/**
 * The fields that differ between two versions of a write document, a translated field per language
 * (`title.fr`): what the audit log records of a change, never the values.
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, translated: readonly string[]): string[] {
  const fields: string[] = []
  for (const name of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (translated.includes(name)) {
      const a = (before[name] ?? {}) as TranslatedText
      const b = (after[name] ?? {}) as TranslatedText
      for (const lang of LANGS) if ((a[lang] ?? null) !== (b[lang] ?? null)) fields.push(`${name}.${lang}`)
    } else if (canonical(before[name]) !== canonical(after[name])) {
      fields.push(name)
    }
  }
  return fields
}

import type { Lang, TranslatedText } from '../db/schema.js'

export const LANGS = ['ar', 'fr', 'en'] as const satisfies readonly Lang[]
export const DEFAULT_LANG: Lang = 'fr'
const FALLBACK_ORDER: readonly Lang[] = ['fr', 'en', 'ar']

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
}

export function directionOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr'
}

/** A text as served: the string, the language it is really in, and whether that differs from the one asked for. */
export interface LocalizedText {
  text: string
  lang: Lang
  dir: 'rtl' | 'ltr'
  fallback: boolean
}

/**
 * Picks the text in `wanted`, else in the record's original language, else fr, en, ar.
 * Returns null when the record has no text at all for this field.
 */
export function localize(texts: TranslatedText | null | undefined, wanted: Lang, original: Lang): LocalizedText | null {
  if (!texts) return null
  for (const lang of [wanted, original, ...FALLBACK_ORDER]) {
    const text = texts[lang]
    if (typeof text === 'string' && text.trim() !== '') {
      return { text, lang, dir: directionOf(lang), fallback: lang !== wanted }
    }
  }
  return null
}

/**
 * The first supported language in an Accept-Language header, honouring q-values
 * (`ar-TN;q=0.9` counts as ar). Returns undefined when none is supported.
 */
export function negotiateLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index }
    })
    .filter((entry) => isLang(entry.lang) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked[0]?.lang as Lang | undefined
}

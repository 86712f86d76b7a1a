/** The languages WeGov speaks; English is the source language of the console's messages. */
export const LANGS = ['ar', 'fr', 'en'] as const
export type Lang = (typeof LANGS)[number]

const STORAGE_KEY = 'wegov-console-lang'

/** `ar-TN` → `ar`; anything WeGov does not speak → undefined. */
export function supportedLang(tag: string | null | undefined): Lang | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0]
  return (LANGS as readonly string[]).includes(base ?? '') ? (base as Lang) : undefined
}

export function directionOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr'
}

/** Each language's name in itself, for the language switch (a reader looks for their own language's name). */
export const LANG_NAMES: Record<Lang, string> = { ar: 'العربية', fr: 'Français', en: 'English' }

/**
 * The language the console opens in: the address's `?lang=` (a link from a mail in that language), then the
 * one chosen here before, then the browser's, then English.
 */
export function initialLang(): Lang {
  const fromUrl = supportedLang(new URL(location.href).searchParams.get('lang'))
  if (fromUrl) return fromUrl
  const remembered = supportedLang(readStorage())
  if (remembered) return remembered
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = supportedLang(tag)
    if (lang) return lang
  }
  return 'en'
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // Storage refused (private mode, a full quota): the URL still carries the choice.
  }
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

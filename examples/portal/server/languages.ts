/**
 * The portal's languages and the little text handling its server needs. The portal depends on the SDK
 * and its own files only, never on the API's source, so these few lines are its own.
 */
export type Lang = 'ar' | 'fr' | 'en'

export const LANGS: readonly Lang[] = ['ar', 'fr', 'en']
export const DEFAULT_LANG: Lang = 'fr'

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
}

export function directionOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr'
}

/** The first supported language in an Accept-Language header, by q-value (`ar-TN;q=0.9` counts as ar). */
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

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!)
}

export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- removing the control characters XML 1.0 forbids is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!.replace('&#39;', '&apos;'))
  )
}

/** The resource feeds' titles, as the API's feeds name themselves (linked from every page's head). */
export const FEED_TITLE: Record<Lang, string> = {
  ar: 'WeGov: موارد الحوكمة الرشيدة',
  fr: 'WeGov : ressources sur la bonne gouvernance',
  en: 'WeGov: good governance resources',
}

import sanitizeHtml from 'sanitize-html'
import type { TranslatedText } from '../db/schema.js'

/**
 * The HTML a body may contain. Everything else (scripts, styles, event handlers, images, iframes) is
 * dropped, so a body can be embedded by any partner site as it is.
 */
const BODY_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'blockquote', 'br', 'code'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // A link to another site must not give it a handle on the page (window.opener).
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href,
}

/**
 * Recent bodies with their sanitised form. Sanitising is a pure function of the text under BODY_POLICY, and
 * parsing a body is the dearest step of a write: a merge patch checks the item's every field again, so an
 * unchanged body (nearly every patch) would be parsed on every write, and a partner's sync resends the same
 * bodies. Bounded by the characters held (about 8 MB); the least recently used go first. A body too long to
 * be worth keeping is sanitised every time.
 */
const MEMO_MAX_CHARS = 2_000_000
const MEMO_MAX_BODY_CHARS = 100_000
const memo = new Map<string, string>()
let memoChars = 0

export function sanitiseHtml(html: string): string {
  const known = memo.get(html)
  if (known !== undefined) {
    // Most recently used last: Map keeps insertion order.
    memo.delete(html)
    memo.set(html, known)
    return known
  }
  const safe = sanitizeHtml(html, BODY_POLICY).trim()
  if (html.length <= MEMO_MAX_BODY_CHARS) {
    memo.set(html, safe)
    memoChars += html.length + safe.length
    for (const [oldest, value] of memo) {
      if (memoChars <= MEMO_MAX_CHARS) break
      memo.delete(oldest)
      memoChars -= oldest.length + value.length
    }
  }
  return safe
}

/** Sanitises every language of a translated body; empty results are dropped. */
export function sanitiseTranslatedHtml(texts: TranslatedText | undefined): TranslatedText {
  const clean: TranslatedText = {}
  for (const [lang, html] of Object.entries(texts ?? {}) as [keyof TranslatedText, string | undefined][]) {
    if (typeof html !== 'string') continue
    const safe = sanitiseHtml(html)
    if (safe !== '') clean[lang] = safe
  }
  return clean
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' }

/** The words of a (sanitised) HTML text, for the search index. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

export function translatedHtmlToText(texts: TranslatedText): TranslatedText {
  return Object.fromEntries(Object.entries(texts).map(([lang, html]) => [lang, htmlToText(html ?? '')]))
}

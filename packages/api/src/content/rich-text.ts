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

export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, BODY_POLICY).trim()
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

import { escapeHtml } from '../content/escape.js'
import type { Lang } from '../db/schema.js'
import { directionOf } from '../i18n/languages.js'

/**
 * The frame of WeGov's account emails (invitations, decisions): the document's language and direction on
 * <html> and <body>, a readable column, inline styles only (mail clients drop <style>). `body` is HTML the
 * caller has already escaped.
 */
export function mailDocument(lang: Lang, title: string, body: string): string {
  const dir = directionOf(lang)
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',Tahoma,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff" dir="${dir}">
<div style="max-width:560px;margin:0 auto;text-align:${dir === 'rtl' ? 'right' : 'left'}">
${body}
</div>
</body>
</html>
`
}

/** A paragraph of text, escaped. */
export function paragraph(text: string, muted = false): string {
  return `<p${muted ? ' style="color:#555555"' : ''}>${escapeHtml(text)}</p>`
}

/** The one action of the email, as a button-like link. */
export function actionLink(href: string, label: string): string {
  return `<p style="margin:28px 0"><a href="${escapeHtml(href)}" style="background:#0b5cad;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(label)}</a></p>`
}

/** Text someone typed (a name, a reason) inside a sentence: its own direction, whatever the email's. */
export function typed(text: string): string {
  return `<span dir="auto">${escapeHtml(text)}</span>`
}

/** An address or link written out: always left to right. */
export function literal(text: string): string {
  return `<span dir="ltr" style="unicode-bidi:isolate">${escapeHtml(text)}</span>`
}

/**
 * A sentence in HTML whose typed parts (an organisation's name, a person's) keep their own direction: an
 * Arabic name in a French sentence, or the reverse, reads right. `sentence` gets placeholders, so the
 * words are escaped once and the typed parts go in as `typed()` spans.
 *
 * @example sentenceHtml((org) => `Rejoindre ${org}`, ['جمعية']) // 'Rejoindre <span dir="auto">جمعية</span>'
 */
export function sentenceHtml(sentence: (...parts: string[]) => string, parts: string[]): string {
  // Private-use characters: no sentence contains them, and escaping leaves them alone.
  const marks = parts.map((_, index) => `\uE000${index}\uE001`)
  return escapeHtml(sentence(...marks)).replace(/\uE000(\d+)\uE001/g, (_, index: string) => typed(parts[Number(index)]!))
}

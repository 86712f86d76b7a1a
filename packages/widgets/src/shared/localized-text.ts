import { html, nothing, type TemplateResult } from 'lit'
import type { Formatters } from './format.js'

/** A translated API field: the text, the language it is really in, and whether that is a fallback. */
export interface TextInLang {
  text: string
  lang: string
  dir: 'rtl' | 'ltr'
  fallback?: boolean
}

/**
 * Renders a translated field. Text in another language than the widget's (a fallback) keeps its own
 * lang and dir, so screen readers pronounce it right and Arabic inside a French widget is not reordered.
 */
export function localizedText(value: TextInLang | null | undefined, widgetLang: string): TemplateResult | string | typeof nothing {
  if (!value) return nothing
  if (value.lang === widgetLang && !value.fallback) return value.text
  return html`<bdi lang=${value.lang} dir=${value.dir}>${value.text}</bdi>`
}

/** Names and user-written text: isolated so a Latin name in Arabic text (or the reverse) keeps its order. */
export function name(value: TextInLang | string): TemplateResult {
  return typeof value === 'string'
    ? html`<bdi>${value}</bdi>`
    : html`<bdi lang=${value.lang} dir=${value.dir}>${value.text}</bdi>`
}

/** A list of names joined the way the widget's language joins them ("A, B et C", "A وB"), each isolated. */
export function nameList(values: TextInLang[], format: Formatters): TemplateResult {
  let index = 0
  const parts = format.listParts(values.map((v) => v.text))
  return html`${parts.map((part) => (part.type === 'element' ? name(values[index++]!) : part.value))}`
}

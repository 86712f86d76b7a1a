import { html, type TemplateResult } from 'lit'
import type { Formatters } from './format.js'

/** A translated API field: the text, the language it is really in, and whether that is a fallback. */
export interface TextInLang {
  text: string
  lang: string
  dir: 'rtl' | 'ltr'
  fallback?: boolean
}

/**
 * The `dir` of a block whose whole content is one translated field, which also takes the field's `lang`.
 * Text in the widget's language gets `auto`: whoever wrote it may have typed another script (an English
 * summary in an Arabic field), and the block's alignment, and its "…" when cut off, must follow the text,
 * not the page. A fallback is in a known language, so it gets that language's direction.
 */
export function blockDir(value: TextInLang, widgetLang: string): 'rtl' | 'ltr' | 'auto' {
  return value.lang === widgetLang && !value.fallback ? 'auto' : value.dir
}

/** Names and user-written text: isolated so a Latin name in Arabic text (or the reverse) keeps its order. */
export function name(value: TextInLang | string): TemplateResult {
  return typeof value === 'string'
    ? html`<bdi>${value}</bdi>`
    : html`<bdi lang=${value.lang} dir=${value.dir}>${value.text}</bdi>`
}

/** A list of names joined the way the widget's language joins them ("A, B et C", "A وB"), each isolated. */
export function nameList(values: TextInLang[], format: Formatters): TemplateResult {
  // One name is not a list: no Intl.ListFormat to build (and pay for) in the first render.
  if (values.length === 1) return name(values[0]!)
  let index = 0
  const parts = format.listParts(values.map((v) => v.text))
  return html`${parts.map((part) => (part.type === 'element' ? name(values[index++]!) : part.value))}`
}

import { html, nothing, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'
import { countryName } from '../shared/format.js'
import { LANG_NAMES, LANGS, directionOf, type Lang } from '../shared/lang.js'
import type { Model } from './content-fields.js'
import type { Vocabularies } from './content-form.js'
import type { ContentType } from './content-source.js'

const ALLOWED = new Set(['P', 'BR', 'STRONG', 'EM', 'A', 'UL', 'OL', 'LI', 'H2', 'H3', 'BLOCKQUOTE'])

/**
 * The rich text as the public page would show it, kept to the tags the API's sanitiser allows: parsed
 * inert (a <template> runs nothing), every other element replaced by its text, links only http(s). The
 * saved text is sanitised by the API; this only keeps the preview of unsaved text as harmless.
 */
export function richPreview(source: string): DocumentFragment {
  const template = document.createElement('template')
  template.innerHTML = source
  const clean = (node: Node, into: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) into.appendChild(document.createTextNode(child.textContent ?? ''))
      else if (child instanceof Element && ALLOWED.has(child.tagName)) {
        const copy = document.createElement(child.tagName.toLowerCase())
        const href = child.getAttribute('href')
        if (child.tagName === 'A' && href && /^https?:\/\//i.test(href)) copy.setAttribute('href', href)
        clean(child, copy)
        into.appendChild(copy)
      } else if (child instanceof Element) clean(child, into)
    }
  }
  const fragment = document.createDocumentFragment()
  clean(template.content, fragment)
  return fragment
}

/** The text of a translated field in `lang`, else in the original language, marked as such. */
function text(model: Model, key: string, lang: Lang, originalLang: Lang): { value: string; lang: Lang } | undefined {
  for (const candidate of [lang, originalLang, ...LANGS]) {
    const value = String(model[`${key}.${candidate}`] ?? '').trim()
    if (value) return { value, lang: candidate }
  }
  return undefined
}

/** The item as a reader of `lang` would see it on the public site, missing translations marked. */
export function renderPreview(type: ContentType, model: Model, lang: Lang, originalLang: Lang, vocabularies: Vocabularies): TemplateResult {
  const title = text(model, 'title', lang, originalLang)
  const summary = text(model, 'summary', lang, originalLang)
  const rich = text(model, type === 'projects' ? 'description' : 'body', lang, originalLang)
  const fallback = (part: { lang: Lang } | undefined) =>
    part && part.lang !== lang ? html`<p class="note">${msg('Not yet translated; shown in')} ${LANG_NAMES[part.lang]}.</p>` : nothing
  const label = (vocabulary: string, code: string) => vocabularies[vocabulary]?.find((term) => term.code === code)?.label ?? code
  const themes = (model.themes as string[]).map((code) => label('themes', code))
  const countries = (model.countries as string[]).map(countryName)
  return html`<article class="preview card" aria-labelledby="preview-title">
    ${title ? html`<h3 id="preview-title" lang=${title.lang} dir=${directionOf(title.lang)}>${title.value}</h3>${fallback(title)}` : html`<h3 id="preview-title">${msg('No title yet')}</h3>`}
    ${summary ? html`<p lang=${summary.lang} dir=${directionOf(summary.lang)}><strong>${summary.value}</strong></p>` : nothing}
    ${rich ? html`<div class="preview__body" lang=${rich.lang} dir=${directionOf(rich.lang)}>${richPreview(rich.value)}</div>${fallback(rich)}` : nothing}
    <dl class="details">
      ${type === 'projects' && model.status ? html`<dt>${msg('Status')}</dt><dd>${label('projectStatuses', String(model.status))}</dd>` : nothing}
      ${type === 'projects' && (model.plannedStart || model.plannedEnd)
        ? html`<dt>${msg('Planned')}</dt><dd dir="ltr">${model.plannedStart || '…'} – ${model.plannedEnd || '…'}</dd>`
        : nothing}
      ${type === 'resources' && model.kind ? html`<dt>${msg('Kind')}</dt><dd>${label('resourceKinds', String(model.kind))}</dd>` : nothing}
      ${countries.length ? html`<dt>${msg('Countries')}</dt><dd>${countries.join(', ')}</dd>` : nothing}
      ${themes.length ? html`<dt>${msg('Themes')}</dt><dd>${themes.join(', ')}</dd>` : nothing}
    </dl>
  </article>`
}

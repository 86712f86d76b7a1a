import { html, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'
import { countryOptions } from './format.js'
import { type FieldErrors, describedBy, fieldError } from './forms.js'
import { LANG_NAMES, LANGS } from './lang.js'
import { state } from './state.js'

/** The organisation kinds with their labels in the reader's language, read once from GET /v1/vocabularies. */
let kinds: Promise<{ code: string; label: string }[]> | undefined
let kindsLang = ''
export function organisationKinds(lang: string): Promise<{ code: string; label: string }[]> {
  if (!kinds || kindsLang !== lang) {
    kindsLang = lang
    kinds = state.api.sdk.vocabularies.get().then((v) => v.organisationKinds)
    kinds.catch(() => (kinds = undefined))
  }
  return kinds
}

interface SelectOptions {
  id: string
  label: string
  value?: string
  required?: boolean
}

/** A labelled <select> of the three languages, each named in itself. */
export function langSelect({ id, label, value }: SelectOptions, errors: FieldErrors): TemplateResult {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} name=${id} aria-describedby=${describedBy(id, errors)} aria-invalid=${errors[id] ? 'true' : 'false'}>
      ${LANGS.map((lang) => html`<option value=${lang} lang=${lang} ?selected=${value === lang}>${LANG_NAMES[lang]}</option>`)}
    </select>
    ${fieldError(id, errors)}
  </div>`
}

export function kindSelect({ id, label, value }: SelectOptions, list: { code: string; label: string }[], errors: FieldErrors): TemplateResult {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} name=${id} required aria-describedby=${describedBy(id, errors)} aria-invalid=${errors[id] ? 'true' : 'false'}>
      ${list.map((kind) => html`<option value=${kind.code} ?selected=${value === kind.code}>${kind.label}</option>`)}
    </select>
    ${fieldError(id, errors)}
  </div>`
}

/** Every country by its name in the reader's language, WeGov's four first. */
export function countrySelect({ id, label, value = 'TN' }: SelectOptions, errors: FieldErrors): TemplateResult {
  const { wegov, others } = countryOptions()
  const option = ([code, name]: [string, string]) => html`<option value=${code} ?selected=${code === value}>${name}</option>`
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} name=${id} required aria-describedby=${describedBy(id, errors)} aria-invalid=${errors[id] ? 'true' : 'false'}>
      <optgroup label=${msg('WeGov countries')}>${wegov.map(option)}</optgroup>
      <optgroup label=${msg('Other countries')}>${others.map(option)}</optgroup>
    </select>
    ${fieldError(id, errors)}
  </div>`
}

/** The licences an organisation may publish under (the API's CONTENT_LICENCES), by SPDX id. */
export const LICENCES = ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'CC-BY-NC-4.0'] as const
export type Licence = (typeof LICENCES)[number]

function licenceLabel(licence: Licence): string {
  switch (licence) {
    case 'CC-BY-4.0':
      return msg('Creative Commons Attribution 4.0 (the default)')
    case 'CC-BY-SA-4.0':
      return msg('Creative Commons Attribution-ShareAlike 4.0')
    case 'CC0-1.0':
      return msg('Creative Commons Zero 1.0 (public domain)')
    case 'CC-BY-NC-4.0':
      return msg('Creative Commons Attribution-NonCommercial 4.0')
  }
}

/** A labelled <select> of the content licences, each named in the reader's language with its SPDX id. */
export function licenceSelect({ id, label, value = 'CC-BY-4.0' }: SelectOptions, hint: string, errors: FieldErrors): TemplateResult {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <p class="hint" id=${`${id}-hint`}>${hint}</p>
    <select id=${id} name=${id} required aria-describedby=${describedBy(id, errors, true)} aria-invalid=${errors[id] ? 'true' : 'false'}>
      ${LICENCES.map((licence) => html`<option value=${licence} ?selected=${value === licence}>${licenceLabel(licence)} (${licence})</option>`)}
    </select>
    ${fieldError(id, errors)}
  </div>`
}

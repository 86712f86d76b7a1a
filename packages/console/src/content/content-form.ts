import { html, nothing, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'
import { countryOptions } from '../shared/format.js'
import { type FieldErrors, describedBy, fieldError } from '../shared/forms.js'
import { LANG_NAMES, LANGS, directionOf, type Lang } from '../shared/lang.js'
import { forItem, localized } from '../shared/screen.js'
import type { ProjectChoice } from './content-api.js'
import { type FieldDef, type Model, type Participant, sortedIds } from './content-fields.js'
import './file-upload.js'

/** Labels of each vocabulary's codes in the reader's language (GET /v1/vocabularies). */
export type Vocabularies = Record<string, { code: string; label: string }[]>

export interface FormContext {
  model: Model
  errors: FieldErrors
  vocabularies: Vocabularies
  organisationId: string
  /** The projects a resource may be attached to (resources only). */
  projects?: ProjectChoice[]
  /** The attached projects the API refused (WEGOV_UNRELATED_PROJECT): their boxes are marked invalid. */
  invalidProjects?: string[]
  /** Called with a model key and its new value on every edit. */
  set(key: string, value: Model[string]): void
}

/** A model key as an element id: `budget.amount` → `budget-amount`. */
export const idOf = (key: string) => key.replace(/\./g, '-')

const optional = (required: boolean) => (required ? nothing : html` <span class="muted">${msg('(optional)')}</span>`)

/** Every input a field shows: the one labelled control, its language and direction, its error tied to it. */
export function renderField(field: FieldDef, context: FormContext, lang?: Lang, required = false): TemplateResult {
  const key = lang ? `${field.key}.${lang}` : field.key
  const id = idOf(key)
  const { errors } = context
  const value = context.model[key]
  const label = html`${field.label()}${lang ? html` <span lang=${lang}>(${LANG_NAMES[lang]})</span>` : nothing}${optional(required)}`
  const common = { id, invalid: errors[id] ? 'true' : 'false', described: describedBy(id, errors, field.kind === 'rich') }
  const onInput = (event: Event) => context.set(key, (event.target as HTMLInputElement).value)
  switch (field.kind) {
    case 'rich':
      return html`<div class="field">
        <label for=${id}>${label}</label>
        <p class="hint" id=${`${id}-hint`}>${msg('Simple HTML: paragraphs (p), bold (strong), italics (em), links (a href), lists (ul, ol, li), headings (h2, h3).')}</p>
        <textarea id=${id} rows="8" lang=${lang ?? nothing} dir=${lang ? directionOf(lang) : 'auto'} .value=${String(value ?? '')}
          aria-invalid=${common.invalid} aria-describedby=${common.described} @input=${onInput}></textarea>
        ${fieldError(id, errors)}
      </div>`
    case 'select': {
      const choices = context.vocabularies[field.choices!] ?? []
      return html`<div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} aria-invalid=${common.invalid} aria-describedby=${common.described} @change=${onInput}>
          ${required ? nothing : html`<option value="" ?selected=${!value}>${msg('Not set')}</option>`}
          ${choices.map((choice) => html`<option value=${choice.code} ?selected=${value === choice.code}>${choice.label}</option>`)}
        </select>
        ${fieldError(id, errors)}
      </div>`
    }
    case 'countries':
      return countriesField(field, context, id)
    case 'checks':
      return checksField(field, context, id)
    case 'participants':
      return participantsField(field, context, id)
    case 'projects':
      return projectsField(field, context, id)
    case 'file':
      return html`<wegov-file-upload .organisationId=${context.organisationId} .fileId=${String(value ?? '')} .label=${field.label()}
        @file-change=${(event: CustomEvent<string>) => context.set(key, event.detail)}></wegov-file-upload>`
    default: {
      const type = field.kind === 'date' ? 'date' : field.kind === 'datetime' ? 'datetime-local' : field.kind === 'url' ? 'url' : 'text'
      // Text in a language takes that language's direction; addresses, dates, codes and amounts stay left to right.
      const dir = lang ? directionOf(lang) : field.kind === 'text' ? 'auto' : 'ltr'
      return html`<div class="field">
        <label for=${id}>${label}</label>
        <input id=${id} type=${type} lang=${lang ?? nothing} dir=${dir} .value=${String(value ?? '')} ?required=${required}
          maxlength=${field.maxlength ?? nothing} inputmode=${field.kind === 'number' ? 'decimal' : nothing}
          autocomplete="off" aria-invalid=${common.invalid} aria-describedby=${common.described} @input=${onInput} />
        ${fieldError(id, errors)}
      </div>`
    }
  }
}

function countriesField(field: FieldDef, context: FormContext, id: string): TemplateResult {
  const chosen = new Set(context.model[field.key] as string[])
  const { wegov, others } = countryOptions()
  const option = ([code, name]: [string, string]) => html`<option value=${code} ?selected=${chosen.has(code)}>${name}</option>`
  const onChange = (event: Event) =>
    context.set(field.key, Array.from((event.target as HTMLSelectElement).selectedOptions, (o) => o.value))
  return html`<div class="field">
    <label for=${id}>${field.label()}${optional(false)}</label>
    <p class="hint" id=${`${id}-hint`}>${msg('Several may be chosen (Ctrl or Shift with the arrows, or a long press).')}</p>
    <select id=${id} multiple size="6" aria-invalid=${context.errors[id] ? 'true' : 'false'} aria-describedby=${describedBy(id, context.errors, true)} @change=${onChange}>
      <optgroup label=${msg('WeGov countries')}>${wegov.map(option)}</optgroup>
      <optgroup label=${msg('Other countries')}>${others.map(option)}</optgroup>
    </select>
    ${fieldError(id, context.errors)}
  </div>`
}

function checksField(field: FieldDef, context: FormContext, id: string): TemplateResult {
  const chosen = new Set(context.model[field.key] as string[])
  const choices =
    field.choices === 'langs' ? LANGS.map((lang) => ({ code: lang, label: LANG_NAMES[lang], lang })) : (context.vocabularies[field.choices!] ?? [])
  const toggle = (code: string, on: boolean) => {
    const next = new Set(chosen)
    if (on) next.add(code)
    else next.delete(code)
    context.set(field.key, choices.map((c) => c.code).filter((c) => next.has(c)))
  }
  return html`<fieldset id=${id} class="checks" aria-describedby=${describedBy(id, context.errors)}>
    <legend>${field.label()}${optional(false)}</legend>
    ${choices.map(
      (choice) => html`<label class="check"><input type="checkbox" value=${choice.code} .checked=${chosen.has(choice.code)}
          @change=${(event: Event) => toggle(choice.code, (event.target as HTMLInputElement).checked)} />
        <span lang=${'lang' in choice ? String(choice.lang) : nothing}>${choice.label}</span></label>`,
    )}
    ${fieldError(id, context.errors)}
  </fieldset>`
}

function participantsField(field: FieldDef, context: FormContext, id: string): TemplateResult {
  const rows = context.model[field.key] as Participant[]
  const roles = context.vocabularies.participationRoles ?? []
  const update = (index: number, change: Partial<Participant>) =>
    context.set(field.key, rows.map((row, i) => (i === index ? { ...row, ...change } : row)))
  const add = () => {
    context.set(field.key, [...rows, { organisation: '', role: roles[0]?.code ?? 'funding' }])
    // The new row's first input takes focus, so a keyboard user types on where they asked.
    requestAnimationFrame(() => document.getElementById(`${id}-${rows.length}-organisation`)?.focus())
  }
  const remove = (index: number) => {
    context.set(field.key, rows.filter((_, i) => i !== index))
    requestAnimationFrame(() => document.getElementById(`${id}-add`)?.focus())
  }
  return html`<fieldset id=${id} class="participants" aria-describedby=${describedBy(id, context.errors)}>
    <legend>${field.label()}${optional(false)}</legend>
    ${rows.length === 0 ? html`<p class="muted">${msg('None yet.')}</p>` : nothing}
    ${rows.map(
      (row, index) => html`<div class="participant">
        <div class="field">
          <label for=${`${id}-${index}-organisation`}>${msg('Organisation (its address name on WeGov)')}</label>
          <input id=${`${id}-${index}-organisation`} dir="ltr" autocomplete="off" .value=${row.organisation}
            @input=${(event: Event) => update(index, { organisation: (event.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for=${`${id}-${index}-role`}>${msg('Role')}</label>
          <select id=${`${id}-${index}-role`} @change=${(event: Event) => update(index, { role: (event.target as HTMLSelectElement).value })}>
            ${roles.map((role) => html`<option value=${role.code} ?selected=${row.role === role.code}>${role.label}</option>`)}
          </select>
        </div>
        <button type="button" class="button button--secondary" @click=${() => remove(index)}>${forItem(msg('Remove'), row.organisation || String(index + 1))}</button>
      </div>`,
    )}
    <button type="button" id=${`${id}-add`} class="button button--secondary" @click=${add}>${msg('Add an organisation')}</button>
    ${fieldError(id, context.errors)}
  </fieldset>`
}

/**
 * The projects a resource is about: a box per project the organisation runs or takes part in. An attached
 * project the lists do not offer (another organisation's draft it takes part in, one since deleted) keeps
 * its box, ticked, so saving keeps it and the editor can still let it go.
 */
function projectsField(field: FieldDef, context: FormContext, id: string): TemplateResult {
  const chosen = context.model[field.key] as string[]
  const offered = context.projects ?? []
  const offeredIds = new Set(offered.map((project) => project.id))
  const unlisted = chosen.filter((projectId) => !offeredIds.has(projectId))
  const refused = new Set(context.invalidProjects ?? [])
  const error = context.errors[id]
  const toggle = (projectId: string, on: boolean) => {
    const next = new Set(chosen)
    if (on) next.add(projectId)
    else next.delete(projectId)
    context.set(field.key, sortedIds(next))
  }
  const box = (projectId: string, label: TemplateResult) => {
    const invalid = !!error && refused.has(projectId)
    return html`<label class="check"><input type="checkbox" id=${`${id}-${projectId}`} value=${projectId} .checked=${chosen.includes(projectId)}
        aria-invalid=${invalid ? 'true' : nothing} aria-describedby=${invalid ? `${id}-error` : nothing}
        @change=${(event: Event) => toggle(projectId, (event.target as HTMLInputElement).checked)} />
      <span>${label}</span></label>`
  }
  // tabindex: an error the boxes cannot point to (none is refused by name) still takes focus on its group.
  return html`<fieldset id=${id} class=${error ? 'project-choices project-choices--invalid' : 'project-choices'} tabindex=${error ? '-1' : nothing}
    aria-describedby=${describedBy(id, context.errors, true)}>
    <legend>${field.label()}${optional(false)}</legend>
    <p class="hint" id=${`${id}-hint`}>${msg('The projects this resource is about. Their pages list it, and their IATI activities link it.')}</p>
    ${offered.length + unlisted.length === 0 ? html`<p class="muted" id=${`${id}-none`}>${msg('Your organisation has no project yet.')}</p>` : nothing}
    ${offered.map((project) =>
      box(project.id, html`${localized(project.title)}${project.draft ? html` <span class="badge badge--muted">${msg('Draft')}</span>` : nothing}`),
    )}
    ${unlisted.map((projectId) => box(projectId, html`${msg('A project not listed here')} <span dir="ltr">${projectId}</span>`))}
    ${fieldError(id, context.errors)}
  </fieldset>`
}

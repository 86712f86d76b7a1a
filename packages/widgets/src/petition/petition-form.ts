import { html, nothing, type TemplateResult } from 'lit'
import type { LocalizeController } from '../shared/localize-controller.js'
import { type CountryOption, countryOptions } from './country-options.js'

export type FieldErrors = Partial<Record<string, string>>

export interface SignFormContext {
  l10n: LocalizeController
  errors: FieldErrors
  /** Shown above the button: a failure of the whole submission (closed, rate limited, server). */
  problem: TemplateResult | typeof nothing
  busy: boolean
  country: string
  partner: string
  onSubmit(event: SubmitEvent): void
}

/** Every country by its name in the widget's language, WeGov's four first, the visitor's preselected. */
function countrySelectOptions(l10n: LocalizeController, selected: string) {
  const { wegov, others } = countryOptions(l10n.format)
  const option = ([code, name]: CountryOption) => html`<option value=${code} ?selected=${code === selected}>${name}</option>`
  return html`${wegov.map(option)}<option disabled>──────</option>${others.map(option)}`
}

/**
 * Fields whose content is written left to right in every language: in an Arabic form, an email typed into
 * a right-to-left field has its "@" and dots jump around as the visitor types.
 */
const LEFT_TO_RIGHT = new Set(['email', 'url', 'tel'])

function describedBy(errors: FieldErrors, id: string) {
  return errors[id] ? `${id}-error` : nothing
}

function errorText(errors: FieldErrors, id: string) {
  return errors[id] ? html`<p id=${`${id}-error`} class="error-text">${errors[id]}</p>` : nothing
}

/**
 * The signing form. Validation messages are the widget's own (the browser's would be in the browser's
 * language, not the widget's), tied to their field with aria-describedby and aria-invalid.
 */
export function renderSignForm(context: SignFormContext) {
  const { l10n, errors } = context
  const { msg } = l10n
  const optional = html`<span class="muted">${msg('(optional)', { id: 'form.optional' })}</span>`
  const text = (id: string, label: string, autocomplete: string, type = 'text', required = true) =>
    html`<div class="field field--${id}">
      <label for=${id}>${label} ${required ? nothing : optional}</label>
      <input id=${id} name=${id} type=${type} dir=${LEFT_TO_RIGHT.has(type) ? 'ltr' : nothing} autocomplete=${autocomplete} ?required=${required}
        maxlength=${type === 'email' ? 320 : 100}
        aria-invalid=${errors[id] ? 'true' : 'false'} aria-describedby=${describedBy(errors, id)} />
      ${errorText(errors, id)}
    </div>`
  const consent = (id: string, label: string, required = false) =>
    html`<div class="check">
      <input id=${id} name=${id} type="checkbox" ?required=${required} aria-invalid=${errors[id] ? 'true' : 'false'}
        aria-describedby=${describedBy(errors, id)} />
      <label for=${id}>${label}</label>
      ${errorText(errors, id)}
    </div>`

  return html`<form class="form" part="form" novalidate aria-labelledby="form-title" @submit=${context.onSubmit}>
    <h3 id="form-title" class="step-title" tabindex="-1">${msg('Sign this petition', { id: 'petition.form-title' })}</h3>
    <p class="muted">${msg('All fields are required unless marked optional.', { id: 'form.required-note' })}</p>
    <div class="form__grid">
      ${text('firstName', msg('First name', { id: 'form.first-name' }), 'given-name')}
      ${text('lastName', msg('Last name', { id: 'form.last-name' }), 'family-name')}
      ${text('email', msg('Email', { id: 'form.email' }), 'email', 'email')}
      <div class="field field--country">
        <label for="country">${msg('Country of residence', { id: 'form.country' })}</label>
        <select id="country" name="country" autocomplete="country" required>${countrySelectOptions(l10n, context.country)}</select>
      </div>
      ${text('city', msg('City', { id: 'form.city' }), 'address-level2', 'text', false)}
    </div>
    <fieldset class="display">
      <legend>${msg('How your signature appears', { id: 'form.display' })}</legend>
      <div class="check">
        <input id="display-public" name="display" type="radio" value="public" />
        <label for="display-public">${msg('Public: your first name, initial and city in the list of signers', { id: 'form.display-public' })}</label>
      </div>
      <div class="check">
        <input id="display-anonymous" name="display" type="radio" value="anonymous" checked />
        <label for="display-anonymous">${msg('Anonymous: counted, but not listed', { id: 'form.display-anonymous' })}</label>
      </div>
    </fieldset>
    <fieldset class="consents">
      <legend>${msg('Your consent', { id: 'form.consents' })}</legend>
      ${consent('consent-processing', msg('I agree that WeGov processes my name, email and country to record and verify my signature on this petition. My email is never published.', { id: 'form.consent-processing' }), true)}
      ${consent('consent-organiser', msg('Send me news about this petition from its organiser (optional).', { id: 'form.consent-organiser' }))}
      ${context.partner
        ? consent('consent-partner', msg('Send me news from the site where I am signing (optional).', { id: 'form.consent-partner' }))
        : nothing}
    </fieldset>
    <div class="visually-hidden" aria-hidden="true">
      <label for="website">Website</label>
      <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
    </div>
    ${context.problem}
    <button class="button submit" part="button submit" type="submit" ?disabled=${context.busy} aria-describedby="form-status">
      ${msg('Sign the petition', { id: 'signing.sign' })}
    </button>
    <p id="form-status" class="muted" aria-live="polite">${context.busy ? msg('Sending your signature…', { id: 'signing.sending' }) : ''}</p>
  </form>`
}

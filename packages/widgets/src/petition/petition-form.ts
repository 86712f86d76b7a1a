import { html, nothing, type TemplateResult } from 'lit'
import { str } from '@lit/localize'
import type { LocalizeController } from '../shared/localize-controller.js'
import { type CountryOption, countryOptions } from './country-options.js'

export type FieldErrors = Partial<Record<string, string>>

/**
 * The longest text each field takes, as the API checks it (signature-input.ts). The browser stops typing
 * and cuts pasted text at `maxlength`: the form then says so, rather than losing the end in silence.
 */
export const FIELD_LIMITS: Readonly<Record<string, number>> = { firstName: 100, lastName: 100, city: 100, comment: 500 }

export interface SignFormContext {
  l10n: LocalizeController
  errors: FieldErrors
  /** Shown above the button: a failure of the whole submission (closed, rate limited, server). */
  problem: TemplateResult | typeof nothing
  busy: boolean
  /** The length of what is typed in each field of FIELD_LIMITS, for its counter and limit message. */
  lengths: Partial<Record<string, number>>
  country: string
  partner: string
  /** The form title's aria-level: see WeGovElement.subheadingLevel. */
  subheadingLevel: 2 | typeof nothing
  onSubmit(event: SubmitEvent): void
  onInput(event: Event): void
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

function describedBy(errors: FieldErrors, id: string, ...more: string[]) {
  const ids = [...more, ...(errors[id] ? [`${id}-error`] : [])]
  return ids.length ? ids.join(' ') : nothing
}

/**
 * Said (role=status) and shown once a field is full. Always in the DOM, empty until then, so that screen
 * readers announce it when it fills.
 */
function limitReached(context: SignFormContext, id: string) {
  const max = FIELD_LIMITS[id]!
  const full = (context.lengths[id] ?? 0) >= max
  return html`<p id=${`${id}-limit`} class="limit" role="status">
    ${full ? context.l10n.msg(str`You have reached the limit of ${context.l10n.format.number(max)} characters.`, { id: 'form.limit-reached' }) : nothing}
  </p>`
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
  const text = (id: string, label: string, autocomplete: string, type = 'text', required = true) => {
    const limited = id in FIELD_LIMITS
    return html`<div class="field field--${id}">
      <label for=${id}>${label} ${required ? nothing : optional}</label>
      <input id=${id} name=${id} type=${type} dir=${LEFT_TO_RIGHT.has(type) ? 'ltr' : nothing} autocomplete=${autocomplete} ?required=${required}
        maxlength=${FIELD_LIMITS[id] ?? 320}
        aria-invalid=${errors[id] ? 'true' : 'false'} aria-describedby=${limited ? describedBy(errors, id, `${id}-limit`) : describedBy(errors, id)} />
      ${limited ? limitReached(context, id) : nothing}
      ${errorText(errors, id)}
    </div>`
  }
  const consent = (id: string, label: string, required = false) =>
    html`<div class="check">
      <input id=${id} name=${id} type="checkbox" ?required=${required} aria-invalid=${errors[id] ? 'true' : 'false'}
        aria-describedby=${describedBy(errors, id)} />
      <label for=${id}>${label}</label>
      ${errorText(errors, id)}
    </div>`

  return html`<form class="form" part="form" novalidate aria-labelledby="form-title" @submit=${context.onSubmit} @input=${context.onInput}>
    <h3 id="form-title" class="step-title" tabindex="-1" aria-level=${context.subheadingLevel}>${msg('Sign this petition', { id: 'petition.form-title' })}</h3>
    <p class="muted">${msg('All fields are required unless marked optional.', { id: 'form.required-note' })}</p>
    <div class="form__grid">
      ${text('firstName', msg('First name', { id: 'form.first-name' }), 'given-name')}
      ${text('lastName', msg('Last name', { id: 'form.last-name' }), 'family-name')}
      ${text('email', msg('Email', { id: 'form.email' }), 'email', 'email')}
      <div class="field field--country">
        <label for="country">${msg('Country of residence', { id: 'form.country' })}</label>
        <select id="country" name="country" autocomplete="country" required aria-invalid=${errors.country ? 'true' : 'false'}
          aria-describedby=${describedBy(errors, 'country')}>${countrySelectOptions(l10n, context.country)}</select>
        ${errorText(errors, 'country')}
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
      ${renderComment(context, optional)}
    </fieldset>
    <fieldset class="consents">
      <legend>${msg('Your consent', { id: 'form.consents' })}</legend>
      ${consent('consent-processing', msg('I agree that WeGov processes my name, email and country to record and verify my signature on this petition. My email is never published.', { id: 'form.consent-processing' }), true)}
      ${consent('consent-organiser', msg('Send me news about this petition from its organiser (optional).', { id: 'form.consent-organiser' }))}
      ${consent('consent-response', msg('Tell me about this petition’s response (optional).', { id: 'form.consent-response' }))}
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

/**
 * The comment, published under the name of a public signature: it sits with that choice, and a counter says
 * how much room is left (read on focus, not on every key; the limit itself is announced).
 */
function renderComment(context: SignFormContext, optional: TemplateResult) {
  const { l10n, errors } = context
  const { msg, format } = l10n
  const max = FIELD_LIMITS.comment!
  const used = context.lengths.comment ?? 0
  return html`<div class="field field--comment">
    <label for="comment">${msg('Your comment', { id: 'form.comment' })} ${optional}</label>
    <textarea id="comment" name="comment" rows="3" maxlength=${max} dir="auto" aria-invalid=${errors.comment ? 'true' : 'false'}
      aria-describedby=${describedBy(errors, 'comment', 'comment-hint', 'comment-count', 'comment-limit')}></textarea>
    <p id="comment-hint" class="muted">
      ${msg('Shown with your name in the list of signers if you sign publicly, not kept if you sign anonymously. No email addresses.', { id: 'form.comment-hint' })}
    </p>
    <p id="comment-count" class="muted">${msg(str`${format.number(used)} of ${format.number(max)} characters`, { id: 'form.comment-count' })}</p>
    ${limitReached(context, 'comment')}
    ${errorText(errors, 'comment')}
  </div>`
}

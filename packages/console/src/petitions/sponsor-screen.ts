import { html, nothing, type TemplateResult } from 'lit'
import { msg, str } from '@lit/localize'
import type { LocalizedText, SponsorPage } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { countrySelect } from '../shared/choices.js'
import { countryName } from '../shared/format.js'
import { type FieldErrors, describedBy, fieldError, textField } from '../shared/forms.js'
import { currentLang } from '../shared/localization.js'
import { type Problem, problemText, renderProblem, toProblem } from '../shared/problem.js'
import { isolate, loading, localized } from '../shared/screen.js'
import { state } from '../shared/state.js'

type Step = 'form' | 'code' | 'done'

/** Which form field a signing or confirming failure belongs to, by its code. */
const FIELD_OF_CODE: Record<string, string> = {
  WEGOV_INVALID_EMAIL: 'email',
  WEGOV_INVALID_NAME: 'firstName',
  WEGOV_CONSENT_REQUIRED: 'consent',
  WEGOV_INVALID_COUNTRY: 'country',
  WEGOV_CONFIRMATION_INVALID: 'code',
  WEGOV_CONFIRMATION_EXPIRED: 'code',
}

/**
 * The page a sponsor opens from the private link a citizen sent them (no sign-in: a sponsor is anyone). It
 * shows the petition as it will be published and how many sponsors it needs, then signing in two steps like
 * any signature: the form (the SDK solves the proof of work in a worker), then the 6-digit code mailed to
 * the sponsor. A link whose petition has all its sponsors says so instead of showing the form.
 */
export class SponsorScreen extends ConsoleElement {
  static override properties = {
    token: { type: String },
    page: { state: true },
    problem: { state: true },
    closed: { state: true },
    step: { state: true },
    missing: { state: true },
    busy: { state: true },
  }
  declare token: string
  declare page: SponsorPage | undefined
  declare problem: Problem | undefined
  declare closed: boolean
  declare step: Step
  declare missing: string[]
  declare busy: boolean
  #email = ''
  #petitionId = ''

  constructor() {
    super()
    this.token = ''
    this.closed = false
    this.step = 'form'
    this.missing = []
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      this.page = await state.api.sdk.launches.sponsorLink(this.token)
      this.#petitionId = this.page.petition.id
    } catch (error) {
      const problem = toProblem(error)
      if (problem.code === 'WEGOV_SPONSORING_CLOSED') this.closed = true
      else this.problem = problem
    }
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('Sponsor a petition')}</h1>
      ${this.closed
        ? html`<p role="alert" class="note sponsoring-closed">
            ${msg('This petition already has all its sponsors: it is now with the moderators. Thank you for your support.')}
          </p>`
        : this.page
          ? html`${this.#preview(this.page)} ${this.#step()}`
          : this.problem
            ? renderProblem(this.problem)
            : loading()}`
  }

  #preview({ petition, sponsorsNeeded }: SponsorPage): TemplateResult {
    const row = (label: string, text: LocalizedText | null) => (text ? html`<dt>${label}</dt><dd>${localized(text)}</dd>` : nothing)
    return html`<section class="card sponsor-preview" aria-labelledby="petition-title">
      <p class="muted">${msg('The petition, as it will be published:')}</p>
      <h2 id="petition-title" lang=${petition.title.lang} dir=${petition.title.dir}>${petition.title.text}</h2>
      ${petition.summary ? html`<p class="summary" lang=${petition.summary.lang} dir=${petition.summary.dir}>${petition.summary.text}</p>` : nothing}
      ${petition.text
        ? html`<div class="petition-text" lang=${petition.text.lang} dir=${petition.text.dir}>${paragraphs(petition.text.text).map((p) => html`<p>${p}</p>`)}</div>`
        : nothing}
      <dl class="details">
        ${row(msg('Addressed to'), petition.authority)}
        <dt>${msg('Launched by')}</dt>
        <dd><bdi>${petition.launcherName ?? msg('Unknown')}</bdi></dd>
        <dt>${msg('Country')}</dt>
        <dd>${countryName(petition.country)}</dd>
      </dl>
      <p class="sponsors-needed">
        ${msg(str`It needs ${sponsorsNeeded} confirmed sponsors before moderators review it and it is published.`)}
      </p>
    </section>`
  }

  #step(): TemplateResult {
    if (this.step === 'done') {
      return html`<div class="card sponsor-thanks" role="status" tabindex="-1">
        <p><strong>${msg('Thank you: your sponsorship is confirmed.')}</strong></p>
        <p>${msg('Once the petition has all its sponsors, moderators review it before it is published.')}</p>
      </div>`
    }
    return this.step === 'code' ? this.#codeForm() : this.#form()
  }

  /** The field errors: what the form found missing, then the API's failure on the field it names. */
  #errors(): FieldErrors {
    const errors: FieldErrors = {}
    const problem = this.problem
    if (problem) {
      const field = FIELD_OF_CODE[problem.code]
      if (field) errors[field] = problemText(problem)
      for (const f of problem.fields) {
        const id = f.field === 'consents.processing' || f.field === 'consents' ? 'consent' : f.field.replace(/\./g, '-')
        errors[id] ??= FIELD_OF_CODE[f.code ?? ''] ? problemText(problem) : msg('This value is not accepted. Check it, then try again.')
      }
    }
    for (const id of this.missing) errors[id] = id === 'consent' ? msg('Please accept this to sponsor the petition.') : msg('Please fill in this field.')
    return errors
  }

  #form(): TemplateResult {
    const errors = this.#errors()
    return html`<form novalidate class="sponsor-form" @submit=${this.#sign} aria-labelledby="sponsor-form-title">
      <h2 id="sponsor-form-title">${msg('Your sponsorship')}</h2>
      <p class="hint">${msg('Sponsoring is signing: your signature counts once the petition opens. We will email you a code to confirm it.')}</p>
      ${renderProblem(this.problem)}
      ${textField({ id: 'firstName', label: msg('First name'), required: true, autocomplete: 'given-name', maxlength: 100 }, errors)}
      ${textField({ id: 'lastName', label: msg('Last name'), required: true, autocomplete: 'family-name', maxlength: 100 }, errors)}
      ${textField({ id: 'email', label: msg('Email'), type: 'email', required: true, autocomplete: 'email', maxlength: 320 }, errors)}
      ${countrySelect({ id: 'country', label: msg('Country'), value: 'TN' }, errors)}
      <div class="field">
        <label class="check">
          <input type="checkbox" id="consent" name="consent" required aria-invalid=${errors.consent ? 'true' : 'false'}
            aria-describedby=${describedBy('consent', errors)} />
          <span>${msg('I agree that WeGov processes my name, email and country to record my signature on this petition.')}</span>
        </label>
        ${fieldError('consent', errors)}
      </div>
      <div class="actions">
        <button class="button" type="submit" id="sponsor-submit" ?disabled=${this.busy}>${msg('Sponsor this petition')}</button>
      </div>
      ${this.busy ? html`<p role="status" class="status">${msg('Sending… This can take a few seconds.')}</p>` : nothing}
    </form>`
  }

  #codeForm(): TemplateResult {
    const errors = this.#errors()
    return html`<form novalidate class="sponsor-code-form" @submit=${this.#confirm} aria-labelledby="code-form-title">
      <h2 id="code-form-title">${msg('Confirm your sponsorship')}</h2>
      <p role="status" class="status">${msg(str`We emailed you a 6-digit code at ${isolate(this.#email)}. Type it here, or follow the link in the email.`)}</p>
      ${renderProblem(this.problem)}
      ${textField({ id: 'code', label: msg('Code'), required: true, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 20, ltr: true }, errors)}
      <div class="actions">
        <button class="button" type="submit" id="code-submit" ?disabled=${this.busy}>${msg('Confirm')}</button>
      </div>
    </form>`
  }

  /** Runs a call: busy while it runs, its failure announced and focus on the field to fix (or the message). */
  async #run(action: () => Promise<void>): Promise<void> {
    this.busy = true
    this.problem = undefined
    try {
      await action()
    } catch (error) {
      this.problem = toProblem(error)
      if (this.problem.code === 'WEGOV_SPONSORING_CLOSED') this.closed = true
    } finally {
      this.busy = false
    }
    await this.updateComplete
    if (this.problem) (this.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.querySelector<HTMLElement>('#problem'))?.focus()
  }

  async #sign(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const value = (id: string) => (form.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value ?? '').trim()
    const consent = form.querySelector<HTMLInputElement>('#consent')?.checked ?? false
    this.missing = [...['firstName', 'lastName', 'email'].filter((id) => !value(id)), ...(consent ? [] : ['consent'])]
    if (this.missing.length) {
      this.problem = undefined
      await this.updateComplete
      this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    const email = value('email')
    await this.#run(async () => {
      const receipt = await state.api.sdk.launches.sponsor(this.token, {
        firstName: value('firstName'),
        lastName: value('lastName'),
        email,
        country: value('country'),
        consents: { processing: true, newsFromOrganiser: false, newsFromPartner: false },
        locale: currentLang(),
      })
      this.#email = email
      this.#petitionId = receipt.petitionId
      this.step = 'code'
    })
    if (this.step === 'code' && !this.problem) this.querySelector<HTMLElement>('#code')?.focus()
  }

  async #confirm(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const code = (this.querySelector<HTMLInputElement>('#code')?.value ?? '').trim()
    this.missing = code ? [] : ['code']
    if (!code) {
      this.problem = undefined
      await this.updateComplete
      this.querySelector<HTMLElement>('#code')?.focus()
      return
    }
    await this.#run(async () => {
      await state.api.sdk.signatures.confirm({ petition: this.#petitionId, email: this.#email, code })
      this.step = 'done'
    })
    if (this.step === 'done') this.querySelector<HTMLElement>('.sponsor-thanks')?.focus()
  }
}

/**
 * The petition's text as plain paragraphs: the API keeps it as sanitised HTML, read here without markup (a
 * parsed, never-inserted document runs no script), so the page needs no HTML sanitiser of its own.
 */
export function paragraphs(text: string): string[] {
  const doc = new DOMParser().parseFromString(text, 'text/html')
  const blocks = [...doc.body.querySelectorAll('p, li, h2, h3, h4, blockquote')].map((el) => el.textContent?.trim() ?? '').filter(Boolean)
  return blocks.length ? blocks : [doc.body.textContent?.trim() ?? ''].filter(Boolean)
}

customElements.define('wegov-sponsor-screen', SponsorScreen)

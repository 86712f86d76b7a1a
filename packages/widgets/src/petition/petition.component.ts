import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import { str } from '@lit/localize'
import type { Petition } from '@wegov/sdk'
import { emit } from '../shared/events.js'
import { LoadController } from '../shared/load-controller.js'
import { type Problem, toProblem } from '../shared/problem.js'
import { problemMessage, renderProblem } from '../shared/problem-view.js'
import { WeGovElement } from '../shared/wegov-element.js'
import { renderPetitionHeader } from './petition-header.js'
import { type FieldErrors, readSignForm, renderSignForm } from './petition-form.js'
import { styles } from './petition.styles.js'

type Step = 'form' | 'code' | 'done'
const LIVE_COUNT_MS = 60_000

/**
 * @tagname wegov-petition
 * @summary A petition with its live count, and the whole signing flow in place: form, emailed code, thanks.
 *
 * @event wegov-loaded - The petition is shown. `detail: {widget: 'petition', count: 1}`.
 * @event wegov-signed - A signature was confirmed with its emailed code. `detail: {petition, partner, confirmed}`.
 * @event wegov-error - Something failed and the visitor was told; `detail: {code, status, message}`.
 *
 * @csspart base - The widget's frame.
 * @csspart title - The petition's title.
 * @csspart text - The full petition text, once expanded.
 * @csspart progress - The count, goal and time left.
 * @csspart progress-bar - The filled part of the progress bar.
 * @csspart response - The official response.
 * @csspart form - The signing form.
 * @csspart code-form - The form asking for the emailed code.
 * @csspart thanks - The thank-you message and sharing buttons.
 * @csspart button - Every button (also `submit`, `confirm`, `toggle`, `share`, `copy`, `retry`).
 * @csspart problem - An error message box.
 *
 * @cssproperty --wegov-color-bg - Background.
 * @cssproperty --wegov-color-surface - Panels, progress track and skeleton background.
 * @cssproperty --wegov-color-text - Text colour.
 * @cssproperty --wegov-color-muted - Secondary text colour.
 * @cssproperty --wegov-color-border - Borders of the frame and fields.
 * @cssproperty --wegov-color-accent - Buttons, links and the progress bar.
 * @cssproperty --wegov-color-on-accent - Text on accent-coloured buttons.
 * @cssproperty --wegov-color-danger - Error messages and invalid fields.
 * @cssproperty --wegov-color-success - The confirmation message.
 * @cssproperty --wegov-color-focus - The focus ring.
 * @cssproperty --wegov-font-family - Font stack.
 * @cssproperty --wegov-font-size - Base font size.
 * @cssproperty --wegov-radius - Corner radius.
 * @cssproperty --wegov-space - Base spacing unit.
 */
export class WeGovPetition extends WeGovElement {
  static override styles = styles
  static override properties: PropertyDeclarations = {
    petition: { type: String },
    partner: { type: String },
    step: { state: true },
    errors: { state: true },
    submitProblem: { state: true },
    busy: { state: true },
    textOpen: { state: true },
    count: { state: true },
    copied: { state: true },
  }

  /** The petition's slug or id. */
  declare petition: string
  /** Slug of the partner organisation whose site this is: signatures are attributed to it. */
  declare partner: string
  /** @internal */
  declare private step: Step
  /** @internal */
  declare private errors: FieldErrors
  /** @internal */
  declare private submitProblem: Problem | undefined
  /** @internal */
  declare private busy: boolean
  /** @internal */
  declare private textOpen: boolean
  /** @internal */
  declare private count: number
  /** @internal */
  declare private copied: boolean

  private readonly loaded = new LoadController<Petition>(this, (problem) => this.reportProblem(problem))
  private loadedKey = ''
  private email = ''
  private altcha: Promise<string | undefined> | undefined
  private partnerCountry: string | undefined
  private timer: ReturnType<typeof setInterval> | undefined

  constructor() {
    super()
    this.petition = this.partner = ''
    this.step = 'form'
    this.errors = {}
    this.busy = this.textOpen = this.copied = false
    this.count = 0
  }

  override connectedCallback(): void {
    super.connectedCallback()
    // The count is kept live while the widget is on the page; the API serves it from a short cache.
    this.timer = setInterval(() => void this.refreshCount(), LIVE_COUNT_MS)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    clearInterval(this.timer)
  }

  protected override updated(changed: PropertyValues<this>): void {
    const key = `${this.api} ${this.petition} ${this.partner} ${this.l10n.lang}`
    if (this.l10n.ready && this.petition && key !== this.loadedKey) {
      this.loadedKey = key
      void this.load()
    }
    const previous = changed as Map<string, unknown>
    if (previous.has('step') && previous.get('step') !== undefined) this.focusStep()
  }

  private async load(): Promise<void> {
    const client = this.client
    const petition = await this.loaded.load(async () => {
      const [petition, partner] = await Promise.all([
        client.petitions.get(this.petition),
        this.partner ? client.organisations.get(this.partner).catch(() => undefined) : undefined,
      ])
      this.partnerCountry = partner?.country
      return petition
    })
    if (!petition) return
    this.count = petition.signatureCount
    emit(this, 'wegov-loaded', { widget: 'petition', count: 1 })
  }

  private async refreshCount(): Promise<void> {
    if (!this.loaded.value || document.hidden) return
    try {
      this.count = (await this.client.petitions.count(this.loaded.value.id)).total
    } catch {
      // A missed refresh is harmless: the next one will catch up.
    }
  }

  /** Proof-of-work starts at the first keystroke, so it is usually done before the visitor is. */
  private readonly startChallenge = () => {
    this.altcha ??= this.client.challenge.solve().catch(() => undefined)
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const { errors, body } = readSignForm(form, this.l10n)
    this.errors = errors
    this.submitProblem = undefined
    if (Object.keys(errors).length > 0) {
      await this.updateComplete
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    this.busy = true
    this.startChallenge()
    try {
      const altcha = await this.altcha
      this.altcha = undefined // a solution is good for one signature only
      await this.client.petitions.sign(this.petition, {
        ...body,
        locale: this.l10n.lang,
        ...(altcha ? { altcha } : {}),
        ...(this.partner ? { source: { partner: this.partner, url: location.origin + location.pathname } } : {}),
      })
      this.email = body.email
      this.step = 'code'
    } catch (error) {
      this.showSubmitProblem(error, form)
    } finally {
      this.busy = false
    }
  }

  private showSubmitProblem(error: unknown, form: HTMLFormElement): void {
    const problem = toProblem(error)
    const fields = problem.fields.map((f) => f.field).filter((f) => form.elements.namedItem(f))
    if (problem.kind === 'invalid' && fields.length > 0) {
      // The API's message is already in the widget's language.
      this.errors = Object.fromEntries(fields.map((f) => [f, problem.detail ?? problemMessage(this.l10n, problem)]))
      void this.updateComplete.then(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
    } else {
      this.submitProblem = problem
    }
    this.reportProblem(problem)
  }

  private async onConfirm(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const input = (event.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement
    const code = input.value.replace(/\D/g, '')
    this.submitProblem = undefined
    if (code.length !== 6) {
      this.errors = { code: this.l10n.msg('Enter the 6 digits of the code we emailed you.', { id: 'error.code' }) }
      input.focus()
      return
    }
    this.errors = {}
    this.busy = true
    try {
      await this.client.signatures.confirm({ petition: this.petition, email: this.email, code })
      this.step = 'done'
      emit(this, 'wegov-signed', { petition: this.loaded.value?.slug ?? this.petition, partner: this.partner || null, confirmed: true })
      void this.refreshCount()
    } catch (error) {
      const problem = toProblem(error)
      if (problem.code === 'WEGOV_CONFIRMATION_INVALID' || problem.code === 'WEGOV_CONFIRMATION_EXPIRED') {
        this.errors = { code: problem.detail ?? problemMessage(this.l10n, problem) }
        void this.updateComplete.then(() => input.focus())
      } else {
        this.submitProblem = problem
      }
      this.reportProblem(problem)
    } finally {
      this.busy = false
    }
  }

  private async share(): Promise<void> {
    const petition = this.loaded.value!
    await navigator.share({ title: petition.title.text, url: location.href }).catch(() => undefined)
  }

  private async copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(location.href)
      this.copied = true
    } catch {
      this.copied = false
    }
  }

  /** After each step, focus moves to the new step's heading so screen readers announce it. */
  private focusStep(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.step-title')?.focus())
  }

  override render() {
    const { lang, dir } = this.l10n
    const petition = this.loaded.value
    const failed = this.loaded.status === 'error' && this.loaded.problem
    return html`<section class="base" part="base" lang=${lang} dir=${dir} aria-labelledby="title" aria-busy=${!petition && !failed}>
      ${!this.l10n.ready || (!petition && !failed)
        ? this.renderSkeleton()
        : failed
          ? renderProblem(this.l10n, failed, () => void this.load())
          : html`${renderPetitionHeader(this.l10n, petition!, this.count, this.textOpen, () => (this.textOpen = !this.textOpen))}
              ${this.renderStep(petition!)}`}
    </section>`
  }

  private renderStep(petition: Petition) {
    const { msg } = this.l10n
    const problem = this.submitProblem ? renderProblem(this.l10n, this.submitProblem, undefined) : nothing
    if (!petition.acceptingSignatures && this.step === 'form') {
      return html`<div class="problem" part="problem" data-problem="closed">
        <p>${petition.status === 'upcoming' ? msg('This petition is not open for signatures yet.', { id: 'petition.not-open' }) : problemMessage(this.l10n, toProblem({ code: 'WEGOV_PETITION_CLOSED', status: 409 }))}</p>
      </div>`
    }
    if (this.step === 'form') {
      return renderSignForm({
        l10n: this.l10n,
        errors: this.errors,
        problem,
        busy: this.busy,
        country: this.partnerCountry ?? petition.country,
        partner: this.partner,
        onSubmit: (event) => void this.onSubmit(event),
        onFirstInput: this.startChallenge,
      })
    }
    if (this.step === 'code') {
      return html`<form class="code-form" part="code-form" novalidate @submit=${(e: SubmitEvent) => void this.onConfirm(e)}>
        <h3 class="step-title" tabindex="-1">${msg('Check your email', { id: 'petition.check-email' })}</h3>
        <p>${msg(html`We sent a 6-digit code to <bdi>${this.email}</bdi>. Enter it here to confirm your signature.`, { id: 'petition.code-sent' })}</p>
        <p class="muted">${msg('If you had already signed this petition, your signature still counts once: look for our first email in your inbox.', { id: 'petition.already-signed' })}</p>
        <div class="field">
          <label for="code">${msg('Confirmation code', { id: 'form.code' })}</label>
          <input id="code" name="code" class="code-input" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxlength="6" required
            aria-invalid=${this.errors.code ? 'true' : 'false'} aria-describedby=${this.errors.code ? 'code-error' : nothing} />
          ${this.errors.code ? html`<p id="code-error" class="error-text">${this.errors.code}</p>` : nothing}
        </div>
        ${problem}
        <div class="actions">
          <button class="button" part="button confirm" type="submit" ?disabled=${this.busy}>${msg('Confirm my signature', { id: 'petition.confirm' })}</button>
          <button class="button button--secondary" part="button" type="button" @click=${() => (this.step = 'form')}>${msg('Use another email', { id: 'petition.other-email' })}</button>
        </div>
      </form>`
    }
    return html`<div class="thanks" part="thanks">
      <h3 class="step-title" tabindex="-1">${msg('Thank you! Your signature is confirmed.', { id: 'petition.thanks' })}</h3>
      <p>${msg('Ask others to sign too: every signature counts.', { id: 'petition.share-ask' })}</p>
      <div class="actions">
        ${'share' in navigator
          ? html`<button class="button" part="button share" type="button" @click=${this.share}>${msg('Share', { id: 'petition.share' })}</button>`
          : nothing}
        <button class="button button--secondary" part="button copy" type="button" @click=${this.copyLink}>${msg('Copy the link', { id: 'petition.copy' })}</button>
      </div>
      <p aria-live="polite">${this.copied ? msg('Link copied.', { id: 'petition.copied' }) : ''}</p>
    </div>`
  }

  private renderSkeleton() {
    return html`<div aria-hidden="true" class="skeleton-stack">
      <span class="skeleton skeleton--title"></span>
      <span class="skeleton skeleton--text"></span>
      <span class="skeleton skeleton--progress"></span>
      <span class="skeleton skeleton--form"></span>
    </div>`
  }
}

import { adoptStyles, html, type LitElement, nothing, type ReactiveController } from 'lit'
import { confirmSignature, type Petition, signPetition, solveNewChallenge, type Transport } from '@wegov/sdk'
import { emit } from '../shared/events.js'
import type { LocalizeController } from '../shared/localize-controller.js'
import { type Problem, toProblem } from '../shared/problem.js'
import { problemMessage, renderProblem } from '../shared/problem-view.js'
import { FIELD_LIMITS, type FieldErrors, renderSignForm } from './petition-form.js'
import { signingStyles } from './petition-signing.styles.js'
import type { WeGovElement } from '../shared/wegov-element.js'

/** What the signing flow needs from its widget. */
export interface SigningContext {
  /** The widget itself: it hosts the flow, and its `no-heading` sets the level of the flow's step titles. */
  host: WeGovElement
  l10n: LocalizeController
  transport(): Transport
  /** The `petition` attribute (slug or id), the `partner` attribute, and the petition as loaded. */
  petition(): string
  partner(): string
  loaded(): Petition | undefined
  /** The country the form starts on: the partner's, else the petition's. */
  country(): string
  report(problem: Problem): void
  /** A signature was confirmed: the count (and the list of signers, if shown) changed. */
  signatureConfirmed(): void
}

type Step = 'form' | 'code' | 'done'

/**
 * Signing, from the form on: the proof-of-work, checking and sending the form, the emailed code, the thanks
 * and sharing. A module of its own, with its styles and the list of countries, loaded when the visitor
 * opens the form: a page that only shows the petition neither downloads nor renders any of it.
 */
export class SigningFlow implements ReactiveController {
  step: Step = 'form'
  errors: FieldErrors = {}
  /** A failure of the whole submission (closed, rate limited, server), shown above the button. */
  problem: Problem | undefined
  busy = false
  /** What is typed in the fields that have a limit, by length: their counters and limit messages. */
  lengths: Partial<Record<string, number>> = {}
  #email = ''
  #copied = false
  #altcha: Promise<string | undefined> | undefined
  #stepChanged = false
  readonly #context: SigningContext

  constructor(context: SigningContext) {
    this.#context = context
    const { host } = context
    host.addController(this)
    if (host.renderRoot instanceof ShadowRoot) {
      adoptStyles(host.renderRoot, [...(host.constructor as typeof LitElement).elementStyles, signingStyles])
    }
  }

  /** Shows the form, its heading focused, and starts the proof-of-work: it is usually solved before the visitor is done. */
  open(): void {
    this.#stepChanged = true
    this.lengths = {}
    this.#update({ step: 'form' })
    this.#startChallenge()
  }

  /** After each step, focus moves to the new step's heading so screen readers announce it. */
  hostUpdated(): void {
    if (!this.#stepChanged) return
    this.#stepChanged = false
    this.#context.host.renderRoot.querySelector<HTMLElement>('.step-title')?.focus()
  }

  #update(changes: Partial<Pick<SigningFlow, 'step' | 'errors' | 'problem' | 'busy'>>): void {
    if (changes.step !== undefined && changes.step !== this.step) this.#stepChanged = true
    Object.assign(this, changes)
    this.#context.host.requestUpdate()
  }

  #startChallenge(): void {
    this.#altcha ??= solveNewChallenge(this.#context.transport()).catch(() => undefined)
  }

  readonly #onSubmit = (event: SubmitEvent) => void this.#submit(event)

  readonly #onInput = (event: Event) => {
    const field = event.target as HTMLInputElement | HTMLTextAreaElement
    if (!Object.hasOwn(FIELD_LIMITS, field.id) || this.lengths[field.id] === field.value.length) return
    this.lengths = { ...this.lengths, [field.id]: field.value.length }
    this.#context.host.requestUpdate()
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const { l10n, transport, partner } = this.#context
    const { errors, body } = readSignForm(form, l10n)
    this.#update({ errors, problem: undefined })
    if (Object.keys(errors).length > 0) return this.#focusInvalid(form)
    this.#update({ busy: true })
    this.#startChallenge()
    try {
      const altcha = await this.#altcha
      this.#altcha = undefined // a solution is good for one signature only
      await signPetition(transport(), this.#context.petition(), {
        ...body,
        locale: l10n.lang,
        ...(altcha ? { altcha } : {}),
        ...(partner() ? { source: { partner: partner(), url: location.origin + location.pathname } } : {}),
      })
      this.#email = body.email
      this.#update({ step: 'code' })
    } catch (error) {
      this.#showSubmitProblem(error, form)
    } finally {
      this.#update({ busy: false })
    }
  }

  async #focusInvalid(form: HTMLFormElement): Promise<void> {
    await this.#context.host.updateComplete
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }

  #showSubmitProblem(error: unknown, form: HTMLFormElement): void {
    const problem = toProblem(error)
    const fields = problem.fields.map((f) => f.field).filter((f) => form.elements.namedItem(f))
    if (problem.kind === 'invalid' && fields.length > 0) {
      // The API's message is already in the widget's language.
      this.#update({ errors: Object.fromEntries(fields.map((f) => [f, problem.detail ?? problemMessage(this.#context.l10n, problem)])) })
      void this.#focusInvalid(form)
    } else {
      this.#update({ problem })
    }
    this.#context.report(problem)
  }

  async #confirm(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const { l10n, transport, report } = this.#context
    const input = (event.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement
    const code = input.value.replace(/\D/g, '')
    if (code.length !== 6) {
      this.#update({ problem: undefined, errors: { code: l10n.msg('Enter the 6 digits of the code we emailed you.', { id: 'error.code' }) } })
      input.focus()
      return
    }
    this.#update({ problem: undefined, errors: {}, busy: true })
    try {
      await confirmSignature(transport(), { petition: this.#context.petition(), email: this.#email, code })
      this.#update({ step: 'done' })
      const partner = this.#context.partner()
      emit(this.#context.host, 'wegov-signed', { petition: this.#context.loaded()?.slug ?? this.#context.petition(), partner: partner || null, confirmed: true })
      this.#context.signatureConfirmed()
    } catch (error) {
      const problem = toProblem(error)
      if (problem.code === 'WEGOV_CONFIRMATION_INVALID' || problem.code === 'WEGOV_CONFIRMATION_EXPIRED') {
        this.#update({ errors: { code: problem.detail ?? problemMessage(l10n, problem) } })
        void this.#context.host.updateComplete.then(() => input.focus())
      } else {
        this.#update({ problem })
      }
      report(problem)
    } finally {
      this.#update({ busy: false })
    }
  }

  async #share(): Promise<void> {
    await navigator.share({ title: this.#context.loaded()?.title.text ?? document.title, url: location.href }).catch(() => undefined)
  }

  async #copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(location.href)
      this.#copied = true
    } catch {
      this.#copied = false
    }
    this.#context.host.requestUpdate()
  }

  /** The current step: the form, the emailed code, then the thanks. */
  render() {
    const { l10n } = this.#context
    const { msg } = l10n
    const problem = this.problem ? renderProblem(l10n, this.problem, undefined) : nothing
    if (this.step === 'form') {
      return renderSignForm({
        l10n,
        errors: this.errors,
        problem,
        busy: this.busy,
        lengths: this.lengths,
        country: this.#context.country(),
        partner: this.#context.partner(),
        subheadingLevel: this.#context.host.subheadingLevel,
        onSubmit: this.#onSubmit,
        onInput: this.#onInput,
      })
    }
    if (this.step === 'code') {
      return html`<form class="code-form" part="code-form" novalidate @submit=${(e: SubmitEvent) => void this.#confirm(e)}>
        <h3 class="step-title" tabindex="-1" aria-level=${this.#context.host.subheadingLevel}>${msg('Check your email', { id: 'signing.check-email' })}</h3>
        <p>${msg(html`We sent a 6-digit code to <bdi>${this.#email}</bdi>. Enter it here to confirm your signature.`, { id: 'signing.code-sent' })}</p>
        <p class="muted">${msg('If you had already signed this petition, your signature still counts once: look for our first email in your inbox.', { id: 'signing.already-signed' })}</p>
        <div class="field">
          <label for="code">${msg('Confirmation code', { id: 'form.code' })}</label>
          <input id="code" name="code" class="code-input" type="text" dir="ltr" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxlength="6" required
            aria-invalid=${this.errors.code ? 'true' : 'false'} aria-describedby=${this.errors.code ? 'code-error' : nothing} />
          ${this.errors.code ? html`<p id="code-error" class="error-text">${this.errors.code}</p>` : nothing}
        </div>
        ${problem}
        <div class="actions">
          <button class="button" part="button confirm" type="submit" ?disabled=${this.busy}>${msg('Confirm my signature', { id: 'signing.confirm' })}</button>
          <button class="button button--secondary" part="button" type="button" @click=${() => this.open()}>${msg('Use another email', { id: 'signing.other-email' })}</button>
        </div>
      </form>`
    }
    return html`<div class="thanks" part="thanks">
      <h3 class="step-title" tabindex="-1" aria-level=${this.#context.host.subheadingLevel}>${msg('Thank you! Your signature is confirmed.', { id: 'signing.thanks' })}</h3>
      <p>${msg('Ask others to sign too: every signature counts.', { id: 'signing.share-ask' })}</p>
      <div class="actions">
        ${'share' in navigator
          ? html`<button class="button" part="button share" type="button" @click=${() => void this.#share()}>${msg('Share', { id: 'signing.share' })}</button>`
          : nothing}
        <button class="button button--secondary" part="button copy" type="button" @click=${() => void this.#copyLink()}>${msg('Copy the link', { id: 'signing.copy' })}</button>
      </div>
      <p aria-live="polite">${this.#copied ? msg('Link copied.', { id: 'signing.copied' }) : ''}</p>
    </div>`
  }
}

/** Reads and checks the form; returns the body to sign or the errors to show. */
function readSignForm(form: HTMLFormElement, l10n: LocalizeController) {
  const { msg } = l10n
  const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim()
  const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false
  const errors: FieldErrors = {}
  if (!/\p{L}/u.test(value('firstName'))) errors.firstName = msg('Enter your first name.', { id: 'error.first-name' })
  if (!/\p{L}/u.test(value('lastName'))) errors.lastName = msg('Enter your last name.', { id: 'error.last-name' })
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value('email'))) errors.email = msg('Enter a valid email address, like name@example.org.', { id: 'error.email' })
  if (!checked('consent-processing')) errors['consent-processing'] = msg('Tick this box to sign: without it we cannot count your signature.', { id: 'error.consent' })
  const display = (form.querySelector<HTMLInputElement>('input[name="display"]:checked')?.value ?? 'anonymous') as 'public' | 'anonymous'
  // A comment is only ever published with a public signature: an anonymous signer's is not sent at all.
  const comment = display === 'public' ? value('comment') : ''
  return {
    errors,
    body: {
      firstName: value('firstName'),
      lastName: value('lastName'),
      email: value('email'),
      country: value('country'),
      ...(value('city') ? { city: value('city') } : {}),
      ...(comment ? { comment } : {}),
      display,
      consents: { processing: true as const, newsFromOrganiser: checked('consent-organiser'), newsFromPartner: checked('consent-partner'), response: checked('consent-response') },
      ...(value('website') ? { website: value('website') } : {}),
    },
  }
}

import { html } from 'lit'
import { msg, str } from '@lit/localize'
import { browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser'
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser'
import { ConsoleElement } from '../shared/console-element.js'
import { type FieldErrors, focusFirstError, formValues, requiredErrors, textField } from '../shared/forms.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE, href, navigate, safeNext } from '../shared/router.js'
import { state } from '../shared/state.js'
import type { Me } from '../shared/api-types.js'
import { isolate } from '../shared/screen.js'

/**
 * Signing in: an email address, then the 6-digit code WeGov mails to it; or a passkey. No password ever.
 * After signing in the person goes back where they were sent from (`?next=`, console paths only).
 */
export class SignInScreen extends ConsoleElement {
  static override properties = {
    next: { type: String },
    step: { state: true },
    email: { state: true },
    sent: { state: true },
    busy: { state: true },
    errors: { state: true },
    problem: { state: true },
  }
  declare next: string
  declare step: 'email' | 'code'
  declare email: string
  declare sent: string
  declare busy: boolean
  declare errors: FieldErrors
  declare problem: Problem | undefined

  constructor() {
    super()
    this.next = ''
    this.step = 'email'
    this.email = ''
    this.sent = ''
    this.busy = false
    this.errors = {}
  }

  protected override render() {
    if (state.me) {
      return html`<h1 id="screen-title" tabindex="-1">${msg('Sign in to the WeGov console')}</h1>
        <p>${msg('You are signed in as')} <bdi dir="ltr">${state.me.email}</bdi>.</p>
        <p><a href=${href(safeNext(this.next) ?? BASE)}>${msg('Continue to the console')}</a></p>`
    }
    return html`<h1 id="screen-title" tabindex="-1">${msg('Sign in to the WeGov console')}</h1>
      ${this.step === 'email' ? this.#emailForm() : this.#codeForm()}
      ${renderProblem(this.problem)}
      <section class="card" aria-labelledby="passkey-title">
        <h2 id="passkey-title">${msg('With a passkey')}</h2>
        <p>${msg('If you have added a passkey to your account, you can sign in with it instead of a code.')}</p>
        <button type="button" class="button button--secondary" id="passkey-sign-in" ?disabled=${this.busy} @click=${this.#passkey}>
          ${msg('Sign in with a passkey')}
        </button>
      </section>`
  }

  #emailForm() {
    return html`<form novalidate @submit=${this.#requestCode} aria-labelledby="email-title">
      <h2 id="email-title">${msg('With a code sent by email')}</h2>
      <p>${msg('Enter your email address. We will send you a 6-digit code to sign in. No password is needed.')}</p>
      ${textField({ id: 'email', label: msg('Email address'), type: 'email', value: this.email, required: true, autocomplete: 'email' }, this.errors)}
      <button class="button" type="submit" ?disabled=${this.busy}>${msg('Send me a code')}</button>
    </form>`
  }

  #codeForm() {
    return html`<form novalidate @submit=${this.#verifyCode} aria-labelledby="code-title">
      <h2 id="code-title">${msg('Enter your code')}</h2>
      <p role="status" id="code-sent">${this.sent || msg(str`If ${isolate(this.email)} can sign in, a code is on its way to it.`)}</p>
      ${textField(
        {
          id: 'code',
          label: msg('6-digit code'),
          required: true,
          autocomplete: 'one-time-code',
          inputmode: 'numeric',
          maxlength: 6,
          ltr: true,
          hint: msg('The code is valid for 10 minutes. Check your spam folder if it has not arrived.'),
        },
        this.errors,
      )}
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.busy}>${msg('Sign in')}</button>
        <button class="button button--secondary" type="button" @click=${this.#restart}>${msg('Use another address')}</button>
      </div>
    </form>`
  }

  async #requestCode(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    this.problem = undefined
    this.errors = requiredErrors(form)
    if (Object.keys(this.errors).length) return focusFirstError(this)
    this.email = formValues(form).email!
    this.busy = true
    try {
      const answer = await state.api.auth.requestCode(this.email)
      this.sent = answer?.detail ?? ''
      this.step = 'code'
      await this.updateComplete
      this.querySelector<HTMLInputElement>('#code')?.focus()
    } catch (error) {
      this.#fail(error, 'email')
    } finally {
      this.busy = false
    }
  }

  async #verifyCode(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    this.problem = undefined
    this.errors = requiredErrors(form)
    const code = formValues(form).code ?? ''
    if (!this.errors.code && !/^\d{6}$/.test(code)) this.errors = { code: msg('The code is the 6 digits in the email we sent you.') }
    if (Object.keys(this.errors).length) return focusFirstError(this)
    this.busy = true
    try {
      this.#signedIn(await state.api.auth.verifyCode(this.email, code))
    } catch (error) {
      this.#fail(error, 'code')
    } finally {
      this.busy = false
    }
  }

  async #passkey(): Promise<void> {
    this.problem = undefined
    if (!browserSupportsWebAuthn()) {
      this.problem = { status: 400, code: 'PASSKEYS_UNSUPPORTED', detail: msg('This browser cannot use passkeys. Sign in with a code instead.'), fields: [] }
      return
    }
    this.busy = true
    try {
      const { challengeId, options } = await state.api.auth.passkeyOptions()
      const response = await startAuthentication({ optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON })
      this.#signedIn(await state.api.auth.passkeyVerify(challengeId, response))
    } catch (error) {
      const name = (error as { name?: string }).name
      // The person closed the browser's passkey prompt: nothing went wrong.
      if (name === 'NotAllowedError' || name === 'AbortError') {
        this.problem = { status: 400, code: 'PASSKEY_CANCELLED', detail: msg('No passkey was used. You can try again, or sign in with a code.'), fields: [] }
      } else this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }

  #restart(): void {
    this.step = 'email'
    this.problem = undefined
    this.errors = {}
  }

  #fail(error: unknown, field: string): void {
    const problem = toProblem(error)
    // A wrong or expired code, an invalid address: said next to the field, and announced.
    if (problem.status === 400 || problem.status === 410) {
      this.errors = { [field]: problem.detail || msg('Please check this field.') }
      this.problem = problem
      void focusFirstError(this)
    } else this.problem = problem
  }

  #signedIn(me: Me): void {
    state.setMe(me)
    navigate(safeNext(this.next) ?? BASE)
  }
}

customElements.define('wegov-sign-in-screen', SignInScreen)

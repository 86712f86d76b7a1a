import { html } from 'lit'
import { msg } from '@lit/localize'
import { ConsoleElement } from '../shared/console-element.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE, href, navigate, safeNext } from '../shared/router.js'
import { state } from '../shared/state.js'

/**
 * The page a sign-in mail's link opens. It signs in only when the person presses the button: mail
 * scanners that open every link must not spend the code (the same rule as signature confirmations).
 */
export class SignInLinkScreen extends ConsoleElement {
  static override properties = { token: { type: String }, next: { type: String }, busy: { state: true }, problem: { state: true } }
  declare token: string
  declare next: string
  declare busy: boolean
  declare problem: Problem | undefined

  constructor() {
    super()
    this.token = ''
    this.next = ''
    this.busy = false
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('Sign in to the WeGov console')}</h1>
      <p>${msg('You opened the link from your sign-in email. Press the button to sign in on this device.')}</p>
      <button type="button" class="button" id="sign-in-with-link" ?disabled=${this.busy} @click=${this.#signIn}>${msg('Sign in')}</button>
      ${renderProblem(this.problem)}
      ${this.problem ? html`<p><a href=${href(`${BASE}sign-in`)}>${msg('Ask for a new code')}</a></p>` : ''}`
  }

  async #signIn(): Promise<void> {
    this.busy = true
    this.problem = undefined
    try {
      state.setMe(await state.api.auth.verifyToken(this.token))
      navigate(safeNext(this.next) ?? BASE, { replace: true })
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }
}

customElements.define('wegov-sign-in-link-screen', SignInLinkScreen)

import { html, nothing } from 'lit'
import { msg, str } from '@lit/localize'
import type { InvitationView } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE, href } from '../shared/router.js'
import { loading, localized, roleName } from '../shared/screen.js'
import { state } from '../shared/state.js'

/**
 * The page an invitation mail's link opens (signed in first). It joins only when the person presses the
 * button: opening the link, as mail scanners do, changes nothing.
 */
export class InvitationScreen extends ConsoleElement {
  static override properties = {
    token: { type: String },
    invitation: { state: true },
    accepted: { state: true },
    problem: { state: true },
    busy: { state: true },
  }
  declare token: string
  declare invitation: InvitationView | undefined
  declare accepted: { organisationId: string } | undefined
  declare problem: Problem | undefined
  declare busy: boolean

  constructor() {
    super()
    this.token = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      this.invitation = await state.api.invitations.get(this.token)
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  protected override render() {
    const invitation = this.invitation
    return html`<h1 id="screen-title" tabindex="-1">${msg('Accept an invitation')}</h1>
      ${renderProblem(this.problem)}
      ${!invitation
        ? this.problem
          ? nothing
          : loading()
        : this.accepted
          ? html`<p role="status">${msg('You have joined the organisation.')}</p>
              <p><a href=${href(`${BASE}organisations/${this.accepted.organisationId}`)}>${msg('Open the organisation')}</a></p>`
          : html`<section class="card" aria-labelledby="invitation-title">
              <h2 id="invitation-title">${localized(invitation.organisation.name)}</h2>
              <p>${msg(str`You are invited to join as ${roleName(invitation.role)}.`)}</p>
              <p class="muted">${msg('Invitation for')} <bdi dir="ltr">${invitation.email}</bdi></p>
              ${invitation.status === 'pending' || !invitation.status
                ? html`<button type="button" class="button" id="accept-invitation" ?disabled=${this.busy} @click=${this.#accept}>
                    ${msg('Accept the invitation')}
                  </button>`
                : nothing}
            </section>`}`
  }

  async #accept(): Promise<void> {
    this.busy = true
    this.problem = undefined
    try {
      this.accepted = await state.api.invitations.accept(this.token)
      await state.refreshMe()
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }
}

customElements.define('wegov-invitation-screen', InvitationScreen)

import { html } from 'lit'
import { msg } from '@lit/localize'
import { ConsoleElement } from '../shared/console-element.js'
import { BASE, href } from '../shared/router.js'
import { localized, roleName } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { colon } from '../shared/localization.js'

/** My organisations: each one I belong to, my role there, and its screens. */
export class OrganisationsScreen extends ConsoleElement {
  #unsubscribe: (() => void) | undefined

  /** Memberships change elsewhere (an approved application, an owner's invitation): read them afresh. */
  override connectedCallback(): void {
    super.connectedCallback()
    this.#unsubscribe = state.subscribe(() => this.requestUpdate())
    void state.refreshMe()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#unsubscribe?.()
  }

  protected override render() {
    const memberships = state.me?.memberships ?? []
    return html`<h1 id="screen-title" tabindex="-1">${msg('My organisations')}</h1>
      ${memberships.length === 0
        ? html`<p>${msg('You are not a member of any organisation yet. An owner can invite you, or your association can apply to join WeGov.')}</p>
            <p><a href=${href(`${BASE}apply`)}>${msg('Apply to register an association')}</a></p>`
        : html`<ul class="list">
            ${memberships.map(({ organisation, role }) => {
              const base = `${BASE}organisations/${organisation.id}`
              const manages = state.managesOrganisation(organisation.id)
              return html`<li class="item">
                <h2 class="item__title">${localized(organisation.name)}</h2>
                <p class="muted">${msg('Your role')}${colon()} ${roleName(role)}</p>
                <ul class="links">
                  <li><a href=${href(base)}>${msg('Profile')}</a></li>
                  <li><a href=${href(`${base}/members`)}>${msg('Members')}</a></li>
                  <li><a href=${href(`${base}/projects`)}>${msg('Projects')}</a></li>
                  <li><a href=${href(`${base}/resources`)}>${msg('Resources')}</a></li>
                  ${manages
                    ? html`<li><a href=${href(`${base}/api-keys`)}>${msg('API keys')}</a></li>
                        <li><a href=${href(`${base}/webhooks`)}>${msg('Webhooks')}</a></li>
                        <li><a href=${href(`${base}/audit`)}>${msg('Audit log')}</a></li>`
                    : ''}
                </ul>
              </li>`
            })}
          </ul>`}`
  }
}

customElements.define('wegov-organisations-screen', OrganisationsScreen)

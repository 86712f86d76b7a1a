import { html, nothing } from 'lit'
import { msg, str } from '@lit/localize'
import { API_KEY_SCOPES, type ApiKey, type ApiKeyScope } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { dateTime } from '../shared/format.js'
import { type FieldErrors, confirmAction, describedBy, fieldError, focusFirstError, requiredErrors, textField } from '../shared/forms.js'
import { organisationNav } from '../shared/organisation-nav.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { forItem, isolate, loading, scopeName } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { colon, currentLang } from '../shared/localization.js'

/**
 * An organisation's API keys for its servers. A new key's secret is shown once, here, with a copy button:
 * WeGov keeps only its hash and cannot show it again.
 */
export class ApiKeysScreen extends ConsoleElement {
  static override properties = {
    organisationId: { type: String },
    keys: { state: true },
    created: { state: true },
    copied: { state: true },
    problem: { state: true },
    status: { state: true },
    errors: { state: true },
    busy: { state: true },
  }
  declare organisationId: string
  declare keys: ApiKey[] | undefined
  /** The key just created, with its secret: kept only in memory, only until the screen is left. */
  declare created: (ApiKey & { secret: string }) | undefined
  declare copied: string
  declare problem: Problem | undefined
  declare status: string
  declare errors: FieldErrors
  declare busy: boolean

  constructor() {
    super()
    this.organisationId = ''
    this.copied = ''
    this.status = ''
    this.errors = {}
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      this.keys = (await state.api.apiKeys.list(this.organisationId)).items
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('API keys')}</h1>
      ${organisationNav(this.organisationId, 'api-keys')}
      <p>${msg('An API key lets your organisation’s own server read its drafts or publish content on WeGov. Never put a key in a web page.')}</p>
      <p role="status" class="status">${this.status}</p>
      ${renderProblem(this.problem)} ${this.created ? this.#secret(this.created) : nothing}
      <section class="card" aria-labelledby="keys-title">
        <h2 id="keys-title" tabindex="-1">${msg('Keys')}</h2>
        ${this.keys === undefined ? (this.problem ? nothing : loading()) : this.#list(this.keys)}
      </section>
      ${this.#createForm()}`
  }

  #secret(key: ApiKey & { secret: string }) {
    return html`<section class="card card--warning" aria-labelledby="secret-title" id="new-key">
      <h2 id="secret-title" tabindex="-1">${msg(str`Your new key “${isolate(key.name)}”`)}</h2>
      <p class="warning" id="secret-warning">
        <strong>${msg('Copy this key now and keep it somewhere safe. It will not be shown again.')}</strong>
      </p>
      <div class="field">
        <label for="secret">${msg('Secret key')}</label>
        <input id="secret" class="secret" readonly dir="ltr" .value=${key.secret} aria-describedby="secret-warning" @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
      </div>
      <div class="actions">
        <button type="button" class="button" id="copy-secret" @click=${() => this.#copy(key.secret)}>${msg('Copy the key')}</button>
        <button type="button" class="button button--secondary" @click=${this.#forget}>${msg('I have copied it')}</button>
      </div>
      <p role="status" class="status">${this.copied}</p>
    </section>`
  }

  #list(keys: ApiKey[]) {
    if (keys.length === 0) return html`<p class="muted">${msg('This organisation has no API key yet.')}</p>`
    return html`<ul class="list" aria-labelledby="keys-title">
      ${keys.map(
        (key) => html`<li class="item" data-key-id=${key.id}>
          <p class="item__title"><bdi>${key.name}</bdi> <code dir="ltr">${key.prefix}…</code>
            ${key.revokedAt ? html`<strong class="badge badge--muted">${msg('Revoked')}</strong>` : nothing}</p>
          <p class="muted">${msg('Scopes')}${colon()} ${new Intl.ListFormat(currentLang(), { type: 'conjunction' }).format(key.scopes.map(scopeName))}</p>
          <p class="muted">
            ${msg('Created')} ${dateTime(key.createdAt)}${key.createdBy?.name ? html` (<bdi>${key.createdBy.name}</bdi>)` : nothing} ·
            ${key.lastUsedAt ? html`${msg('Last used')} ${dateTime(key.lastUsedAt)}` : msg('Never used')}
            ${key.revokedAt ? html` · ${msg('Revoked')} ${dateTime(key.revokedAt)}` : nothing}
          </p>
          ${key.revokedAt
            ? nothing
            : html`<button type="button" class="button button--danger" ?disabled=${this.busy} @click=${() => this.#revoke(key)}>
                ${forItem(msg('Revoke'), key.name)}
              </button>`}
        </li>`,
      )}
    </ul>`
  }

  #createForm() {
    return html`<form class="card" novalidate @submit=${this.#create} aria-labelledby="create-key-title">
      <h2 id="create-key-title">${msg('Create a key')}</h2>
      ${textField({ id: 'key-name', label: msg('Name of the key'), required: true, maxlength: 100, hint: msg('Say what uses it, e.g. “Website publishing”.'), dir: 'auto' }, this.errors)}
      <fieldset aria-describedby=${describedBy('scopes', this.errors)}>
        <legend>${msg('What the key may do')}</legend>
        ${API_KEY_SCOPES.map(
          (scope) => html`<div class="check">
            <input type="checkbox" id=${`scope-${scope}`} name="scopes" value=${scope} ?checked=${scope === 'drafts:read'} />
            <label for=${`scope-${scope}`}>${scopeName(scope)}</label>
          </div>`,
        )}
        ${fieldError('scopes', this.errors)}
      </fieldset>
      <button class="button" type="submit" ?disabled=${this.busy}>${msg('Create the key')}</button>
    </form>`
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const scopes = data.getAll('scopes') as ApiKeyScope[]
    this.errors = requiredErrors(form)
    if (scopes.length === 0) this.errors = { ...this.errors, scopes: msg('Choose at least one thing the key may do.') }
    if (Object.keys(this.errors).length) {
      await focusFirstError(this)
      if (!this.errors['key-name']) this.querySelector<HTMLInputElement>('input[name="scopes"]')?.focus()
      return
    }
    await this.#run(async () => {
      const created = await state.api.apiKeys.create(this.organisationId, String(data.get('key-name')).trim(), scopes)
      this.created = created
      const { secret: _secret, ...key } = created
      this.keys = [key, ...(this.keys ?? [])]
      form.reset()
      await this.updateComplete
      this.querySelector<HTMLElement>('#secret-title')?.focus()
    })
  }

  async #copy(secret: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret)
      this.copied = msg('The key is copied.')
    } catch {
      // No clipboard (permission refused, an old browser): the field is selected for copying by hand.
      const field = this.querySelector<HTMLInputElement>('#secret')
      field?.focus()
      field?.select()
      this.copied = msg('Copying was refused by the browser. The key is selected: copy it with your keyboard or menu.')
    }
  }

  #forget(): void {
    this.created = undefined
    this.copied = ''
    this.querySelector<HTMLElement>('#keys-title')?.focus()
  }

  async #revoke(key: ApiKey): Promise<void> {
    if (!(await confirmAction(msg(str`Revoke the key “${isolate(key.name)}”? Servers using it will be refused at once. This cannot be undone.`), msg('Revoke')))) return
    await this.#run(async () => {
      await state.api.apiKeys.revoke(this.organisationId, key.id)
      const now = new Date().toISOString()
      this.keys = this.keys?.map((k) => (k.id === key.id ? { ...k, revokedAt: now } : k))
      if (this.created?.id === key.id) this.created = undefined
      this.status = msg(str`The key “${isolate(key.name)}” is revoked.`)
    })
  }

  async #run(action: () => Promise<void>): Promise<void> {
    this.busy = true
    this.problem = undefined
    this.status = ''
    try {
      await action()
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }
}

customElements.define('wegov-api-keys-screen', ApiKeysScreen)

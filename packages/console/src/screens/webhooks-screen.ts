import { html, nothing } from 'lit'
import { msg, str } from '@lit/localize'
import { WEBHOOK_EVENT_TYPES, type Webhook, type WebhookEventType, type WebhookWithSecret } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { dateTime } from '../shared/format.js'
import { colon, currentLang } from '../shared/localization.js'
import { type FieldErrors, confirmAction, describedBy, fieldError, focusFirstError, textField } from '../shared/forms.js'
import { organisationNav } from '../shared/organisation-nav.js'
import { type Problem, fieldProblem, renderProblem, toProblem } from '../shared/problem.js'
import { forItem, isolate, loading } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { webhookEventLabel, webhookEventName, webhookState } from '../shared/webhook-words.js'
import './webhook-deliveries.js'

/** Event names as a list in the reader's language ("A, B et C"; the Arabic comma and و in Arabic). */
const eventList = (names: string[]) => new Intl.ListFormat(currentLang(), { type: 'conjunction' }).format(names)

/**
 * An organisation's webhook endpoints, for its owners: register one (its signing secret is shown once, here,
 * with a copy button), enable or disable it, rotate its secret, delete it, and read each one's delivery log.
 */
export class WebhooksScreen extends ConsoleElement {
  static override properties = {
    organisationId: { type: String },
    webhooks: { state: true },
    secret: { state: true },
    copied: { state: true },
    open: { state: true },
    problem: { state: true },
    status: { state: true },
    errors: { state: true },
    busy: { state: true },
  }
  declare organisationId: string
  declare webhooks: Webhook[] | undefined
  /** The secret just made (registration or rotation): kept only in memory, only until the screen is left. */
  declare secret: WebhookWithSecret | undefined
  declare copied: string
  /** The endpoints whose delivery log is shown. */
  declare open: ReadonlySet<string>
  declare problem: Problem | undefined
  declare status: string
  declare errors: FieldErrors
  declare busy: boolean

  constructor() {
    super()
    this.organisationId = ''
    this.copied = ''
    this.open = new Set()
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
      this.webhooks = (await state.api.webhooks.list(this.organisationId)).items
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('Webhooks')}</h1>
      ${organisationNav(this.organisationId, 'webhooks')}
      <p>${msg('A webhook tells your own server, within seconds, when something happens on WeGov: WeGov sends each event to the address you give, signed with a secret only you and WeGov know.')}</p>
      <p role="status" class="status">${this.status}</p>
      ${renderProblem(this.problem)} ${this.secret ? this.#secret(this.secret) : nothing}
      <section class="card" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title" tabindex="-1">${msg('Endpoints')}</h2>
        ${this.webhooks === undefined ? (this.problem ? nothing : loading()) : this.#list(this.webhooks)}
      </section>
      ${this.#createForm()}`
  }

  #secret(webhook: WebhookWithSecret) {
    return html`<section class="card card--warning" aria-labelledby="secret-title" id="new-secret">
      <h2 id="secret-title" tabindex="-1">${msg(str`The signing secret of ${isolate(webhook.url)}`)}</h2>
      <p class="warning" id="secret-warning">
        <strong>${msg('Copy this secret now and keep it on your server. It will not be shown again.')}</strong>
        ${msg('Your server checks with it that each delivery really comes from WeGov (the webhook-signature header, Standard Webhooks).')}
      </p>
      <div class="field">
        <label for="secret">${msg('Signing secret')}</label>
        <input id="secret" class="secret" readonly dir="ltr" .value=${webhook.secret} aria-describedby="secret-warning" @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
      </div>
      <div class="actions">
        <button type="button" class="button" id="copy-secret" @click=${() => this.#copy(webhook.secret)}>${msg('Copy the secret')}</button>
        <button type="button" class="button button--secondary" @click=${this.#forget}>${msg('I have copied the secret')}</button>
      </div>
      <p role="status" class="status">${this.copied}</p>
    </section>`
  }

  #list(webhooks: Webhook[]) {
    if (webhooks.length === 0) return html`<p class="muted">${msg('This organisation has no webhook endpoint yet.')}</p>`
    return html`<ul class="list" aria-labelledby="webhooks-title">
      ${webhooks.map((webhook) => {
        const logId = `log-${webhook.id}`
        const shown = this.open.has(webhook.id)
        return html`<li class="item" data-webhook-id=${webhook.id}>
          <h3 class="item__title" id=${`title-${webhook.id}`} tabindex="-1"><bdi dir="ltr">${webhook.url}</bdi></h3>
          <p>
            <strong class=${webhook.enabled ? 'badge' : webhook.disabledReason ? 'badge badge--danger' : 'badge badge--muted'}>${webhookState(webhook)}</strong>
          </p>
          <p class="muted">${msg('Events')}${colon()} ${eventList(webhook.eventTypes.map(webhookEventName))}</p>
          <p class="muted">${msg('Registered')} ${dateTime(webhook.createdAt)} · ${msg('Changed')} ${dateTime(webhook.updatedAt)}</p>
          <div class="actions">
            <button type="button" class="button button--secondary" ?disabled=${this.busy} @click=${() => this.#setEnabled(webhook, !webhook.enabled)}>
              ${forItem(webhook.enabled ? msg('Disable') : msg('Enable'), webhook.url)}
            </button>
            <button type="button" class="button button--secondary" ?disabled=${this.busy} @click=${() => this.#rotate(webhook)}>
              ${forItem(msg('Rotate the secret'), webhook.url)}
            </button>
            <button type="button" class="button button--secondary" aria-expanded=${shown ? 'true' : 'false'} aria-controls=${logId} @click=${() => this.#toggleLog(webhook.id)}>
              ${forItem(msg('Delivery log'), webhook.url)}
            </button>
            <button type="button" class="button button--danger" ?disabled=${this.busy} @click=${() => this.#delete(webhook)}>${forItem(msg('Delete'), webhook.url)}</button>
          </div>
          <div id=${logId}>
            ${shown ? html`<wegov-webhook-deliveries .organisationId=${this.organisationId} .webhookId=${webhook.id}></wegov-webhook-deliveries>` : nothing}
          </div>
        </li>`
      })}
    </ul>`
  }

  #createForm() {
    return html`<form class="card" novalidate @submit=${this.#create} aria-labelledby="create-webhook-title">
      <h2 id="create-webhook-title">${msg('Register an endpoint')}</h2>
      ${textField(
        {
          id: 'url',
          type: 'url',
          label: msg('Address of the endpoint'),
          required: true,
          maxlength: 2000,
          hint: msg('An https:// address of your server, e.g. https://example.org/wegov-events.'),
        },
        this.errors,
      )}
      <fieldset aria-describedby=${describedBy('event-types', this.errors)}>
        <legend>${msg('Events to send')}</legend>
        ${WEBHOOK_EVENT_TYPES.map(
          (type) => html`<div class="check">
            <input type="checkbox" id=${`event-${type}`} name="eventTypes" value=${type} />
            <label for=${`event-${type}`}>${webhookEventLabel(type)}</label>
          </div>`,
        )}
        ${fieldError('event-types', this.errors)}
      </fieldset>
      <button class="button" type="submit" ?disabled=${this.busy}>${msg('Register the endpoint')}</button>
    </form>`
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const url = String(data.get('url') ?? '').trim()
    const eventTypes = data.getAll('eventTypes') as WebhookEventType[]
    const errors: FieldErrors = {}
    if (!url) errors.url = msg('Please fill in this field.')
    else if (!/^https?:\/\/\S+$/i.test(url)) errors.url = msg('Enter an address that starts with https://.')
    if (eventTypes.length === 0) errors['event-types'] = msg('Choose at least one event to send.')
    this.errors = errors
    if (Object.keys(errors).length) return this.#focusError()
    await this.#run(async () => {
      try {
        const created = await state.api.webhooks.create(this.organisationId, url, eventTypes)
        this.secret = created
        this.errors = {}
        const { secret: _secret, ...webhook } = created
        this.webhooks = [...(this.webhooks ?? []), webhook]
        form.reset()
        await this.updateComplete
        this.querySelector<HTMLElement>('#secret-title')?.focus()
      } catch (error) {
        // A refused address or event type is told at its field (in the reader's language), where it is fixed.
        const problem = toProblem(error)
        const field = problem.code === 'WEGOV_WEBHOOK_URL_REFUSED' || fieldProblem(problem, 'url') ? 'url' : problem.code === 'WEGOV_UNKNOWN_WEBHOOK_EVENT' ? 'event-types' : undefined
        if (!field) throw error
        this.errors = { [field]: problem.detail || msg('This value was refused.') }
        await this.#focusError()
      }
    })
  }

  /** The first field in error gets focus; for the event types, their first checkbox. */
  async #focusError(): Promise<void> {
    await focusFirstError(this)
    if (!this.errors.url && this.errors['event-types']) this.querySelector<HTMLInputElement>('input[name="eventTypes"]')?.focus()
  }

  async #copy(secret: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret)
      this.copied = msg('The secret is copied.')
    } catch {
      // No clipboard (permission refused, an old browser): the field is selected for copying by hand.
      const field = this.querySelector<HTMLInputElement>('#secret')
      field?.focus()
      field?.select()
      this.copied = msg('Copying was refused by the browser. The secret is selected: copy it with your keyboard or menu.')
    }
  }

  #forget(): void {
    this.secret = undefined
    this.copied = ''
    this.querySelector<HTMLElement>('#webhooks-title')?.focus()
  }

  #toggleLog(webhookId: string): void {
    const open = new Set(this.open)
    if (!open.delete(webhookId)) open.add(webhookId)
    this.open = open
  }

  async #setEnabled(webhook: Webhook, enabled: boolean): Promise<void> {
    await this.#run(async () => {
      const updated = await state.api.webhooks.setEnabled(this.organisationId, webhook.id, enabled)
      this.webhooks = this.webhooks?.map((w) => (w.id === webhook.id ? updated : w))
      this.status = enabled ? msg(str`${isolate(webhook.url)} is enabled.`) : msg(str`${isolate(webhook.url)} is disabled: nothing is sent to it until it is enabled again.`)
    })
  }

  async #rotate(webhook: Webhook): Promise<void> {
    const question = msg(str`Replace the signing secret of ${isolate(webhook.url)}? Deliveries are signed with the new one at once: your server must use it.`)
    if (!(await confirmAction(question, msg('Rotate the secret')))) return
    await this.#run(async () => {
      this.secret = await state.api.webhooks.rotateSecret(this.organisationId, webhook.id)
      await this.updateComplete
      this.querySelector<HTMLElement>('#secret-title')?.focus()
    })
  }

  async #delete(webhook: Webhook): Promise<void> {
    if (!(await confirmAction(msg(str`Delete the endpoint ${isolate(webhook.url)} and its delivery log? This cannot be undone.`), msg('Delete')))) return
    await this.#run(async () => {
      await state.api.webhooks.delete(this.organisationId, webhook.id)
      this.webhooks = this.webhooks?.filter((w) => w.id !== webhook.id)
      if (this.secret?.id === webhook.id) this.secret = undefined
      this.status = msg(str`The endpoint ${isolate(webhook.url)} is deleted.`)
      this.querySelector<HTMLElement>('#webhooks-title')?.focus()
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

customElements.define('wegov-webhooks-screen', WebhooksScreen)

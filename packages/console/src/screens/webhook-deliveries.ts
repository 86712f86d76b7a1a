import { html, nothing } from 'lit'
import { msg, str } from '@lit/localize'
import type { WebhookDelivery } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { dateTime } from '../shared/format.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { forItem, loading } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { deliveryStatus, webhookEventLabel, webhookEventName } from '../shared/webhook-words.js'

/**
 * One endpoint's delivery log, newest first, twenty at a time ("Load more" follows the API's cursor), with
 * a "Redeliver" button per delivery whose result is announced (role=status, or role=alert on failure).
 */
export class WebhookDeliveries extends ConsoleElement {
  static override properties = {
    organisationId: { type: String },
    webhookId: { type: String },
    deliveries: { state: true },
    nextCursor: { state: true },
    problem: { state: true },
    status: { state: true },
    busy: { state: true },
  }
  declare organisationId: string
  declare webhookId: string
  declare deliveries: WebhookDelivery[] | undefined
  declare nextCursor: string | null
  declare problem: Problem | undefined
  declare status: string
  declare busy: boolean

  constructor() {
    super()
    this.organisationId = ''
    this.webhookId = ''
    this.nextCursor = null
    this.status = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  /** The first page again (after a redelivery, which adds a delivery on top), or the next one. */
  async #load(more = false): Promise<void> {
    this.busy = true
    this.problem = undefined
    try {
      const page = await state.api.webhooks.deliveries(this.organisationId, this.webhookId, more ? (this.nextCursor ?? undefined) : undefined)
      const shown = more ? (this.deliveries ?? []).length : 0
      this.deliveries = more ? [...(this.deliveries ?? []), ...page.items] : page.items
      this.nextCursor = page.nextCursor
      if (more) {
        this.status = msg(str`${page.items.length} more deliveries shown.`)
        // Keyboard users carry on from the first delivery just added, not from the top of the log.
        await this.updateComplete
        this.querySelectorAll<HTMLElement>('tbody tr')[shown]?.focus()
      }
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }

  protected override render() {
    const captionId = `deliveries-${this.webhookId}`
    return html`<p role="status" class="status">${this.status}</p>
      ${renderProblem(this.problem, `deliveries-problem-${this.webhookId}`)}
      ${this.deliveries === undefined
        ? this.problem
          ? nothing
          : loading()
        : this.deliveries.length === 0
          ? html`<p class="muted">${msg('Nothing has been delivered to this endpoint yet.')}</p>`
          : html`<div class="table-scroll" role="region" aria-labelledby=${captionId} tabindex="0">
              <table class="deliveries">
                <caption id=${captionId}>${msg('Delivery log, newest first')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${msg('Event')}</th>
                    <th scope="col">${msg('Status')}</th>
                    <th scope="col">${msg('Attempts')}</th>
                    <th scope="col">${msg('Last response')}</th>
                    <th scope="col">${msg('Queued at')}</th>
                    <th scope="col"><span class="visually-hidden">${msg('Actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.deliveries.map((delivery) => this.#row(delivery))}
                </tbody>
              </table>
            </div>`}
      ${this.nextCursor
        ? html`<button type="button" class="button button--secondary" ?disabled=${this.busy} @click=${() => this.#load(true)}>${msg('Load more')}</button>`
        : nothing}`
  }

  #row(delivery: WebhookDelivery) {
    const last = delivery.attempts.at(-1)
    const response = !last ? '—' : last.statusCode !== null ? String(last.statusCode) : (last.error ?? msg('No answer'))
    return html`<tr tabindex="-1" data-delivery-id=${delivery.id}>
      <td>${webhookEventLabel(delivery.eventType)}</td>
      <td>${deliveryStatus(delivery.status)}${delivery.nextAttemptAt ? html`<br /><span class="muted">${msg('Next try')} ${dateTime(delivery.nextAttemptAt)}</span>` : nothing}</td>
      <td>${delivery.attempts.length}</td>
      <td><bdi dir="ltr">${response}</bdi></td>
      <td>${dateTime(delivery.createdAt)}</td>
      <td>
        <button type="button" class="button button--secondary" ?disabled=${this.busy} @click=${() => this.#redeliver(delivery)}>
          ${forItem(msg('Redeliver'), `${webhookEventName(delivery.eventType)}, ${dateTime(delivery.createdAt)}`)}
        </button>
      </td>
    </tr>`
  }

  async #redeliver(delivery: WebhookDelivery): Promise<void> {
    this.busy = true
    this.problem = undefined
    this.status = ''
    try {
      await state.api.webhooks.redeliver(this.organisationId, this.webhookId, delivery.id)
      await this.#load()
      this.status = msg('The delivery is queued again: it is sent within a few seconds.')
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }
}

customElements.define('wegov-webhook-deliveries', WebhookDeliveries)

import { html, nothing } from 'lit'
import { msg } from '@lit/localize'
import type { AuditEvent, AuditQuery } from '../shared/api-types.js'
import { AUDIT_ACTIONS, actionName } from '../shared/audit-actions.js'
import { ConsoleElement } from '../shared/console-element.js'
import { dateTime } from '../shared/format.js'
import { formValues } from '../shared/forms.js'
import { organisationNav } from '../shared/organisation-nav.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { loading, localized } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { contentApi } from '../content/content-api.js'
import { BASE, href } from '../shared/router.js'

/** How long a deleted project or resource can be restored from here (its tombstone is kept at least that long). */
const RESTORE_DAYS = 30

const PAGE_SIZE = 25

/**
 * The audit log: who changed what, when, newest first. Admins read all of it (/console/admin/audit);
 * an organisation's owners read their organisation's (/console/organisations/{id}/audit).
 */
export class AuditScreen extends ConsoleElement {
  static override properties = {
    organisationId: { type: String },
    query: { attribute: false },
    events: { state: true },
    problem: { state: true },
    cursors: { state: true },
    nextCursor: { state: true },
    busy: { state: true },
    restored: { state: true },
  }
  declare organisationId: string
  declare query: URLSearchParams
  declare events: AuditEvent[] | undefined
  declare problem: Problem | undefined
  /** The cursor of each page shown so far: the last is the current page's, undefined for the first. */
  declare cursors: (string | undefined)[]
  declare nextCursor: string | null
  declare busy: boolean
  /** The items restored from this screen: subject id → the event whose button restored it (it then links to the item). */
  declare restored: Map<string, string>
  #filters: AuditQuery = {}

  constructor() {
    super()
    this.organisationId = ''
    this.query = new URLSearchParams()
    this.cursors = [undefined]
    this.nextCursor = null
    this.busy = false
    this.restored = new Map()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.#filters = { action: this.query.get('action') ?? undefined }
    void this.#load()
  }

  async #load(): Promise<void> {
    this.busy = true
    this.problem = undefined
    const query: AuditQuery = { ...this.#filters, cursor: this.cursors.at(-1), limit: PAGE_SIZE }
    try {
      const page = this.organisationId
        ? await state.api.audit.listForOrganisation(this.organisationId, query)
        : await state.api.audit.list(query)
      this.events = page.items
      this.nextCursor = page.nextCursor
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('Audit log')}</h1>
      ${this.organisationId ? organisationNav(this.organisationId, 'audit') : nothing}
      <p>${this.organisationId
        ? msg('Every change to this organisation, its members, invitations and keys, newest first.')
        : msg('Every change to accounts, roles, keys and organisations on WeGov, newest first.')}</p>
      ${this.#filtersForm()} ${renderProblem(this.problem)}
      <section aria-labelledby="events-title" aria-busy=${this.busy ? 'true' : 'false'}>
        <h2 id="events-title" tabindex="-1">${msg('Events')}</h2>
        ${this.events === undefined ? (this.problem ? nothing : loading()) : this.#list(this.events)}
        ${this.#paging()}
      </section>`
  }

  #filtersForm() {
    const f = this.#filters
    return html`<form class="card filters" novalidate @submit=${this.#filter} aria-labelledby="filters-title">
      <h2 id="filters-title">${msg('Filter')}</h2>
      <div class="filters__fields">
        <div class="field">
          <label for="action">${msg('Action')}</label>
          <select id="action" name="action">
            <option value="">${msg('All actions')}</option>
            ${AUDIT_ACTIONS.map((action) => html`<option value=${action} ?selected=${f.action === action}>${actionName(action)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="since">${msg('From')}</label>
          <input id="since" name="since" type="date" dir="ltr" .value=${f.since?.slice(0, 10) ?? ''} />
        </div>
        <div class="field">
          <label for="until">${msg('To')}</label>
          <input id="until" name="until" type="date" dir="ltr" .value=${f.until?.slice(0, 10) ?? ''} />
        </div>
      </div>
      <button class="button" type="submit" ?disabled=${this.busy}>${msg('Show')}</button>
    </form>`
  }

  #list(events: AuditEvent[]) {
    if (events.length === 0) return html`<p class="muted" role="status">${msg('No event matches these filters.')}</p>`
    return html`<ol class="list events" aria-labelledby="events-title">
      ${events.map(
        (event) => html`<li class="item" data-action=${event.action}>
          <p class="item__title">${actionName(event.action)}</p>
          <p class="muted"><time datetime=${event.at}>${dateTime(event.at)}</time> · ${this.#actor(event)}
            ${event.organisation && !this.organisationId ? html` · ${localized(event.organisation.name)}` : nothing}</p>
          ${this.#restore(event)}
          <details>
            <summary>${msg('Details')}</summary>
            <dl class="details">
              <dt>${msg('Subject')}</dt>
              <dd><code dir="ltr">${event.subjectType} ${event.subjectId}</code></dd>
              ${event.requestId ? html`<dt>${msg('Request')}</dt><dd><code dir="ltr">${event.requestId}</code></dd>` : nothing}
              ${event.before ? html`<dt>${msg('Before')}</dt><dd><pre dir="ltr">${JSON.stringify(event.before, null, 2)}</pre></dd>` : nothing}
              ${event.after ? html`<dt>${msg('After')}</dt><dd><pre dir="ltr">${JSON.stringify(event.after, null, 2)}</pre></dd>` : nothing}
            </dl>
          </details>
        </li>`,
      )}
    </ol>`
  }

  /** A deleted project's or resource's entry offers to restore it, for RESTORE_DAYS after the delete. */
  #restore(event: AuditEvent) {
    const type = event.action === 'project.deleted' ? 'projects' : event.action === 'resource.deleted' ? 'resources' : undefined
    if (!type || Date.now() - Date.parse(event.at) > RESTORE_DAYS * 86_400_000) return nothing
    const organisationId = event.organisation?.id ?? this.organisationId
    const restoredBy = this.restored.get(event.subjectId)
    // Restored: the entry used says so and links to it; its other deletes have nothing left to undo.
    if (restoredBy) {
      if (restoredBy !== event.id) return nothing
      return html`<p role="status" class="status">${msg('Restored.')}
        <a id=${`restored-${event.subjectId}`} href=${href(`${BASE}organisations/${organisationId}/${type}/${event.subjectId}`)}>${msg('Open it')}</a></p>`
    }
    return html`<button type="button" class="button button--secondary restore" ?disabled=${this.busy}
      @click=${() => this.#restoreItem(type, event.subjectId, event.id)}>${type === 'projects' ? msg('Restore the project') : msg('Restore the resource')}</button>`
  }

  async #restoreItem(type: 'projects' | 'resources', id: string, eventId: string): Promise<void> {
    this.busy = true
    this.problem = undefined
    try {
      await contentApi(type).restore(id)
      this.restored = new Map([...this.restored, [id, eventId]])
      // The button is gone: focus goes to the link that replaced it.
      await this.updateComplete
      this.querySelector<HTMLElement>(`#restored-${id}`)?.focus()
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }

  #actor(event: AuditEvent) {
    const actor = event.actor
    if (!actor) return msg('WeGov')
    if (actor.kind === 'key') return html`${msg('API key')} <bdi>${actor.name}</bdi> <code dir="ltr">${actor.prefix}…</code>`
    return html`<bdi>${actor.name || actor.email}</bdi>${actor.name && actor.email ? html` (<bdi dir="ltr">${actor.email}</bdi>)` : nothing}`
  }

  #paging() {
    const first = this.cursors.length === 1
    if (first && !this.nextCursor) return nothing
    return html`<nav class="paging" aria-label=${msg('Pages of the audit log')}>
      <button type="button" class="button button--secondary" ?disabled=${first || this.busy} @click=${this.#previous}>${msg('Newer events')}</button>
      <button type="button" class="button button--secondary" ?disabled=${!this.nextCursor || this.busy} @click=${this.#next}>${msg('Older events')}</button>
    </nav>`
  }

  async #filter(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const values = formValues(event.currentTarget as HTMLFormElement)
    this.#filters = {
      action: values.action || undefined,
      // Whole days in the reader's own time zone.
      since: values.since ? new Date(`${values.since}T00:00:00`).toISOString() : undefined,
      until: values.until ? new Date(`${values.until}T23:59:59.999`).toISOString() : undefined,
    }
    this.cursors = [undefined]
    await this.#load()
  }

  async #next(): Promise<void> {
    if (!this.nextCursor) return
    this.cursors = [...this.cursors, this.nextCursor]
    await this.#turned()
  }

  async #previous(): Promise<void> {
    this.cursors = this.cursors.slice(0, -1)
    await this.#turned()
  }

  /** After a page turn, focus goes to the list's heading, so the new page is read from its start. */
  async #turned(): Promise<void> {
    await this.#load()
    await this.updateComplete
    this.querySelector<HTMLElement>('#events-title')?.focus()
  }
}

customElements.define('wegov-audit-screen', AuditScreen)

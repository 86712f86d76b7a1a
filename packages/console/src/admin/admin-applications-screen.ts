import { html, nothing } from 'lit'
import { msg, str } from '@lit/localize'
import type { Application } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { countryName, dateTime } from '../shared/format.js'
import { type FieldErrors, focusFirstError, textArea } from '../shared/forms.js'
import { LANG_NAMES } from '../shared/lang.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { applicationName, applicationStatus, forItem, isolate, loading } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { colon } from '../shared/localization.js'

const STATUSES = ['pending', 'approved', 'declined'] as const

/** Admins: associations' applications to join; approve, or decline with a reason the applicant receives. */
export class AdminApplicationsScreen extends ConsoleElement {
  static override properties = {
    filter: { state: true },
    applications: { state: true },
    errors: { state: true },
    problem: { state: true },
    status: { state: true },
    busy: { state: true },
  }
  declare filter: string
  declare applications: Application[] | undefined
  declare errors: FieldErrors
  declare problem: Problem | undefined
  declare status: string
  declare busy: boolean

  constructor() {
    super()
    this.filter = 'pending'
    this.errors = {}
    this.status = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    this.applications = undefined
    try {
      this.applications = (await state.api.applications.list(this.filter || undefined)).items
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('Join applications')}</h1>
      <div class="field field--inline">
        <label for="status-filter">${msg('Show')}</label>
        <select id="status-filter" @change=${this.#changeFilter}>
          ${STATUSES.map((status) => html`<option value=${status} ?selected=${this.filter === status}>${applicationStatus(status)}</option>`)}
          <option value="" ?selected=${this.filter === ''}>${msg('All applications')}</option>
        </select>
      </div>
      <p role="status" class="status">${this.status}</p>
      ${renderProblem(this.problem)}
      ${this.applications === undefined
        ? this.problem
          ? nothing
          : loading()
        : this.applications.length === 0
          ? html`<p class="muted">${msg('No application here.')}</p>`
          : html`<ul class="list">${this.applications.map((application) => this.#application(application))}</ul>`}`
  }

  #application(application: Application) {
    const reasonId = `reason-${application.id}`
    const name = applicationName(application)
    const description = application.description?.[application.originalLang]
    return html`<li class="item">
      <h2 class="item__title"><bdi lang=${application.originalLang}>${name}</bdi></h2>
      <p class="muted">${countryName(application.country)} · <span lang=${application.originalLang}>${LANG_NAMES[application.originalLang] ?? application.originalLang}</span> ·
        ${applicationStatus(application.status)}${application.createdAt ? html` · ${dateTime(application.createdAt)}` : nothing}</p>
      <p>${msg('Applicant')}${colon()} ${application.applicant.name ? html`<bdi>${application.applicant.name}</bdi>` : nothing}
        <bdi dir="ltr">${application.applicant.email}</bdi></p>
      ${application.website ? html`<p><a href=${application.website} dir="ltr" rel="noopener noreferrer">${application.website}</a></p>` : nothing}
      ${description ? html`<p dir="auto" lang=${application.originalLang}>${description}</p>` : nothing}
      <p><strong>${msg('Motivation')}:</strong> <span dir="auto">${application.motivation}</span></p>
      ${application.reason ? html`<p><strong>${msg('Reason')}:</strong> <span dir="auto">${application.reason}</span></p>` : nothing}
      ${application.status === 'pending'
        ? html`<div class="actions">
              <button type="button" class="button" ?disabled=${this.busy} @click=${() => this.#approve(application)}>
                ${forItem(msg('Approve'), name)}
              </button>
            </div>
            <form novalidate @submit=${(event: SubmitEvent) => this.#decline(event, application)}>
              ${textArea({ id: reasonId, name: 'reason', label: msg(str`Reason for declining ${isolate(name)}`), required: true, rows: 3, maxlength: 2000, hint: msg('Sent to the applicant by email.') }, this.errors)}
              <button type="submit" class="button button--danger" ?disabled=${this.busy}>${msg('Decline')}</button>
            </form>`
        : nothing}
    </li>`
  }

  #changeFilter(event: Event): void {
    this.filter = (event.target as HTMLSelectElement).value
    this.status = ''
    this.problem = undefined
    void this.#load()
  }

  async #approve(application: Application): Promise<void> {
    await this.#run(async () => {
      await state.api.applications.approve(application.id)
      this.status = msg(str`${isolate(applicationName(application))} is approved: the organisation is created and the applicant is its owner.`)
    })
  }

  async #decline(event: SubmitEvent, application: Application): Promise<void> {
    event.preventDefault()
    const id = `reason-${application.id}`
    const reason = (event.currentTarget as HTMLFormElement).querySelector('textarea')?.value.trim() ?? ''
    if (!reason) {
      this.errors = { [id]: msg('Please give the applicant a reason.') }
      return focusFirstError(this)
    }
    this.errors = {}
    await this.#run(async () => {
      await state.api.applications.decline(application.id, reason)
      this.status = msg(str`${isolate(applicationName(application))} is declined. The applicant receives your reason by email.`)
    })
  }

  async #run(action: () => Promise<void>): Promise<void> {
    this.busy = true
    this.problem = undefined
    this.status = ''
    try {
      await action()
      await this.#load()
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }
}

customElements.define('wegov-admin-applications-screen', AdminApplicationsScreen)

import { html, nothing, type TemplateResult } from 'lit'
import { msg, str } from '@lit/localize'
import type { LaunchedPetition } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { countryName, dateTime } from '../shared/format.js'
import { confirmAction } from '../shared/forms.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE } from '../shared/router.js'
import { forItem, isolate, loading } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { OUTCOME_STATUSES, WITHDRAWABLE, copyToken, petitionStatus, petitionTitle, rejectionReason, sponsorCode } from './petition-words.js'

/**
 * The petitions I drafted, in every state: a draft opens in the editor; one collecting sponsors shows its
 * private sponsor link to send; any not yet public can be withdrawn (asked first).
 */
export class MyPetitionsScreen extends ConsoleElement {
  static override properties = {
    petitions: { state: true },
    problem: { state: true },
    status: { state: true },
    copied: { state: true },
    busy: { state: true },
  }
  declare petitions: LaunchedPetition[] | undefined
  declare problem: Problem | undefined
  declare status: string
  declare copied: Record<string, string>
  declare busy: boolean

  constructor() {
    super()
    this.status = ''
    this.copied = {}
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      this.petitions = (await state.api.launches.list()).items
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('My petitions')}</h1>
      <p><a class="button" href=${`${BASE}petitions/new`}>${msg('Start a petition')}</a></p>
      <p role="status" class="status">${this.status}</p>
      ${renderProblem(this.problem)}
      ${this.petitions === undefined
        ? this.problem
          ? nothing
          : loading()
        : this.petitions.length === 0
          ? html`<p class="muted">${msg('You have not started a petition yet.')}</p>`
          : html`<ul class="list">${this.petitions.map((petition) => this.#petition(petition))}</ul>`}`
  }

  #petition(petition: LaunchedPetition): TemplateResult {
    const title = petition.texts.title[petition.originalLang] ?? ''
    return html`<li class="item" data-id=${petition.id} data-status=${petition.status}>
      <h2 class="item__title">${petitionTitle(petition)}</h2>
      <p class="muted">
        <span class="petition-status">${petitionStatus(petition.status)}</span> · ${countryName(petition.country)} ·
        ${msg('Closes')} ${dateTime(petition.closesAt)}
      </p>
      ${rejectionReason(petition)}
      ${sponsorCode(petition, this.copied[petition.id] ?? '', (token) => void this.#copy(petition.id, token))}
      <div class="actions">
        <a class="button button--secondary" href=${`${BASE}petitions/${petition.id}`}>
          ${forItem(petition.status === 'draft' ? msg('Edit') : msg('Open'), title)}
        </a>
        ${OUTCOME_STATUSES.has(petition.status)
          ? html`<a class="button button--secondary outcomes-link" href=${`${BASE}petitions/${petition.id}/outcomes`}>${forItem(msg('Outcomes'), title)}</a>`
          : nothing}
        ${WITHDRAWABLE.has(petition.status)
          ? html`<button type="button" class="button button--danger" ?disabled=${this.busy} @click=${() => this.#withdraw(petition, title)}>
              ${forItem(msg('Withdraw'), title)}
            </button>`
          : nothing}
      </div>
    </li>`
  }

  async #copy(petitionId: string, token: string): Promise<void> {
    this.copied = { ...this.copied, [petitionId]: await copyToken(this, petitionId, token) }
  }

  async #withdraw(petition: LaunchedPetition, title: string): Promise<void> {
    if (!(await confirmAction(msg(str`Withdraw ${isolate(title)}? It cannot be submitted again.`), msg('Withdraw')))) return
    this.busy = true
    this.problem = undefined
    this.status = ''
    try {
      await state.api.launches.withdraw(petition.id)
      this.status = msg(str`${isolate(title)} is withdrawn.`)
      await this.#load()
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }
}

customElements.define('wegov-my-petitions-screen', MyPetitionsScreen)

import { html, nothing, type TemplateResult } from 'lit'
import { msg, str } from '@lit/localize'
import type { LaunchedPetition, PublicPetition } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { countryName, dateTime } from '../shared/format.js'
import { organisationNav } from '../shared/organisation-nav.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE } from '../shared/router.js'
import { forItem, loading, localized } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { OUTCOME_STATUSES, petitionStatus, petitionTitle } from './petition-words.js'

/**
 * The download address of the signers who consented to hear from this organisation: as the petition's
 * organiser, or as the partner site they signed on. A plain GET with the session cookie; the API names the
 * file (`signers-{slug}-{as}.csv`, UTF-8 with a byte-order mark) and records the download in the audit log.
 */
function signerExportUrl(organisationId: string, petitionId: string, as: 'organiser' | 'partner'): string {
  return `/v1/organisations/${organisationId}/signer-exports/${petitionId}?as=${as}`
}

/**
 * An organisation's petitions in every state, each open or closed one linked to its outcomes screen; and,
 * since a WeGov partner adds paper signatures to (and records responses of) other organisations' petitions
 * too, a search among the public petitions leading to theirs. Owners also download, as CSV, the signers who
 * consented to news from the organisation (its own petitions) or from it as the partner site they signed
 * on (the others'). The server decides who may write what.
 */
export class OrganisationPetitionsScreen extends ConsoleElement {
  static override properties = {
    organisationId: { type: String },
    petitions: { state: true },
    found: { state: true },
    problem: { state: true },
    busy: { state: true },
  }
  declare organisationId: string
  declare petitions: LaunchedPetition[] | undefined
  declare found: PublicPetition[] | undefined
  declare problem: Problem | undefined
  declare busy: boolean

  constructor() {
    super()
    this.organisationId = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      this.petitions = (await state.api.launches.listOfOrganisation(this.organisationId)).items
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  get #owner(): boolean {
    // Platform admins manage organisations but do not receive signers' addresses: owners only.
    return state.roleIn(this.organisationId) === 'owner'
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('The organisation’s petitions')}</h1>
      ${organisationNav(this.organisationId, 'petitions')}
      ${this.#owner ? html`<p class="hint" id="export-hint">${consentHint()}</p>` : nothing} ${renderProblem(this.problem)}
      <section aria-labelledby="own-title">
        <h2 id="own-title">${msg('Launched by this organisation')}</h2>
        ${this.petitions === undefined
          ? this.problem
            ? nothing
            : loading()
          : this.petitions.length === 0
            ? html`<p class="muted">${msg('This organisation has not launched a petition yet.')}</p>`
            : html`<ul class="list">${this.petitions.map((petition) => this.#own(petition))}</ul>`}
      </section>
      ${this.#search()}`
  }

  #own(petition: LaunchedPetition): TemplateResult {
    const title = petition.texts.title[petition.originalLang] ?? ''
    return html`<li class="item" data-id=${petition.id} data-status=${petition.status}>
      <h3 class="item__title">${petitionTitle(petition)}</h3>
      <p class="muted">${petitionStatus(petition.status)} · ${countryName(petition.country)} · ${msg('Closes')} ${dateTime(petition.closesAt)}</p>
      ${OUTCOME_STATUSES.has(petition.status)
        ? html`<div class="actions">
            <a class="button button--secondary outcomes-link" href=${`${BASE}petitions/${petition.id}/outcomes`}>${forItem(msg('Outcomes'), title)}</a>
            ${this.#owner ? this.#exportLink(petition.id, 'organiser', title) : nothing}
          </div>`
        : nothing}
    </li>`
  }

  /** Other organisations' public petitions, for a partner's paper signatures and responses. */
  #search(): TemplateResult {
    return html`<section aria-labelledby="search-title">
      <h2 id="search-title">${msg('Petitions of other organisations')}</h2>
      <form novalidate role="search" @submit=${this.#find} aria-labelledby="search-title">
        <div class="field">
          <label for="petition-q">${msg('Words of its title')}</label>
          <p class="hint" id="petition-q-hint">${msg('A WeGov partner adds the paper signatures it collected, and may record the official response.')}</p>
          <input id="petition-q" type="search" autocomplete="off" dir="auto" aria-describedby="petition-q-hint" />
        </div>
        <div class="actions"><button type="submit" class="button button--secondary" ?disabled=${this.busy}>${msg('Search')}</button></div>
      </form>
      <div role="status" class="status">${this.found === undefined ? nothing : msg(str`Petitions found: ${this.found.length}`)}</div>
      ${this.found?.length
        ? html`<ul class="list" id="found-petitions">
            ${this.found.map(
              (petition) => html`<li class="item" data-id=${petition.id}>
                <a class="outcomes-link" href=${`${BASE}petitions/${petition.id}/outcomes`}>${localized(petition.title)}</a>
                ${petition.launcher.organisation ? html` · <bdi>${localized(petition.launcher.organisation.name)}</bdi>` : nothing}
                ${this.#owner ? html`<div class="actions">${this.#exportLink(petition.id, 'partner', petition.title.text)}</div>` : nothing}
              </li>`,
            )}
          </ul>`
        : nothing}
    </section>`
  }

  #exportLink(petitionId: string, as: 'organiser' | 'partner', title: string): TemplateResult {
    return html`<a class="button button--secondary ${as === 'organiser' ? 'export-signers' : 'export-partner'}"
      href=${signerExportUrl(this.organisationId, petitionId, as)} download aria-describedby="export-hint">${forItem(msg('Download signers (CSV)'), title)}</a>`
  }

  async #find(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const q = this.querySelector<HTMLInputElement>('#petition-q')?.value.trim() ?? ''
    this.busy = true
    this.problem = undefined
    try {
      const page = await state.api.sdk.petitions.list({ ...(q ? { q } : {}), limit: 20 })
      this.found = page.items.filter((petition) => petition.status === 'open' || petition.status === 'closed')
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }
}

/** What a download holds, said next to every download link. */
function consentHint(): string {
  return msg(
    'Only signers who consented to hear from your organisation are in the file, and only until their data is anonymised. Each download is recorded in the audit log.',
  )
}

customElements.define('wegov-organisation-petitions-screen', OrganisationPetitionsScreen)

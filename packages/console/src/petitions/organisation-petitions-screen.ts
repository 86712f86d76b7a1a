import { html, nothing, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'
import type { LaunchedPetition } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { countryName, dateTime } from '../shared/format.js'
import { organisationNav } from '../shared/organisation-nav.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { forItem, loading } from '../shared/screen.js'
import { currentLang } from '../shared/localization.js'
import { state } from '../shared/state.js'
import { petitionStatus, petitionTitle } from './petition-words.js'

/** The states in which a petition has had signers (before it opens nobody can sign). */
const SIGNED = new Set(['open', 'closed'])

/**
 * The download address of the signers who consented to hear from this organisation: as the petition's
 * organiser, or as the partner site they signed on. A plain GET with the session cookie; the API names the
 * file (`signers-{slug}-{as}.csv`, UTF-8 with a byte-order mark) and records the download in the audit log.
 */
export function signerExportUrl(organisationId: string, petitionId: string, as: 'organiser' | 'partner'): string {
  return `/v1/organisations/${organisationId}/signer-exports/${petitionId}?as=${as}`
}

/**
 * An organisation's petitions in every state (its editors and owners read them). Its owners also download,
 * as CSV, the signers of an open or closed one who consented to news from the organisation; and, for a
 * petition of another organisation signed through their site, those who consented to news from them as
 * a partner.
 */
export class OrganisationPetitionsScreen extends ConsoleElement {
  static override properties = {
    organisationId: { type: String },
    petitions: { state: true },
    problem: { state: true },
    partnerError: { state: true },
    partnerLink: { state: true },
  }
  declare organisationId: string
  declare petitions: LaunchedPetition[] | undefined
  declare problem: Problem | undefined
  declare partnerError: string
  /** The partner download, once the petition named is found. */
  declare partnerLink: { url: string; title: string } | undefined

  constructor() {
    super()
    this.organisationId = ''
    this.partnerError = ''
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
      ${this.#owner ? html`<p class="hint" id="export-hint">${consentHint()}</p>` : nothing}
      ${renderProblem(this.problem)}
      ${this.petitions === undefined
        ? this.problem
          ? nothing
          : loading()
        : this.petitions.length === 0
          ? html`<p class="muted">${msg('This organisation has not launched a petition yet.')}</p>`
          : html`<ul class="list">${this.petitions.map((petition) => this.#petition(petition))}</ul>`}
      ${this.#owner ? this.#partner() : nothing}`
  }

  #petition(petition: LaunchedPetition): TemplateResult {
    const title = petition.texts.title[petition.originalLang] ?? ''
    return html`<li class="item" data-id=${petition.id} data-status=${petition.status}>
      <h2 class="item__title">${petitionTitle(petition)}</h2>
      <p class="muted">
        <span class="petition-status">${petitionStatus(petition.status)}</span> · ${countryName(petition.country)} · ${msg('Closes')}
        ${dateTime(petition.closesAt)}
      </p>
      ${this.#owner && SIGNED.has(petition.status)
        ? html`<div class="actions">
            <a class="button button--secondary export-signers" href=${signerExportUrl(this.organisationId, petition.id, 'organiser')} download
              aria-describedby="export-hint">${forItem(msg('Download signers (CSV)'), title)}</a>
          </div>`
        : nothing}
    </li>`
  }

  /** Another organisation's petition, signed through this organisation's site. */
  #partner(): TemplateResult {
    return html`<h2 id="partner-title">${msg('Signers who came through your site')}</h2>
      <form class="partner-export" aria-labelledby="partner-title" novalidate @submit=${this.#findPartnerPetition}>
        <div class="field">
          <label for="partner-petition">${msg('Petition address or identifier')}</label>
          <p class="hint" id="partner-petition-hint">${msg('For a petition of another organisation that people signed on your site.')}</p>
          <input id="partner-petition" type="text" dir="ltr" autocomplete="off" required
            aria-describedby=${this.partnerError ? 'partner-petition-hint partner-petition-error' : 'partner-petition-hint'}
            aria-invalid=${this.partnerError ? 'true' : 'false'} />
          ${this.partnerError ? html`<p class="field-error" id="partner-petition-error" role="alert">${this.partnerError}</p>` : nothing}
        </div>
        <div class="actions"><button type="submit" class="button button--secondary" id="partner-find">${msg('Find the petition')}</button></div>
      </form>
      <div role="status">
        ${this.partnerLink
          ? html`<p>
              <a class="button export-partner" href=${this.partnerLink.url} download aria-describedby="export-hint"
                >${forItem(msg('Download signers (CSV)'), this.partnerLink.title)}</a
              >
            </p>`
          : nothing}
      </div>`
  }

  async #findPartnerPetition(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const input = this.querySelector<HTMLInputElement>('#partner-petition')!
    const idOrSlug = input.value.trim().replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? ''
    this.partnerLink = undefined
    this.partnerError = ''
    try {
      if (!/^[A-Za-z0-9-]{1,200}$/.test(idOrSlug)) throw new Error('not an address')
      const petition = await state.api.petitions.get(idOrSlug, currentLang())
      this.partnerLink = { url: signerExportUrl(this.organisationId, petition.id, 'partner'), title: petition.title.text }
    } catch {
      this.partnerError = msg('No public petition has this address or identifier.')
      await this.updateComplete
      input.focus()
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

import { html, nothing, type TemplateResult } from 'lit'
import { msg, str } from '@lit/localize'
import '../content/file-upload.js'
import type { LaunchedPetition, PaperSignatureBatch, PublicPetition } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { countrySelect } from '../shared/choices.js'
import { countryName, dateTime } from '../shared/format.js'
import { type FieldErrors, confirmAction, describedBy, fieldError } from '../shared/forms.js'
import { LANG_NAMES, LANGS, directionOf, type Lang } from '../shared/lang.js'
import { colon, currentLang } from '../shared/localization.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE } from '../shared/router.js'
import { isolate, loading, localized } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { askVoidReason, responseTexts, today, wholeNumber } from './outcome-forms.js'
import { paragraphs } from './sponsor-screen.js'

type Section = 'paper' | 'response' | 'close'

/**
 * What a petition gathered once open, for one petition: the paper signatures partners collected (a moderator
 * voids a batch, with a reason), its official response in three languages, and, for its organiser, closing
 * it before its closing date. The server decides every write: a partner acts for an organisation it belongs
 * to (chosen here), the owner's and partners' editors record the response. Each part announces its own
 * outcome (role=status) or failure (role=alert), the failure's fields marked and focused.
 */
export class PetitionOutcomesScreen extends ConsoleElement {
  static override properties = {
    petitionId: { type: String },
    petition: { state: true },
    managed: { state: true },
    batches: { state: true },
    actingFor: { state: true },
    problems: { state: true },
    missing: { state: true },
    status: { state: true },
    busy: { state: true },
    scanId: { state: true },
    documentId: { state: true },
    responseLang: { state: true },
  }
  declare petitionId: string
  declare petition: PublicPetition | undefined
  declare managed: LaunchedPetition | undefined
  declare batches: PaperSignatureBatch[] | undefined
  declare actingFor: string
  declare problems: Partial<Record<Section | 'load', Problem>>
  declare missing: FieldErrors
  declare status: string
  declare busy: boolean
  declare scanId: string
  declare documentId: string
  declare responseLang: Lang

  constructor() {
    super()
    this.petitionId = ''
    this.actingFor = ''
    this.problems = {}
    this.missing = {}
    this.status = ''
    this.busy = false
    this.scanId = ''
    this.documentId = ''
    this.responseLang = currentLang()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      const [petition, paper, managed] = await Promise.all([
        state.api.sdk.petitions.get(this.petitionId, { fresh: true }),
        state.api.sdk.petitions.paperSignatures(this.petitionId, { fresh: true }),
        // Only its organiser may manage it: anyone else (a partner, a moderator) reads the public petition.
        state.api.launches.get(this.petitionId).catch(() => undefined),
      ])
      this.petition = petition
      this.batches = paper.items
      this.managed = managed
      if (!this.actingFor) this.actingFor = this.#defaultOrganisation(petition)
    } catch (error) {
      this.problems = { load: toProblem(error) }
    }
  }

  /** The owning organisation when the person belongs to it, else their first organisation. */
  #defaultOrganisation(petition: PublicPetition): string {
    const memberships = state.me?.memberships ?? []
    const owner = petition.launcher.organisation?.id
    return memberships.find((m) => m.organisation.id === owner)?.organisation.id ?? memberships[0]?.organisation.id ?? ''
  }

  protected override render() {
    const petition = this.petition
    return html`<h1 id="screen-title" tabindex="-1">${msg('Petition outcomes')}</h1>
      <p><a href=${`${BASE}petitions`}>${msg('Back to my petitions')}</a></p>
      <p role="status" class="status" id="outcomes-status">${this.status}</p>
      ${renderProblem(this.problems.load)}
      ${petition ? this.#body(petition) : this.problems.load ? nothing : loading()}`
  }

  #body(petition: PublicPetition): TemplateResult {
    return html`<h2 class="item__title" id="petition-title">${localized(petition.title)}</h2>
      <dl class="details">
        <dt>${msg('Status')}</dt>
        <dd id="petition-state">${petition.status === 'closed' ? msg('Closed') : petition.acceptingSignatures ? msg('Open for signatures') : msg('Not open for signatures')}</dd>
        <dt>${msg('Online signatures')}</dt>
        <dd>${petition.signatureCount}</dd>
        <dt>${msg('Paper signatures')}</dt>
        <dd id="paper-total">${petition.paperCount}</dd>
        <dt>${msg('Closes')}</dt>
        <dd>${dateTime(petition.endedAt ?? petition.closesAt)}</dd>
      </dl>
      ${this.#close(petition)} ${this.#organisationChoice()} ${this.#paper()} ${this.#response(petition)}`
  }

  /** Its organiser may close it now, asked first. */
  #close(petition: PublicPetition): TemplateResult | typeof nothing {
    if (!this.managed || this.managed.status !== 'open' || !petition.acceptingSignatures) return nothing
    return html`<section class="card" aria-labelledby="close-title">
      <h2 id="close-title">${msg('Close the petition')}</h2>
      <p>${msg('It stops taking signatures at once. This cannot be undone.')}</p>
      ${renderProblem(this.problems.close, 'close-problem')}
      <button type="button" class="button button--danger" id="close-petition" ?disabled=${this.busy} @click=${this.#closeNow}>${msg('Close petition now')}</button>
    </section>`
  }

  #organisationChoice(): TemplateResult | typeof nothing {
    const memberships = state.me?.memberships ?? []
    if (memberships.length === 0) return html`<p class="note">${msg('Paper signatures and responses are recorded by an organisation: join one to record them.')}</p>`
    return html`<div class="field">
      <label for="acting-for">${msg('Recorded by the organisation')}</label>
      <p class="hint" id="acting-for-hint">${msg('Paper signatures come from a WeGov partner; the response is recorded by the petition’s organisation or a partner.')}</p>
      <select id="acting-for" aria-describedby="acting-for-hint" @change=${(event: Event) => (this.actingFor = (event.target as HTMLSelectElement).value)}>
        ${memberships.map(
          ({ organisation }) =>
            html`<option value=${organisation.id} lang=${organisation.name.lang} ?selected=${organisation.id === this.actingFor}>${organisation.name.text}</option>`,
        )}
      </select>
    </div>`
  }

  #errors(section: Section, prefix: string): FieldErrors {
    const errors: FieldErrors = {}
    for (const { field, code, message } of this.problems[section]?.fields ?? []) {
      errors[`${prefix}-${field.replace(/\./g, '-')}`] = fieldMessage(code, message)
    }
    for (const [id, message] of Object.entries(this.missing)) if (id.startsWith(prefix)) errors[id] = message
    return errors
  }

  #paper(): TemplateResult {
    const errors = this.#errors('paper', 'paper')
    const batches = this.batches ?? []
    return html`<section class="card" aria-labelledby="paper-title">
      <h2 id="paper-title">${msg('Paper signatures')}</h2>
      ${batches.length === 0
        ? html`<p class="muted">${msg('No paper signatures yet.')}</p>`
        : html`<ul class="list" id="paper-batches">${batches.map((batch) => this.#batch(batch))}</ul>`}
      ${state.me?.memberships.length
        ? html`<form novalidate id="paper-form" @submit=${this.#addPaper} aria-labelledby="paper-form-title">
            <h3 id="paper-form-title">${msg('Add a batch of paper signatures')}</h3>
            ${renderProblem(this.problems.paper, 'paper-problem')}
            <div class="field">
              <label for="paper-count">${msg('Number of signatures')}</label>
              <input id="paper-count" type="text" inputmode="numeric" dir="ltr" autocomplete="off" required
                aria-invalid=${errors['paper-count'] ? 'true' : 'false'} aria-describedby=${describedBy('paper-count', errors)} />
              ${fieldError('paper-count', errors)}
            </div>
            ${countrySelect({ id: 'paper-country', label: msg('Country where they were collected'), value: this.petition?.country ?? 'TN' }, errors)}
            <div class="field">
              <label for="paper-collectedOn">${msg('Day they were collected')}</label>
              <input id="paper-collectedOn" type="date" dir="ltr" required max=${today()} .value=${today()}
                aria-invalid=${errors['paper-collectedOn'] ? 'true' : 'false'} aria-describedby=${describedBy('paper-collectedOn', errors)} />
              ${fieldError('paper-collectedOn', errors)}
            </div>
            <wegov-file-upload fieldId="paper-scan" .organisationId=${this.actingFor} .fileId=${this.scanId} .label=${msg('A scan of the sheets (never published)')}
              @file-change=${(event: CustomEvent<string>) => (this.scanId = event.detail)}></wegov-file-upload>
            ${fieldError('paper-scanFileId', errors)}
            <div class="actions"><button type="submit" class="button" id="add-paper" ?disabled=${this.busy}>${msg('Add the batch')}</button></div>
          </form>`
        : nothing}
    </section>`
  }

  #batch(batch: PaperSignatureBatch): TemplateResult {
    const label = msg(str`${batch.count} signatures collected on ${batch.collectedOn}`)
    return html`<li class="item" data-id=${batch.id} data-voided=${batch.voided ? 'true' : 'false'}>
      <p>
        <strong>${label}</strong> · ${countryName(batch.country)}
        ${batch.partner ? html` · <bdi>${localized(batch.partner.name)}</bdi>` : nothing}
        ${batch.voided ? html` · <span class="badge badge--danger">${msg('Voided')}</span>` : nothing}
      </p>
      ${batch.voided && batch.voidReason ? html`<p class="muted void-reason">${msg('Reason')}${colon()} <bdi>${batch.voidReason}</bdi></p>` : nothing}
      ${state.isModerator && !batch.voided
        ? html`<div class="actions">
            <button type="button" class="button button--danger void-batch" ?disabled=${this.busy} @click=${() => this.#void(batch, label)}>
              ${msg('Void')}<span class="visually-hidden"> ${label}</span>
            </button>
          </div>`
        : nothing}
    </li>`
  }

  #response(petition: PublicPetition): TemplateResult {
    const errors = this.#errors('response', 'response')
    const current = petition.response
    return html`<section class="card" aria-labelledby="response-title">
      <h2 id="response-title">${msg('Official response')}</h2>
      ${current
        ? html`<div id="current-response">
            <p class="muted">${msg(str`Given on ${dateTime(current.respondedAt)}`)}</p>
            <div lang=${current.text.lang} dir=${current.text.dir}>${paragraphs(current.text.text).map((text) => html`<p>${text}</p>`)}</div>
            ${current.document ? html`<p><a href=${current.document.url} target="_blank" rel="noopener">${msg('The response’s document')}</a></p>` : nothing}
          </div>`
        : html`<p class="muted" id="current-response">${msg('No official response has been recorded yet.')}</p>`}
      ${state.me?.memberships.length
        ? html`<form novalidate id="response-form" @submit=${this.#recordResponse} aria-labelledby="response-form-title">
            <h3 id="response-form-title">${current ? msg('Correct the response') : msg('Record the response')}</h3>
            ${renderProblem(this.problems.response, 'response-problem')}
            <div class="field">
              <label for="response-originalLang">${msg('Original language of the response')}</label>
              <select id="response-originalLang" @change=${(event: Event) => (this.responseLang = (event.target as HTMLSelectElement).value as Lang)}>
                ${LANGS.map((lang) => html`<option value=${lang} lang=${lang} ?selected=${lang === this.responseLang}>${LANG_NAMES[lang]}</option>`)}
              </select>
            </div>
            ${LANGS.map((lang) => this.#responseText(lang, errors))}
            <div class="field">
              <label for="response-respondedAt">${msg('Day the authority responded')}</label>
              <input id="response-respondedAt" type="date" dir="ltr" required max=${today()} .value=${today()}
                aria-invalid=${errors['response-respondedAt'] ? 'true' : 'false'} aria-describedby=${describedBy('response-respondedAt', errors)} />
              ${fieldError('response-respondedAt', errors)}
            </div>
            <wegov-file-upload fieldId="response-document" .organisationId=${this.actingFor} .fileId=${this.documentId} .label=${msg('The response’s document (published with it)')}
              @file-change=${(event: CustomEvent<string>) => (this.documentId = event.detail)}></wegov-file-upload>
            ${fieldError('response-documentId', errors)}
            <div class="actions"><button type="submit" class="button" id="record-response" ?disabled=${this.busy}>${msg('Save the response')}</button></div>
          </form>`
        : nothing}
    </section>`
  }

  #responseText(lang: Lang, errors: FieldErrors): TemplateResult {
    const id = `response-text-${lang}`
    const original = lang === this.responseLang
    return html`<div class="field">
      <label for=${id}>${msg('Response')} <span lang=${lang}>(${LANG_NAMES[lang]})</span>${original ? nothing : html` <span class="muted">${msg('(optional)')}</span>`}</label>
      <textarea id=${id} lang=${lang} dir=${directionOf(lang)} rows="5" ?required=${original}
        aria-invalid=${errors[id] ? 'true' : 'false'} aria-describedby=${describedBy(id, errors)}></textarea>
      ${fieldError(id, errors)}
    </div>`
  }

  #value(id: string): string {
    return this.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`#${id}`)?.value.trim() ?? ''
  }

  /** Runs one part's write: busy meanwhile, its failure announced there and focused (the first field to fix, or the message). */
  async #write(section: Section, action: () => Promise<string>): Promise<void> {
    this.busy = true
    this.problems = {}
    this.status = ''
    try {
      this.status = await action()
      await this.#load()
    } catch (error) {
      this.problems = { [section]: toProblem(error) }
      await this.updateComplete
      ;(this.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.querySelector<HTMLElement>(`#${section}-problem`))?.focus()
    } finally {
      this.busy = false
    }
  }

  /** Fields left empty or badly typed, marked before anything is sent. */
  async #checked(missing: FieldErrors): Promise<boolean> {
    this.missing = missing
    if (Object.keys(missing).length === 0) return true
    this.problems = {}
    this.status = ''
    await this.updateComplete
    this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
    return false
  }

  async #addPaper(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const count = wholeNumber(this.#value('paper-count'))
    const collectedOn = this.#value('paper-collectedOn')
    const missing: FieldErrors = {}
    if (Number.isNaN(count)) missing['paper-count'] = msg('Enter a whole number of signatures, 1 or more.')
    if (!collectedOn) missing['paper-collectedOn'] = msg('Please fill in this field.')
    if (!(await this.#checked(missing))) return
    const country = this.#value('paper-country')
    await this.#write('paper', async () => {
      await state.api.sdk.petitions.addPaperSignatures(this.actingFor, this.petitionId, { count, country, collectedOn, ...(this.scanId ? { scanFileId: this.scanId } : {}) })
      this.scanId = ''
      this.querySelector<HTMLFormElement>('#paper-form')?.reset()
      return msg(str`${count} paper signatures are added.`)
    })
  }

  async #void(batch: PaperSignatureBatch, label: string): Promise<void> {
    const reason = await askVoidReason(label)
    if (!reason) return
    await this.#write('paper', async () => {
      await state.api.sdk.petitions.voidPaperSignatures(this.petitionId, batch.id, reason)
      return msg(str`${isolate(label)}: voided. It no longer counts.`)
    })
  }

  async #recordResponse(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const typed = Object.fromEntries(LANGS.map((lang) => [lang, this.#value(`response-text-${lang}`)])) as Record<Lang, string>
    const respondedAt = this.#value('response-respondedAt')
    const missing: FieldErrors = {}
    if (!typed[this.responseLang]) missing[`response-text-${this.responseLang}`] = msg('Write the response in its original language.')
    if (!respondedAt) missing['response-respondedAt'] = msg('Please fill in this field.')
    if (!(await this.#checked(missing))) return
    await this.#write('response', async () => {
      await state.api.sdk.petitions.recordResponse(this.actingFor, this.petitionId, {
        text: responseTexts(typed),
        originalLang: this.responseLang,
        respondedAt,
        ...(this.documentId ? { documentId: this.documentId } : {}),
      })
      return msg('The official response is saved.')
    })
  }

  async #closeNow(): Promise<void> {
    const title = this.managed?.texts.title[this.managed.originalLang] ?? ''
    if (!(await confirmAction(msg(str`Close ${isolate(title)} now? It stops taking signatures, and cannot be opened again.`), msg('Close petition now')))) return
    await this.#write('close', async () => {
      await state.api.launches.close(this.petitionId)
      return msg('The petition is closed.')
    })
    if (!this.problems.close) this.querySelector<HTMLElement>('#screen-title')?.focus()
  }
}

/** A field error in the reader's language: the API's field messages are English, its codes are not. */
function fieldMessage(code: string | undefined, message: string): string {
  switch (code) {
    case 'WEGOV_INVALID_COUNTRY':
      return msg('Choose a country from the list.')
    case 'WEGOV_INVALID_DATE':
      return msg('Choose a day that is not in the future.')
    case 'WEGOV_ORIGINAL_LANGUAGE_REQUIRED':
      return msg('Write the response in its original language.')
    case undefined:
      return message
    default:
      return msg('This value is not accepted. Check it, then try again.')
  }
}

customElements.define('wegov-petition-outcomes-screen', PetitionOutcomesScreen)

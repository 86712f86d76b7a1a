import { html, nothing, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'
import type { LaunchedPetition, LocalizedText } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { countrySelect } from '../shared/choices.js'
import { type FieldErrors, confirmAction, describedBy, fieldError } from '../shared/forms.js'
import { LANG_NAMES, LANGS, directionOf, type Lang } from '../shared/lang.js'
import { currentLang } from '../shared/localization.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE, guardLeaving, replaceAddress } from '../shared/router.js'
import { loading, localized } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { type PetitionModel, type TextField, draftBody, missingFields, modelOf, newModel, patchOf, similarQuery } from './petition-model.js'
import { WITHDRAWABLE, copyToken, petitionStatus, rejectionReason, sponsorCode } from './petition-words.js'

interface Similar {
  id: string
  title: LocalizedText
}

/**
 * Starting a petition: the original language, the texts in three languages side by side (one under the
 * other on a phone), then what every language shares. Saved as a draft (POST, then merge patches of what
 * changed); before submitting, the open petitions with a similar title are listed, so a creator can sign
 * one of those rather than start a duplicate. Once submitted the text is frozen and the form read-only.
 */
export class PetitionEditorScreen extends ConsoleElement {
  static override properties = {
    petitionId: { type: String },
    petition: { state: true },
    model: { state: true },
    themes: { state: true },
    similar: { state: true },
    problem: { state: true },
    missing: { state: true },
    status: { state: true },
    copied: { state: true },
    busy: { state: true },
  }
  declare petitionId: string
  declare petition: LaunchedPetition | undefined
  declare model: PetitionModel
  declare themes: { code: string; label: string }[] | undefined
  declare similar: Similar[] | undefined
  declare problem: Problem | undefined
  declare missing: string[]
  declare status: string
  declare copied: string
  declare busy: boolean

  /** The text as last saved (or, for a new petition, as the form starts): what is typed beyond it is unsaved. */
  #saved: PetitionModel
  #unguard: (() => void) | undefined

  constructor() {
    super()
    this.petitionId = ''
    this.model = newModel(currentLang())
    this.#saved = this.model
    this.missing = []
    this.status = ''
    this.copied = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.#unguard = guardLeaving(() => !this.#unsaved)
    void this.#load()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#unguard?.()
  }

  /** Text typed and not saved yet: a console link, Back or the language switch ask first (router.ts). */
  get #unsaved(): boolean {
    return this.#editable && Object.keys(patchOf(this.#saved, this.model)).length > 0
  }

  async #load(): Promise<void> {
    try {
      const [vocabularies, petition] = await Promise.all([
        state.api.sdk.vocabularies.get(),
        this.petitionId ? state.api.launches.get(this.petitionId) : Promise.resolve(undefined),
      ])
      this.themes = vocabularies.themes
      if (petition) this.#show(petition)
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  #show(petition: LaunchedPetition): void {
    this.petition = petition
    this.petitionId = petition.id
    this.model = modelOf(petition)
    this.#saved = this.model
    if (petition.status === 'draft') void this.#findSimilar()
  }

  get #editable(): boolean {
    return !this.petition || this.petition.status === 'draft'
  }

  protected override render() {
    const petition = this.petition
    return html`<h1 id="screen-title" tabindex="-1">${petition ? msg('My petition') : msg('Start a petition')}</h1>
      <p><a href=${`${BASE}petitions`}>${msg('Back to my petitions')}</a></p>
      <p role="status" class="status" id="editor-status">${this.status}</p>
      ${renderProblem(this.problem)}
      ${this.themes && (petition || !this.petitionId) ? this.#form(petition) : this.problem ? nothing : loading()}`
  }

  #errors(): FieldErrors {
    const errors: FieldErrors = {}
    for (const { field, message, code } of this.problem?.fields ?? []) errors[field.replace(/\./g, '-')] = fieldMessage(code, message)
    for (const id of this.missing) {
      errors[id] =
        id === 'themes' ? msg('Choose at least one theme.') : id === 'goal' ? msg('Enter a whole number of signatures, 1 or more.') : msg('Please fill in this field.')
    }
    return errors
  }

  #form(petition: LaunchedPetition | undefined): TemplateResult {
    const errors = this.#errors()
    const editable = this.#editable
    return html`<form novalidate @submit=${this.#save} aria-describedby="editor-state">
      <p id="editor-state" class="muted">${petition ? petitionStatus(petition.status) : msg('New, not saved yet')}</p>
      ${petition && !editable ? html`<p class="note">${msg('Once submitted, the text can no longer be changed.')}</p>` : nothing}
      ${petition ? sponsorCode(petition, this.copied, (token) => void this.#copy(token)) : nothing}
      ${petition ? rejectionReason(petition) : nothing}
      <fieldset ?disabled=${!editable} class="plain">
        <legend class="visually-hidden">${msg('The petition')}</legend>
        ${petition ? nothing : this.#launcher()}
        <div class="field">
          <label for="originalLang">${msg('Original language (the language you write it in first)')}</label>
          <select id="originalLang" @change=${(event: Event) => this.#set({ originalLang: (event.target as HTMLSelectElement).value as Lang })}>
            ${LANGS.map((lang) => html`<option value=${lang} lang=${lang} ?selected=${lang === this.model.originalLang}>${LANG_NAMES[lang]}</option>`)}
          </select>
        </div>
        <div class="translations">${LANGS.map((lang) => this.#language(lang, errors))}</div>
        <fieldset>
          <legend>${msg('In every language')}</legend>
          ${countrySelect({ id: 'country', label: msg('Country'), value: this.model.country }, errors)}
          ${this.#themes(errors)}
          <div class="field">
            <label for="goal">${msg('Goal: the number of signatures it aims for')}</label>
            <input id="goal" type="text" inputmode="numeric" dir="ltr" autocomplete="off" required .value=${this.model.goal}
              aria-invalid=${errors.goal ? 'true' : 'false'} aria-describedby=${describedBy('goal', errors)}
              @input=${(event: Event) => this.#set({ goal: (event.target as HTMLInputElement).value })} />
            ${fieldError('goal', errors)}
          </div>
          <div class="field">
            <label for="closesAt">${msg('Closing date')}</label>
            <p class="hint" id="closesAt-hint">${msg('Between one week and six months from now.')}</p>
            <input id="closesAt" type="date" dir="ltr" required .value=${this.model.closesOn}
              aria-invalid=${errors.closesAt ? 'true' : 'false'} aria-describedby=${describedBy('closesAt', errors, true)}
              @input=${(event: Event) => this.#set({ closesOn: (event.target as HTMLInputElement).value })} />
            ${fieldError('closesAt', errors)}
          </div>
        </fieldset>
      </fieldset>
      ${editable ? this.#similar() : nothing}
      <div class="actions editor-actions">
        ${editable ? html`<button class="button" type="submit" id="save" ?disabled=${this.busy}>${msg('Save the draft')}</button>` : nothing}
        ${petition && editable ? html`<button class="button" type="button" id="submit-petition" ?disabled=${this.busy} @click=${this.#submit}>${msg('Submit the petition')}</button>` : nothing}
        ${petition && WITHDRAWABLE.has(petition.status)
          ? html`<button class="button button--danger" type="button" id="withdraw" ?disabled=${this.busy} @click=${this.#withdraw}>${msg('Withdraw')}</button>`
          : nothing}
      </div>
    </form>`
  }

  /** An organisation's editor may launch it for that organisation (which then needs no sponsors). */
  #launcher(): TemplateResult | typeof nothing {
    const memberships = state.me?.memberships ?? []
    if (memberships.length === 0) return nothing
    return html`<div class="field">
      <label for="organisationId">${msg('Launched by')}</label>
      <p class="hint" id="organisationId-hint">${msg('A petition you launch yourself needs sponsors before moderators review it; an organisation’s does not.')}</p>
      <select id="organisationId" aria-describedby="organisationId-hint" @change=${(event: Event) => this.#set({ organisationId: (event.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${!this.model.organisationId}>${msg('Myself')}</option>
        ${memberships.map(
          ({ organisation }) => html`<option value=${organisation.id} lang=${organisation.name.lang} ?selected=${this.model.organisationId === organisation.id}>
            ${organisation.name.text}
          </option>`,
        )}
      </select>
    </div>`
  }

  #language(lang: Lang, errors: FieldErrors): TemplateResult {
    const original = lang === this.model.originalLang
    const labels: Record<TextField, string> = {
      title: msg('Title: what the petition asks, in a sentence'),
      summary: msg('Summary'),
      text: msg('Text: the letter to the authority'),
      authority: msg('Authority it is addressed to'),
    }
    const field = (key: TextField) => {
      const id = `${key}-${lang}`
      const required = key === 'title' && original
      const onInput = (event: Event) => {
        const texts = { ...this.model.texts, [key]: { ...this.model.texts[key], [lang]: (event.target as HTMLInputElement).value } }
        this.#set({ texts })
      }
      const label = html`${labels[key]} <span lang=${lang}>(${LANG_NAMES[lang]})</span>${required ? nothing : html` <span class="muted">${msg('(optional)')}</span>`}`
      const common = { invalid: errors[id] ? 'true' : 'false', described: describedBy(id, errors) }
      return html`<div class="field">
        <label for=${id}>${label}</label>
        ${key === 'title' || key === 'authority'
          ? html`<input id=${id} lang=${lang} dir=${directionOf(lang)} autocomplete="off" maxlength=${key === 'title' ? 200 : 300} ?required=${required}
              .value=${this.model.texts[key][lang]} aria-invalid=${common.invalid} aria-describedby=${common.described} @input=${onInput} />`
          : html`<textarea id=${id} lang=${lang} dir=${directionOf(lang)} rows=${key === 'text' ? 8 : 3} .value=${this.model.texts[key][lang]}
              aria-invalid=${common.invalid} aria-describedby=${common.described} @input=${onInput}></textarea>`}
        ${fieldError(id, errors)}
      </div>`
    }
    return html`<fieldset class="translation">
      <legend><span lang=${lang}>${LANG_NAMES[lang]}</span>${original ? html` · ${msg('original')}` : nothing}</legend>
      ${field('title')} ${field('summary')} ${field('text')} ${field('authority')}
    </fieldset>`
  }

  #themes(errors: FieldErrors): TemplateResult {
    const chosen = new Set(this.model.themes)
    const toggle = (code: string, on: boolean) => {
      const next = new Set(chosen)
      if (on) next.add(code)
      else next.delete(code)
      this.#set({ themes: (this.themes ?? []).map((t) => t.code).filter((c) => next.has(c)) })
    }
    return html`<fieldset id="themes" class="checks" aria-describedby=${describedBy('themes', errors)}>
      <legend>${msg('Themes (one to five)')}</legend>
      ${(this.themes ?? []).map(
        (theme) => html`<label class="check"><input type="checkbox" value=${theme.code} .checked=${chosen.has(theme.code)}
            aria-invalid=${errors.themes ? 'true' : 'false'}
            @change=${(event: Event) => toggle(theme.code, (event.target as HTMLInputElement).checked)} />
          <span>${theme.label}</span></label>`,
      )}
      ${fieldError('themes', errors)}
    </fieldset>`
  }

  /** The open petitions whose title is like this one's, read again after each save. */
  #similar(): TemplateResult | typeof nothing {
    if (!this.petition || this.similar === undefined) return nothing
    return html`<section class="card" id="similar" aria-labelledby="similar-title">
      <h2 id="similar-title">${msg('Open petitions with a similar title')}</h2>
      ${this.similar.length === 0
        ? html`<p class="muted">${msg('No open petition has a similar title.')}</p>`
        : html`<p>${msg('Before you submit: if one of these asks the same, signing it helps more than starting another.')}</p>
            <ul>${this.similar.map((petition) => html`<li data-id=${petition.id}>${localized(petition.title)}</li>`)}</ul>`}
    </section>`
  }

  async #findSimilar(): Promise<void> {
    const title = this.model.texts.title[this.model.originalLang].trim()
    if (!title) return
    try {
      const page = await state.api.sdk.petitions.list({ q: similarQuery(title), status: 'open', limit: 5 })
      this.similar = page.items.filter((p) => p.id !== this.petitionId).map((p) => ({ id: p.id, title: p.title }))
    } catch {
      // Suggestions are a help, not a step: without them the form still works.
      this.similar = []
    }
  }

  #set(change: Partial<PetitionModel>): void {
    this.model = { ...this.model, ...change }
  }

  /** Runs a write: busy while it runs, its failure announced, focus on the first field to fix or on the message. */
  async #write(action: () => Promise<void>): Promise<boolean> {
    return this.keepingFocus(() => this.#busyWith(action))
  }

  async #busyWith(action: () => Promise<void>): Promise<boolean> {
    this.busy = true
    this.problem = undefined
    this.status = ''
    try {
      await action()
      return true
    } catch (error) {
      this.problem = toProblem(error)
      await this.updateComplete
      ;(this.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.querySelector<HTMLElement>('#problem'))?.focus()
      return false
    } finally {
      this.busy = false
    }
  }

  /** Saves the draft (creates it first); true when the server has the form's text. */
  async #saveDraft(): Promise<boolean> {
    this.missing = missingFields(this.model)
    if (this.missing.length) {
      this.problem = undefined
      this.status = ''
      await this.updateComplete
      this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return false
    }
    return this.#write(async () => {
      if (!this.petition) {
        const created = await state.api.launches.draft(draftBody(this.model))
        this.#show(created)
        // The address now names the draft, without a navigation that would rebuild this screen.
        replaceAddress(`${BASE}petitions/${created.id}${location.search}`)
        this.status = msg('The draft is saved.')
        return
      }
      const patch = patchOf(modelOf(this.petition), this.model)
      if (Object.keys(patch).length === 0) {
        this.status = msg('Nothing has changed since the last save.')
        return
      }
      this.#show(await state.api.launches.update(this.petition.id, patch))
      this.status = msg('The draft is saved.')
    })
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    await this.#saveDraft()
  }

  /** Submitting saves pending changes first, so what is submitted is what the form shows. */
  async #submit(): Promise<void> {
    if (!(await this.#saveDraft()) || !this.petition) return
    const petition = this.petition
    const done = await this.#write(async () => {
      this.#show(await state.api.launches.submit(petition.id))
      this.status =
        this.petition!.status === 'collecting_sponsors'
          ? msg('Submitted. Send the sponsor link to your supporters: moderators review it once it has its sponsors.')
          : msg('Submitted. Moderators will review it.')
    })
    if (done) {
      await this.updateComplete
      this.querySelector<HTMLElement>('#screen-title')?.focus()
    }
  }

  async #withdraw(): Promise<void> {
    if (!this.petition || !(await confirmAction(msg('Withdraw this petition? It cannot be submitted again.'), msg('Withdraw')))) return
    const petition = this.petition
    await this.#write(async () => {
      this.#show(await state.api.launches.withdraw(petition.id))
      this.status = msg('The petition is withdrawn.')
    })
  }

  async #copy(token: string): Promise<void> {
    this.copied = await copyToken(this, this.petition!.id, token)
  }
}

/** A field error in the reader's language: the API's field messages are English, its codes are not. */
function fieldMessage(code: string | undefined, message: string): string {
  switch (code) {
    case 'WEGOV_PETITION_CLOSES_TOO_SOON':
      return msg('Choose a date between one week and six months from now.')
    case 'WEGOV_INVALID_COUNTRY':
      return msg('Choose a country from the list.')
    case 'WEGOV_INVALID_TEXT':
      return msg('This text contains characters that are not allowed.')
    case undefined:
      return message
    default:
      return msg('This value is not accepted. Check it, then try again.')
  }
}

customElements.define('wegov-petition-editor-screen', PetitionEditorScreen)

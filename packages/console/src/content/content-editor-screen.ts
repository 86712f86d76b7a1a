import { html, nothing, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'
import { ConsoleElement } from '../shared/console-element.js'
import type { FieldErrors } from '../shared/forms.js'
import { LANG_NAMES, LANGS, type Lang } from '../shared/lang.js'
import { colon, currentLang } from '../shared/localization.js'
import { organisationNav } from '../shared/organisation-nav.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE, guardLeaving, replaceAddress } from '../shared/router.js'
import { loading } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { type ProjectChoice, contentApi, projectChoices } from './content-api.js'
import { type Model, changedKeys, createBody, fieldsOf, modelOf, patchOf } from './content-fields.js'
import { type FormContext, type Vocabularies, idOf, renderField } from './content-form.js'
import { renderPreview } from './content-preview.js'
import type { ContentSource, ContentType, Versioned } from './content-source.js'
import { renderConflict, type Conflict } from './edit-conflict.js'
import { confirmDelete, fieldMessage, typeNames } from './content-words.js'

/**
 * The editor of one project or resource: the three languages side by side (one under the other on a
 * phone), then the fields every language shares. Saving sends only what changed since the version loaded,
 * as a merge patch with that version's ETag; a 412 opens the conflict view, which never drops the text
 * typed here. A new item is created as a draft, with an Idempotency-Key so that a retried save creates one.
 */
export class ContentEditorScreen extends ConsoleElement {
  static override properties = {
    type: { type: String },
    organisationId: { type: String },
    itemId: { type: String },
    loaded: { state: true },
    model: { state: true },
    originalLang: { state: true },
    vocabularies: { state: true },
    projects: { state: true },
    problem: { state: true },
    status: { state: true },
    busy: { state: true },
    conflict: { state: true },
    previewLang: { state: true },
    deleted: { state: true },
    missingTitle: { state: true },
  }
  declare type: ContentType
  declare organisationId: string
  declare itemId: string
  declare loaded: Versioned | undefined
  declare model: Model
  declare originalLang: Lang
  declare vocabularies: Vocabularies | undefined
  /** The projects a resource may be attached to (resources only). */
  declare projects: ProjectChoice[] | undefined
  declare problem: Problem | undefined
  declare status: string
  declare busy: boolean
  declare conflict: Conflict | undefined
  declare previewLang: Lang | undefined
  declare deleted: boolean
  /** The original language's title was left empty: said on that field before anything is sent. */
  declare missingTitle: boolean
  /** Kept for the life of this new item's form: the same key for every retry of its creation. */
  #idempotencyKey = crypto.randomUUID()
  /** The projects the last save sent, in that order: a refusal names them by position (`projects.1`). */
  #sentProjects: string[] = []

  constructor() {
    super()
    this.type = 'projects'
    this.organisationId = ''
    this.itemId = ''
    this.model = {}
    this.originalLang = currentLang()
    this.status = ''
    this.busy = false
    this.deleted = false
    this.missingTitle = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.model = modelOf(this.type)
    this.#unguard = guardLeaving(() => !this.#unsaved)
    void this.#load()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#unguard?.()
  }

  #unguard: (() => void) | undefined

  /** Text typed and not saved (a deleted item has nothing left to save): leaving asks first (router.ts). */
  get #unsaved(): boolean {
    return !this.deleted && this.#dirty.length > 0
  }

  get #api() {
    return contentApi(this.type)
  }

  async #load(): Promise<void> {
    try {
      const [vocabularies, loaded, projects] = await Promise.all([
        state.api.sdk.vocabularies.get() as unknown as Promise<Vocabularies>,
        this.itemId ? this.#api.source(this.itemId) : Promise.resolve(undefined),
        this.type === 'resources' ? projectChoices(this.organisationId) : Promise.resolve(undefined),
      ])
      this.projects = projects
      this.vocabularies = vocabularies
      if (loaded) this.#show(loaded)
      else {
        const defaults = fieldsOf(this.type).filter((f) => f.required && f.choices && f.choices !== 'langs')
        for (const field of defaults) this.model = { ...this.model, [field.key]: vocabularies[field.choices!]?.[0]?.code ?? '' }
      }
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  #show(loaded: Versioned): void {
    this.loaded = loaded
    this.itemId = loaded.item.id
    this.originalLang = loaded.item.originalLang
    this.model = modelOf(this.type, loaded.item)
  }

  /** The fields changed here since the version loaded. */
  get #dirty(): string[] {
    return changedKeys(this.type, this.loaded ? modelOf(this.type, this.loaded.item) : modelOf(this.type), this.model)
  }

  protected override render() {
    const names = typeNames(this.type)
    const item = this.loaded?.item
    const title = item ? (item.title[item.originalLang] ?? Object.values(item.title).find(Boolean) ?? '') : ''
    return html`<h1 id="screen-title" tabindex="-1">${item ? names.edit() : names.create()}${title ? html`${colon()} <bdi lang=${item!.originalLang}>${title}</bdi>` : nothing}</h1>
      ${organisationNav(this.organisationId, this.type)}
      <p role="status" class="status" id="editor-status">${this.status}</p>
      ${renderProblem(this.problem)}
      ${this.deleted ? this.#deletedNotice() : nothing}
      ${this.conflict
        ? renderConflict(this.type, this.conflict, { reload: () => this.#takeTheirs(), keepMine: () => this.#keepMine() })
        : this.vocabularies && (item || !this.itemId) && !this.deleted
          ? this.#form(item)
          : this.problem || this.deleted ? nothing : loading()}`
  }

  #errors(): FieldErrors {
    const errors: FieldErrors = {}
    // A refused project is named by its position in the list sent (`projects.1`): the error goes on the group.
    for (const { field, message, code } of this.problem?.fields ?? []) errors[idOf(field.replace(/^projects\.\d+$/, 'projects'))] = fieldMessage(code, message)
    if (this.missingTitle) errors[`title-${this.originalLang}`] = msg('Please fill in this field.')
    return errors
  }

  /** The projects the API refused by position in the last list sent. */
  #refusedProjects(): string[] {
    return (this.problem?.fields ?? [])
      .map(({ field }) => /^projects\.(\d+)$/.exec(field)?.[1])
      .flatMap((index) => (index === undefined ? [] : (this.#sentProjects[Number(index)] ?? [])))
  }

  #context(): FormContext {
    return {
      model: this.model,
      errors: this.#errors(),
      vocabularies: this.vocabularies ?? {},
      organisationId: this.organisationId,
      ...(this.projects ? { projects: this.projects, invalidProjects: this.#refusedProjects() } : {}),
      set: (key, value) => {
        this.model = { ...this.model, [key]: value }
      },
    }
  }

  #form(item: ContentSource | undefined): TemplateResult {
    const context = this.#context()
    const fields = fieldsOf(this.type)
    const dirty = this.#dirty.length > 0
    return html`<form novalidate @submit=${this.#save} aria-describedby="editor-state">
      <p id="editor-state" class="muted">
        ${item ? html`${item.state === 'published' ? msg('Published') : msg('Draft')} · ${msg('saved version')} <span dir="ltr">${item.version}</span>` : msg('New, not saved yet')}
        ${dirty ? html` · <strong>${msg('Unsaved changes')}</strong>` : nothing}
      </p>
      ${item
        ? html`<p class="muted">${msg('Original language')}${colon()} ${LANG_NAMES[this.originalLang]}</p>`
        : html`<div class="field">
            <label for="originalLang">${msg('Original language (the language you write it in first)')}</label>
            <select id="originalLang" @change=${(event: Event) => (this.originalLang = (event.target as HTMLSelectElement).value as Lang)}>
              ${LANGS.map((lang) => html`<option value=${lang} lang=${lang} ?selected=${lang === this.originalLang}>${LANG_NAMES[lang]}</option>`)}
            </select>
          </div>`}
      <div class="translations">
        ${LANGS.map(
          (lang) => html`<fieldset class="translation" aria-describedby=${`completeness-${lang}`}>
            <legend><span lang=${lang}>${LANG_NAMES[lang]}</span>${lang === this.originalLang ? html` · ${msg('original')}` : nothing}</legend>
            ${this.#completeness(lang)}
            ${fields.filter((f) => f.translated).map((f) => renderField(f, context, lang, f.key === 'title' && lang === this.originalLang))}
          </fieldset>`,
        )}
      </div>
      <fieldset>
        <legend>${msg('In every language')}</legend>
        ${fields.filter((f) => !f.translated).map((f) => renderField(f, context, undefined, !!f.required))}
      </fieldset>
      <div class="actions editor-actions">
        <button class="button" type="submit" ?disabled=${this.busy}>${item?.state === 'published' ? msg('Save and publish the changes') : msg('Save the draft')}</button>
        <button class="button button--secondary" type="button" aria-expanded=${this.previewLang ? 'true' : 'false'} aria-controls="preview"
          @click=${this.#togglePreview}>${msg('Preview')}</button>
        ${item
          ? html`<button class="button button--secondary" type="button" id="toggle-state" ?disabled=${this.busy} @click=${this.#toggleState}>
                ${item.state === 'published' ? msg('Unpublish') : msg('Publish')}</button>
              <button class="button button--danger" type="button" ?disabled=${this.busy} @click=${this.#delete}>${msg('Delete')}</button>`
          : nothing}
      </div>
      <section id="preview" aria-labelledby="preview-heading" ?hidden=${!this.previewLang}>
        ${this.previewLang ? this.#preview(this.previewLang) : nothing}
      </section>
    </form>`
  }

  #completeness(lang: Lang): TemplateResult {
    const missing = fieldsOf(this.type)
      .filter((f) => f.translated && !String(this.model[`${f.key}.${lang}`] ?? '').trim())
      .map((f) => f.label())
    return html`<p id=${`completeness-${lang}`} class=${missing.length ? 'missing' : 'complete'}>
      ${missing.length ? html`${msg('Missing in this language')}${colon()} ${new Intl.ListFormat(currentLang(), { type: 'conjunction' }).format(missing)}` : msg('Nothing missing in this language.')}
    </p>`
  }

  #preview(lang: Lang): TemplateResult {
    return html`<h2 id="preview-heading">${msg('Preview')}</h2>
      <div class="field field--inline">
        <label for="preview-lang">${msg('Show it as a reader of')}</label>
        <select id="preview-lang" @change=${(event: Event) => (this.previewLang = (event.target as HTMLSelectElement).value as Lang)}>
          ${LANGS.map((l) => html`<option value=${l} lang=${l} ?selected=${l === lang}>${LANG_NAMES[l]}</option>`)}
        </select>
      </div>
      ${renderPreview(this.type, this.model, lang, this.originalLang, this.vocabularies ?? {})}`
  }

  async #togglePreview(): Promise<void> {
    this.previewLang = this.previewLang ? undefined : currentLang()
    if (!this.previewLang) return
    await this.updateComplete
    this.querySelector<HTMLElement>('#preview-lang')?.focus()
  }

  /** Runs a write: busy while it runs, its failure announced, a 412 opening the conflict view. */
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
      const problem = toProblem(error)
      if (problem.status === 412 || problem.code === 'WEGOV_EDIT_CONFLICT') await this.#openConflict()
      else {
        this.problem = problem
        await this.updateComplete
        const invalid = this.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.querySelector<HTMLElement>('fieldset[tabindex="-1"]')
        ;(invalid ?? this.querySelector<HTMLElement>('#problem'))?.focus()
      }
      return false
    } finally {
      this.busy = false
    }
  }

  /** Saves what changed (or creates the item); true when the item on the server now has this text. */
  async #saveChanges(): Promise<boolean> {
    this.missingTitle = !String(this.model[`title.${this.originalLang}`] ?? '').trim()
    if (this.missingTitle) {
      this.status = ''
      await this.updateComplete
      this.querySelector<HTMLElement>(`#title-${this.originalLang}`)?.focus()
      return false
    }
    this.#sentProjects = (this.model.projects as string[] | undefined) ?? []
    return this.#write(async () => {
      if (!this.loaded) {
        const created = await this.#api.create(this.organisationId, createBody(this.type, this.model, this.originalLang), this.#idempotencyKey)
        this.#show(created)
        // The address now names the item, without a navigation that would rebuild this screen.
        replaceAddress(`${BASE}organisations/${this.organisationId}/${this.type}/${created.item.id}${location.search}`)
        this.status = msg('The draft is saved.')
        return
      }
      const keys = this.#dirty
      if (keys.length === 0) {
        this.status = msg('Nothing has changed since the last save.')
        return
      }
      // Every change, the document (fileId) included, is one merge patch: one new version, one event.
      this.#show(await this.#api.update(this.loaded.item.id, patchOf(this.type, this.model, keys), this.loaded.etag))
      this.status = this.loaded.item.state === 'published' ? msg('The changes are saved and published.') : msg('The draft is saved.')
    })
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    await this.#saveChanges()
  }

  /** Publishing saves pending changes first, so what is published is what the editor shows. */
  async #toggleState(): Promise<void> {
    if (!(await this.#saveChanges()) || !this.loaded) return
    const next = this.loaded.item.state === 'published' ? 'draft' : 'published'
    await this.#write(async () => {
      this.#show(await this.#api.setState(this.loaded!.item.id, next, this.loaded!.etag))
      this.status = next === 'published' ? msg('Published: it is now on the public site.') : msg('Unpublished: it is a draft again, seen only by your organisation.')
    })
    await this.updateComplete
    this.querySelector<HTMLElement>('#toggle-state')?.focus()
  }

  async #delete(): Promise<void> {
    if (!this.loaded || !(await confirmDelete(this.type))) return
    const loaded = this.loaded
    const done = await this.#write(async () => {
      await this.#api.remove(loaded.item.id, loaded.etag)
      this.deleted = true
    })
    if (!done) return
    await this.updateComplete
    this.querySelector<HTMLElement>('#undo-delete')?.focus()
  }

  #deletedNotice(): TemplateResult {
    return html`<div class="card card--warning" role="alert">
      <p>${msg('Deleted. It is no longer on the public site.')} ${msg('You can undo this now, or for 30 days from the audit log.')}</p>
      <div class="actions">
        <button type="button" class="button" id="undo-delete" ?disabled=${this.busy} @click=${this.#undo}>${msg('Undo: restore it')}</button>
        <a class="button button--secondary" href=${`${BASE}organisations/${this.organisationId}/${this.type}`}>${typeNames(this.type).back()}</a>
      </div>
    </div>`
  }

  async #undo(): Promise<void> {
    const restored = await this.#write(async () => {
      this.#show(await this.#api.restore(this.itemId))
      this.deleted = false
      this.status = msg('Restored.')
    })
    if (restored) {
      await this.updateComplete
      this.querySelector<HTMLElement>('#screen-title')?.focus()
    }
  }

  /** Someone saved another version since ours was loaded: what they changed, and what is unsaved here. */
  async #openConflict(): Promise<void> {
    const base = this.loaded!
    try {
      const theirs = await this.#api.source(base.item.id)
      const baseModel = modelOf(this.type, base.item)
      const theirModel = modelOf(this.type, theirs.item)
      this.conflict = {
        theirs,
        theirModel,
        mine: this.model,
        theirChanges: changedKeys(this.type, baseModel, theirModel),
        myChanges: changedKeys(this.type, baseModel, this.model),
      }
      await this.updateComplete
      this.querySelector<HTMLElement>('#conflict-title')?.focus()
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  /** Their version replaces ours: what was typed here is dropped, as asked. */
  async #takeTheirs(): Promise<void> {
    const conflict = this.conflict!
    this.conflict = undefined
    this.#show(conflict.theirs)
    this.status = msg('Their version is loaded.')
    await this.#focusTitle()
  }

  /**
   * Keeps this text on top of their version: the next save patches the fields changed here over theirs
   * (with their ETag), and leaves the fields only they changed as they made them.
   */
  async #keepMine(): Promise<void> {
    const conflict = this.conflict!
    this.conflict = undefined
    this.loaded = conflict.theirs
    const merged: Model = { ...conflict.theirModel }
    for (const key of conflict.myChanges) merged[key] = conflict.mine[key]!
    this.model = merged
    this.status = msg('Your text is kept on top of their version. Check it, then save.')
    await this.#focusTitle()
  }

  async #focusTitle(): Promise<void> {
    await this.updateComplete
    this.querySelector<HTMLElement>('#screen-title')?.focus()
  }
}

customElements.define('wegov-content-editor-screen', ContentEditorScreen)


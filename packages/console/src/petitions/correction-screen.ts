import { html, nothing, type TemplateResult } from 'lit'
import { msg, str } from '@lit/localize'
import type { PetitionDraftPatch } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { type FieldErrors, textArea, textField } from '../shared/forms.js'
import { LANG_NAMES, LANGS, directionOf, type Lang } from '../shared/lang.js'
import { type Problem, fieldProblem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE, href } from '../shared/router.js'
import { isolate, loading } from '../shared/screen.js'
import { state } from '../shared/state.js'

/** The texts a moderator may correct, per language ('' where a language has none). */
const FIELDS = ['title', 'summary', 'text'] as const
type Field = (typeof FIELDS)[number]
type Texts = Record<Field, Record<Lang, string>>

interface Correctable {
  id: string
  originalLang: Lang
  texts: Texts
}

const emptyTexts = (): Texts => ({ title: { ar: '', fr: '', en: '' }, summary: { ar: '', fr: '', en: '' }, text: { ar: '', fr: '', en: '' } })

/**
 * A moderator corrects a typo in a petition awaiting moderation or already open: its title, summary and
 * text in each language. Only what changed is sent (a merge patch to PATCH /v1/moderation/petitions/{id});
 * the change log keeps the text before, which the screen says. A petition in the queue is read from the
 * queue; an open one from its public page in each language (a language it lacks comes back in another,
 * and is left empty here).
 */
export class CorrectionScreen extends ConsoleElement {
  static override properties = {
    idOrSlug: { type: String },
    petition: { state: true },
    problem: { state: true },
    status: { state: true },
    busy: { state: true },
  }
  /** The petition's id, or its slug (from its public address). */
  declare idOrSlug: string
  declare petition: Correctable | undefined
  declare problem: Problem | undefined
  declare status: string
  declare busy: boolean

  constructor() {
    super()
    this.idOrSlug = ''
    this.status = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      const queued = (await state.api.moderation.queue()).items.find((item) => item.id === this.idOrSlug)
      if (queued) {
        const texts = emptyTexts()
        for (const field of FIELDS) for (const lang of LANGS) texts[field][lang] = queued.texts[field][lang] ?? ''
        this.petition = { id: queued.id, originalLang: queued.originalLang as Lang, texts }
        return
      }
      const pages = await Promise.all(LANGS.map((lang) => state.api.petitions.get(this.idOrSlug, lang)))
      const texts = emptyTexts()
      LANGS.forEach((lang, index) => {
        const page = pages[index]!
        for (const field of FIELDS) {
          const value = page[field]
          if (value && value.lang === lang) texts[field][lang] = value.text
        }
      })
      this.petition = { id: pages[0]!.id, originalLang: pages[0]!.originalLang as Lang, texts }
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  protected override render() {
    const petition = this.petition
    return html`<h1 id="screen-title" tabindex="-1">${msg('Correct a petition’s text')}</h1>
      <p><a href=${href(`${BASE}moderation`)}>${msg('Petitions to moderate')}</a></p>
      <p class="hint" id="correction-audit">
        ${msg('Correct typos only: the meaning must not change. Each correction is recorded in the audit log with your name and the text before it.')}
      </p>
      <p role="status" class="status" id="correction-status">${this.status}</p>
      ${renderProblem(this.problem)} ${petition ? this.#form(petition) : this.problem ? nothing : loading()}`
  }

  #form(petition: Correctable): TemplateResult {
    const errors: FieldErrors = {}
    for (const field of FIELDS) {
      for (const lang of LANGS) {
        const message = fieldProblem(this.problem, `${field}.${lang}`)
        if (message) errors[`${field}-${lang}`] = message
      }
    }
    return html`<form novalidate @submit=${this.#submit} aria-describedby="correction-audit">
      <fieldset class="plain" ?disabled=${this.busy}>
        <legend class="visually-hidden">${msg('Correct a petition’s text')}</legend>
        <div class="translations">
          ${LANGS.map(
            (lang) => html`<fieldset>
              <legend><span lang=${lang}>${LANG_NAMES[lang]}</span>${lang === petition.originalLang ? html` (${msg('original language')})` : nothing}</legend>
              ${textField(
                { id: `title-${lang}`, label: `${msg('Title')} (${LANG_NAMES[lang]})`, value: petition.texts.title[lang], required: lang === petition.originalLang, maxlength: 200, lang, dir: directionOf(lang) },
                errors,
              )}
              ${textArea({ id: `summary-${lang}`, label: `${msg('Summary')} (${LANG_NAMES[lang]})`, value: petition.texts.summary[lang], rows: 3, lang, dir: directionOf(lang) }, errors)}
              ${textArea({ id: `text-${lang}`, label: `${msg('Text')} (${LANG_NAMES[lang]})`, value: petition.texts.text[lang], rows: 8, lang, dir: directionOf(lang) }, errors)}
            </fieldset>`,
          )}
        </div>
        <div class="actions"><button type="submit" class="button" id="correction-save">${msg('Save the correction')}</button></div>
      </fieldset>
    </form>`
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const petition = this.petition
    if (!petition) return
    const form = event.target as HTMLFormElement
    const patch: Record<string, Record<string, string | null>> = {}
    const texts = emptyTexts()
    for (const field of FIELDS) {
      for (const lang of LANGS) {
        const value = form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${field}-${lang}`)!.value.trim()
        texts[field][lang] = value
        if (value !== petition.texts[field][lang].trim()) (patch[field] ??= {})[lang] = value || null
      }
    }
    this.problem = undefined
    this.status = ''
    if (Object.keys(patch).length === 0) {
      this.status = msg('Nothing was changed.')
      return
    }
    this.busy = true
    try {
      await state.api.moderation.correct(petition.id, patch as PetitionDraftPatch)
      this.petition = { ...petition, texts }
      this.status = msg(str`Correction saved and recorded in the audit log: ${isolate(texts.title[petition.originalLang])}.`)
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
    if (this.problem) {
      await this.updateComplete
      ;(this.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.querySelector<HTMLElement>('#problem'))?.focus()
    }
  }
}

customElements.define('wegov-correction-screen', CorrectionScreen)

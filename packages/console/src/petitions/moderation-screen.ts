import { html, nothing, render, type TemplateResult } from 'lit'
import { msg, str } from '@lit/localize'
import type { LaunchedPetition, PetitionRejection } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { countryName, dateTime } from '../shared/format.js'
import { modal } from '../shared/forms.js'
import { LANG_NAMES, LANGS, directionOf, type Lang } from '../shared/lang.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE, href, navigate } from '../shared/router.js'
import { forItem, isolate, loading } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { REJECTION_CODES, petitionTitle, rejectionLabel } from './petition-words.js'

/**
 * Platform moderators and admins: the petitions awaiting a decision, the soonest due first (overdue ones
 * marked). A moderator claims one, then approves it (it opens) or rejects it with a coded reason and a
 * note. Another moderator's claim (WEGOV_MODERATION_CLAIMED) or a petition already decided
 * (WEGOV_PETITION_STATE) is announced, and the queue read again.
 */
export class ModerationScreen extends ConsoleElement {
  static override properties = {
    queue: { state: true },
    problem: { state: true },
    status: { state: true },
    busy: { state: true },
    correctError: { state: true },
  }
  declare correctError: string
  declare queue: LaunchedPetition[] | undefined
  declare problem: Problem | undefined
  declare status: string
  declare busy: boolean

  constructor() {
    super()
    this.status = ''
    this.busy = false
    this.correctError = ''
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      const { items } = await state.api.moderation.queue()
      this.queue = [...items].sort((a, b) => (a.moderation.dueAt ?? '').localeCompare(b.moderation.dueAt ?? ''))
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  protected override render() {
    return html`<h1 id="screen-title" tabindex="-1">${msg('Petitions to moderate')}</h1>
      <p><a href=${href(`${BASE}moderation/flagged-signatures`)} id="flagged-link">${msg('Held signatures')}</a></p>
      <p role="status" class="status" id="moderation-status">${this.status}</p>
      ${renderProblem(this.problem)}
      ${this.queue === undefined
        ? this.problem
          ? nothing
          : loading()
        : this.queue.length === 0
          ? html`<p class="muted">${msg('No petition is waiting for moderation.')}</p>`
          : html`<ul class="list">${this.queue.map((petition) => this.#item(petition))}</ul>`}
      ${this.#correctOpen()}`
  }

  /** An open petition is no longer in the queue: the moderator names it by its public address or identifier. */
  #correctOpen(): TemplateResult {
    return html`<h2 id="correct-open-title">${msg('Correct an open petition')}</h2>
      <form class="correct-open" aria-labelledby="correct-open-title" novalidate @submit=${this.#openCorrection}>
        <div class="field">
          <label for="correct-petition">${msg('Petition address or identifier')}</label>
          <p class="hint" id="correct-petition-hint">${msg('Paste the address of its public page, or its identifier.')}</p>
          <input id="correct-petition" type="text" dir="ltr" autocomplete="off" required aria-describedby=${this.correctError ? 'correct-petition-hint correct-petition-error' : 'correct-petition-hint'}
            aria-invalid=${this.correctError ? 'true' : 'false'} />
          ${this.correctError ? html`<p class="field-error" id="correct-petition-error" role="alert">${this.correctError}</p>` : nothing}
        </div>
        <div class="actions"><button type="submit" class="button button--secondary" id="correct-open">${msg('Correct its text')}</button></div>
      </form>`
  }

  #openCorrection(event: SubmitEvent): void {
    event.preventDefault()
    const input = this.querySelector<HTMLInputElement>('#correct-petition')!
    // The last part of a public address (/petitions/{slug}) or the identifier itself.
    const idOrSlug = input.value.trim().replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? ''
    if (!/^[A-Za-z0-9-]{1,200}$/.test(idOrSlug)) {
      this.correctError = msg('Enter the address of the petition’s public page, or its identifier.')
      void this.updateComplete.then(() => input.focus())
      return
    }
    this.correctError = ''
    navigate(`${BASE}moderation/petitions/${idOrSlug}/correct`)
  }

  #item(petition: LaunchedPetition): TemplateResult {
    const title = petition.texts.title[petition.originalLang] ?? ''
    const due = petition.moderation.dueAt
    const overdue = !!due && new Date(due).getTime() < Date.now()
    const claimedBy = petition.moderation.claimedBy
    const mine = !!claimedBy && claimedBy.id === state.me?.id
    const others = LANGS.filter((lang) => lang !== petition.originalLang && petition.texts.title[lang])
    return html`<li class="item" data-id=${petition.id}>
      <h2 class="item__title">${petitionTitle(petition)}${overdue ? html`<span class="badge badge--danger">${msg('Overdue')}</span>` : nothing}</h2>
      <dl class="details">
        ${others.map(
          (lang: Lang) => html`<dt>${msg('Title')} (<span lang=${lang}>${LANG_NAMES[lang]}</span>)</dt>
            <dd lang=${lang} dir=${directionOf(lang)}>${petition.texts.title[lang]}</dd>`,
        )}
        <dt>${msg('Country')}</dt>
        <dd>${countryName(petition.country)}</dd>
        <dt>${msg('Launched by')}</dt>
        <dd><bdi>${petition.launcherName ?? msg('Unknown')}</bdi></dd>
        <dt>${msg('Due')}</dt>
        <dd>${dateTime(due)}</dd>
        <dt>${msg('Claimed by')}</dt>
        <dd class="claimed-by">${claimedBy ? (mine ? msg('you') : html`<bdi>${claimedBy.name || msg('another moderator')}</bdi>`) : msg('Nobody yet')}</dd>
      </dl>
      ${petition.texts.summary[petition.originalLang]
        ? html`<p lang=${petition.originalLang} dir="auto">${petition.texts.summary[petition.originalLang]}</p>`
        : nothing}
      <div class="actions">
        ${mine
          ? nothing
          : html`<button type="button" class="button button--secondary claim" ?disabled=${this.busy} @click=${() => this.#claim(petition, title)}>
              ${forItem(msg('Claim'), title)}
            </button>`}
        <button type="button" class="button approve" ?disabled=${this.busy} @click=${() => this.#approve(petition, title)}>${forItem(msg('Approve'), title)}</button>
        <button type="button" class="button button--danger reject" ?disabled=${this.busy} @click=${() => this.#reject(petition, title)}>
          ${forItem(msg('Reject'), title)}
        </button>
        <a class="button button--secondary correct" href=${href(`${BASE}moderation/petitions/${petition.id}/correct`)}>${forItem(msg('Correct a typo'), title)}</a>
      </div>
    </li>`
  }

  async #claim(petition: LaunchedPetition, title: string): Promise<void> {
    await this.#run(async () => {
      await state.api.moderation.claim(petition.id)
      this.status = msg(str`You have claimed ${isolate(title)} for two hours.`)
    })
  }

  async #approve(petition: LaunchedPetition, title: string): Promise<void> {
    await this.#run(async () => {
      await state.api.moderation.approve(petition.id)
      this.status = msg(str`${isolate(title)} is approved: it is open for signatures.`)
    })
  }

  async #reject(petition: LaunchedPetition, title: string): Promise<void> {
    const rejection = await askRejection(title)
    if (!rejection) return
    await this.#run(async () => {
      await state.api.moderation.reject(petition.id, rejection)
      this.status = msg(str`${isolate(title)} is rejected. Its creator is told why by email.`)
    })
  }

  async #run(action: () => Promise<void>): Promise<void> {
    this.busy = true
    this.problem = undefined
    this.status = ''
    try {
      await action()
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
    // The queue changed, here or by another moderator: read it again either way.
    await this.#load()
    if (this.problem) {
      await this.updateComplete
      this.querySelector<HTMLElement>('#problem')?.focus()
    }
  }
}

/**
 * Asks for a rejection's coded reason and note in a modal <dialog>, in the console's language. Resolves
 * with the rejection, or undefined when cancelled. Focus starts on the reason and goes back where it was.
 */
function askRejection(title: string): Promise<PetitionRejection | undefined> {
  return modal<PetitionRejection>('confirm reject-dialog', 'reject-title', (dialog, close) => {
    let error = ''
    const confirm = (event: SubmitEvent) => {
      event.preventDefault()
      const code = dialog.querySelector<HTMLSelectElement>('#reject-code')!.value
      const note = dialog.querySelector<HTMLTextAreaElement>('#reject-note')!.value.trim()
      if (!code) {
        error = msg('Choose the reason for rejecting it.')
        draw()
        dialog.querySelector<HTMLElement>('#reject-code')?.focus()
        return
      }
      close({ code: code as PetitionRejection['code'], ...(note ? { note } : {}) })
    }
    const draw = () =>
      render(
        html`<form novalidate @submit=${confirm}>
          <h2 id="reject-title">${msg(str`Reject ${isolate(title)}`)}</h2>
          <div class="field">
            <label for="reject-code">${msg('Reason')}</label>
            <select id="reject-code" required autofocus aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'reject-code-error' : nothing}>
              <option value="">${msg('Choose a reason')}</option>
              ${REJECTION_CODES.map((code) => html`<option value=${code}>${rejectionLabel(code)}</option>`)}
            </select>
            ${error ? html`<p class="field-error" id="reject-code-error" role="alert">${error}</p>` : nothing}
          </div>
          <div class="field">
            <label for="reject-note">${msg('Note')} <span class="muted">${msg('(optional)')}</span></label>
            <p class="hint" id="reject-note-hint">${msg('Shown with the reason, and sent to the creator.')}</p>
            <textarea id="reject-note" rows="3" maxlength="2000" dir="auto" aria-describedby="reject-note-hint"></textarea>
          </div>
          <div class="actions">
            <button type="submit" class="button button--danger" id="reject-confirm">${msg('Reject')}</button>
            <button type="button" class="button button--secondary" @click=${() => close(undefined)}>${msg('Cancel')}</button>
          </div>
        </form>`,
        dialog,
      )
    draw()
  })
}

customElements.define('wegov-moderation-screen', ModerationScreen)

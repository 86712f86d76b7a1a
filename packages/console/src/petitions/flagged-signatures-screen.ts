import { html, nothing, type TemplateResult } from 'lit'
import { msg, str } from '@lit/localize'
import type { FlaggedSignatureList } from '../shared/api-types.js'
import { ConsoleElement } from '../shared/console-element.js'
import { countryName, dateTime } from '../shared/format.js'
import { confirmAction } from '../shared/forms.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE, href } from '../shared/router.js'
import { isolate, loading, localized } from '../shared/screen.js'
import { state } from '../shared/state.js'

type Held = FlaggedSignatureList['items'][number]
type Summary = FlaggedSignatureList['petitions'][number]

/**
 * Platform moderators: the signatures the abuse checks held back (a burst from one address or on one
 * petition), oldest first, with only what the API shows moderators (a first name and initial, never an
 * address). A moderator filters by petition, selects some or all, and releases them (they count) or
 * invalidates them (asked first). The published count of invalidated signatures of every petition seen
 * here stays on the screen, read from the public count, so the moderator sees what the public sees.
 */
export class FlaggedSignaturesScreen extends ConsoleElement {
  static override properties = {
    list: { state: true },
    petitionId: { state: true },
    selected: { state: true },
    invalidated: { state: true },
    problem: { state: true },
    status: { state: true },
    busy: { state: true },
  }
  declare list: FlaggedSignatureList | undefined
  /** The petition the list is filtered to, '' for all. */
  declare petitionId: string
  declare selected: Set<string>
  /** The published invalidated count per petition seen on this screen (it stays after its queue empties). */
  declare invalidated: Map<string, { title: Summary['title']; count: number | undefined }>
  declare problem: Problem | undefined
  declare status: string
  declare busy: boolean

  constructor() {
    super()
    this.petitionId = ''
    this.selected = new Set()
    this.invalidated = new Map()
    this.status = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    try {
      const list = await state.api.moderation.flaggedSignatures(this.petitionId || undefined)
      const shown = new Set(list.items.map((item) => item.id))
      this.selected = new Set([...this.selected].filter((id) => shown.has(id)))
      this.list = list
      const seen = new Map(this.invalidated)
      for (const petition of list.petitions) seen.set(petition.petitionId, { title: petition.title, count: seen.get(petition.petitionId)?.count })
      this.invalidated = seen
      await this.#readCounts()
    } catch (error) {
      this.problem = toProblem(error)
    }
  }

  /** The public counts of the petitions seen: `invalidated` is what WeGov publishes. */
  async #readCounts(): Promise<void> {
    const ids = [...this.invalidated.keys()]
    const counts = await Promise.all(ids.map((id) => state.api.petitions.count(id).then((count) => count.invalidated, () => undefined)))
    const next = new Map(this.invalidated)
    ids.forEach((id, index) => next.set(id, { ...next.get(id)!, count: counts[index] }))
    this.invalidated = next
  }

  protected override render() {
    const list = this.list
    return html`<h1 id="screen-title" tabindex="-1">${msg('Held signatures')}</h1>
      <p><a href=${href(`${BASE}moderation`)}>${msg('Petitions to moderate')}</a></p>
      <p class="hint">
        ${msg('Signatures held back by a burst from one address or on one petition. Release the honest ones so they count; the rest are invalidated 24 hours after they arrived unless released.')}
      </p>
      <p role="status" class="status" id="flagged-status">${this.status}</p>
      ${renderProblem(this.problem)}
      ${list === undefined ? (this.problem ? nothing : loading()) : html`${this.#filter(list)} ${this.#signatures(list)}`} ${this.#invalidatedCounts()}`
  }

  #filter(list: FlaggedSignatureList): TemplateResult {
    const known = new Map(this.invalidated)
    return html`<form class="filters" @submit=${this.#applyFilter}>
      <div class="field">
        <label for="flagged-petition">${msg('Petition')}</label>
        <select id="flagged-petition" name="petition">
          <option value="" ?selected=${!this.petitionId}>${msg('All petitions')}</option>
          ${[...known].map(([id, { title }]) => {
            const waiting = list.petitions.find((petition) => petition.petitionId === id)?.flagged ?? 0
            return html`<option value=${id} ?selected=${id === this.petitionId}>${title?.text ?? id} (${waiting})</option>`
          })}
        </select>
      </div>
      <div class="actions"><button type="submit" class="button button--secondary" id="flagged-filter">${msg('Show')}</button></div>
    </form>`
  }

  #signatures(list: FlaggedSignatureList): TemplateResult {
    if (list.items.length === 0) return html`<p class="muted" id="flagged-empty">${msg('No signature is held.')}</p>`
    const all = list.items.every((item) => this.selected.has(item.id))
    const count = this.selected.size
    return html`<form class="flagged" @submit=${(event: Event) => event.preventDefault()}>
      <fieldset class="plain" ?disabled=${this.busy}>
        <legend class="visually-hidden">${msg('Held signatures')}</legend>
        <label class="check"><input type="checkbox" id="flagged-all" .checked=${all} @change=${this.#selectAll} /> ${msg('Select all shown')}</label>
        <ul class="list" id="flagged-list">
          ${list.items.map((item) => this.#signature(item, list))}
        </ul>
        <p class="muted" id="flagged-selected">${msg(str`Selected: ${count}`)}</p>
        <div class="actions">
          <button type="button" class="button" id="flagged-release" aria-describedby="flagged-selected" @click=${() => this.#settle('release')}>
            ${msg('Release')}
          </button>
          <button type="button" class="button button--danger" id="flagged-invalidate" aria-describedby="flagged-selected" @click=${() => this.#settle('invalidate')}>
            ${msg('Invalidate')}
          </button>
        </div>
      </fieldset>
    </form>`
  }

  #signature(item: Held, list: FlaggedSignatureList): TemplateResult {
    const petition = list.petitions.find((p) => p.petitionId === item.petitionId)
    const who = item.name ?? msg('No name given')
    const box = `flagged-${item.id}`
    return html`<li class="item" data-id=${item.id}>
      <label class="check" for=${box}>
        <input type="checkbox" id=${box} .checked=${this.selected.has(item.id)} @change=${(event: Event) => this.#select(item.id, (event.target as HTMLInputElement).checked)} />
        <bdi>${who}</bdi><span class="visually-hidden">, ${dateTime(item.createdAt)}</span>
      </label>
      <dl class="details">
        <dt>${msg('Petition')}</dt>
        <dd>${localized(petition?.title) || item.petitionId}</dd>
        <dt>${msg('Signed')}</dt>
        <dd>${dateTime(item.createdAt)}</dd>
        <dt>${msg('Place')}</dt>
        <dd>${item.city ? html`<bdi>${item.city}</bdi>, ` : nothing}${countryName(item.country)}</dd>
        <dt>${msg('Why it is held')}</dt>
        <dd>${heldReason(item.reason)}</dd>
        <dt>${msg('Email confirmed')}</dt>
        <dd>${item.confirmed ? msg('Yes') : msg('Not yet')}</dd>
        ${item.sourcePartner
          ? html`<dt>${msg('Signed on the site of')}</dt>
              <dd dir="ltr">${item.sourcePartner}</dd>`
          : nothing}
      </dl>
    </li>`
  }

  #invalidatedCounts(): TemplateResult | typeof nothing {
    if (this.invalidated.size === 0) return nothing
    return html`<h2 id="invalidated-title">${msg('Invalidated signatures, as published')}</h2>
      <dl class="details" aria-labelledby="invalidated-title" id="invalidated-counts">
        ${[...this.invalidated].map(
          ([id, { title, count }]) => html`<dt>${localized(title) || id}</dt>
            <dd class="invalidated-count" data-id=${id}>${count ?? '—'}</dd>`,
        )}
      </dl>`
  }

  #applyFilter(event: SubmitEvent): void {
    event.preventDefault()
    this.petitionId = (this.querySelector<HTMLSelectElement>('#flagged-petition')?.value ?? '').trim()
    this.status = ''
    this.problem = undefined
    void this.#load()
  }

  #select(id: string, on: boolean): void {
    const next = new Set(this.selected)
    if (on) next.add(id)
    else next.delete(id)
    this.selected = next
  }

  #selectAll(event: Event): void {
    const on = (event.target as HTMLInputElement).checked
    this.selected = on ? new Set(this.list?.items.map((item) => item.id)) : new Set()
  }

  async #settle(verb: 'release' | 'invalidate'): Promise<void> {
    const ids = [...this.selected]
    this.problem = undefined
    this.status = ''
    if (ids.length === 0) {
      this.status = msg('Select at least one signature first.')
      return
    }
    const question =
      verb === 'release'
        ? msg(str`Release the selected signatures (${ids.length})? The confirmed ones count from now on.`)
        : msg(str`Invalidate the selected signatures (${ids.length})? They will never count, and the published count of invalidated signatures grows.`)
    if (!(await confirmAction(question, verb === 'release' ? msg('Release') : msg('Invalidate')))) return
    this.busy = true
    try {
      if (verb === 'release') {
        const { changed } = await state.api.moderation.releaseSignatures(ids)
        this.status = msg(str`Signatures released: ${changed}.`)
      } else {
        const { changed } = await state.api.moderation.invalidateSignatures(ids)
        this.status = msg(str`Signatures invalidated: ${changed}.`)
      }
      this.selected = new Set()
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
    await this.#load()
    await this.updateComplete
    if (this.problem) this.querySelector<HTMLElement>('#problem')?.focus()
  }
}

/** The abuse check that held a signature, in the reader's language. */
function heldReason(reason: string | null): string {
  switch (reason) {
    case 'ip-burst':
      return msg('Many signatures from one address')
    case 'petition-burst':
      return msg('A burst of signatures on this petition')
    case 'honeypot':
      return msg('A field only robots fill in was filled in')
    default:
      return reason ? isolate(reason) : msg('Unknown')
  }
}

customElements.define('wegov-flagged-signatures-screen', FlaggedSignaturesScreen)

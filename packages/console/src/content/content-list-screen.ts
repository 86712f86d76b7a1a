import { html, nothing, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'
import { ConsoleElement } from '../shared/console-element.js'
import { countryOptions } from '../shared/format.js'
import { formValues } from '../shared/forms.js'
import { LANG_NAMES, LANGS, type Lang } from '../shared/lang.js'
import { colon, currentLang } from '../shared/localization.js'
import { organisationNav } from '../shared/organisation-nav.js'
import { type Problem, renderProblem, toProblem } from '../shared/problem.js'
import { BASE, href } from '../shared/router.js'
import { loading } from '../shared/screen.js'
import { state } from '../shared/state.js'
import { type ListedItem, contentApi, organisationSlugOf } from './content-api.js'
import { fieldsOf } from './content-fields.js'
import type { Vocabularies } from './content-form.js'
import type { ContentSource, ContentState, ContentType } from './content-source.js'
import { typeNames } from './content-words.js'

const PAGE_SIZE = 50

interface Filters {
  state: '' | ContentState
  q: string
  country: string
  collection: string
  kind: string
}

/**
 * An organisation's projects or resources, drafts and published, each with its state and which
 * languages still lack a title, summary or description; a link to edit each and one to write a new one.
 * Completeness needs every language's text, so each listed item's source is read (a page is 50 at most).
 */
export class ContentListScreen extends ConsoleElement {
  static override properties = {
    type: { type: String },
    organisationId: { type: String },
    items: { state: true },
    problem: { state: true },
    busy: { state: true },
    vocabularies: { state: true },
  }
  declare type: ContentType
  declare organisationId: string
  declare items: ContentSource[] | undefined
  declare problem: Problem | undefined
  declare busy: boolean
  declare vocabularies: Vocabularies | undefined
  #filters: Filters = { state: '', q: '', country: '', collection: '', kind: '' }

  constructor() {
    super()
    this.type = 'projects'
    this.organisationId = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    this.busy = true
    this.problem = undefined
    try {
      const api = contentApi(this.type)
      const [vocabularies, organisation] = await Promise.all([
        this.vocabularies ?? (state.api.sdk.vocabularies.get() as unknown as Promise<Vocabularies>),
        organisationSlugOf(this.organisationId),
      ])
      this.vocabularies = vocabularies
      const f = this.#filters
      const params = {
        organisation,
        limit: PAGE_SIZE,
        ...(f.q ? { q: f.q } : {}),
        ...(f.country ? { country: f.country } : {}),
        ...(this.type === 'resources' && f.collection ? { collection: f.collection } : {}),
        ...(this.type === 'resources' && f.kind ? { kind: f.kind } : {}),
      }
      const states: ContentState[] = f.state ? [f.state] : ['draft', 'published']
      const pages = await Promise.all(states.map((s) => api.list({ ...params, state: s })))
      const listed = new Map<string, ListedItem>()
      for (const page of pages) for (const item of page.items) listed.set(item.id, item)
      const sources = await Promise.all([...listed.keys()].map((id) => api.source(id)))
      // A list without the state parameter may answer every item: the source's state decides.
      this.items = sources.map((s) => s.item).filter((item) => !f.state || item.state === f.state)
    } catch (error) {
      this.problem = toProblem(error)
    } finally {
      this.busy = false
    }
  }

  protected override render() {
    const names = typeNames(this.type)
    const base = `${BASE}organisations/${this.organisationId}/${this.type}`
    return html`<h1 id="screen-title" tabindex="-1">${names.list()}</h1>
      ${organisationNav(this.organisationId, this.type)}
      <p><a class="button" href=${href(`${base}/new`)}>${names.create()}</a></p>
      ${this.#filtersForm()} ${renderProblem(this.problem)}
      <section aria-labelledby="items-title" aria-busy=${this.busy ? 'true' : 'false'}>
        <h2 id="items-title" tabindex="-1">${msg('List')}</h2>
        ${this.items === undefined ? (this.problem ? nothing : loading()) : this.#list(this.items, base)}
      </section>`
  }

  #filtersForm(): TemplateResult {
    const f = this.#filters
    const v = this.vocabularies ?? {}
    const { wegov, others } = countryOptions()
    const country = ([code, name]: [string, string]) => html`<option value=${code} ?selected=${f.country === code}>${name}</option>`
    const select = (id: keyof Filters, label: string, choices: { code: string; label: string }[]) => html`<div class="field">
      <label for=${`filter-${id}`}>${label}</label>
      <select id=${`filter-${id}`} name=${id}>
        <option value="">${msg('All')}</option>
        ${choices.map((c) => html`<option value=${c.code} ?selected=${f[id] === c.code}>${c.label}</option>`)}
      </select>
    </div>`
    return html`<form class="card filters" novalidate @submit=${this.#filter} aria-labelledby="filters-title">
      <h2 id="filters-title">${msg('Filter')}</h2>
      <div class="filters__fields">
        ${select('state', msg('State'), [
          { code: 'draft', label: msg('Drafts') },
          { code: 'published', label: msg('Published') },
        ])}
        ${this.type === 'resources' ? html`${select('collection', msg('Collection'), v.collections ?? [])} ${select('kind', msg('Kind'), v.resourceKinds ?? [])}` : nothing}
        <div class="field">
          <label for="filter-country">${msg('Country')}</label>
          <select id="filter-country" name="country">
            <option value="">${msg('All')}</option>
            <optgroup label=${msg('WeGov countries')}>${wegov.map(country)}</optgroup>
            <optgroup label=${msg('Other countries')}>${others.map(country)}</optgroup>
          </select>
        </div>
        <div class="field">
          <label for="filter-q">${msg('Words')}</label>
          <input id="filter-q" name="q" type="search" dir="auto" .value=${f.q} />
        </div>
      </div>
      <button class="button" type="submit" ?disabled=${this.busy}>${msg('Show')}</button>
    </form>`
  }

  #list(items: ContentSource[], base: string): TemplateResult {
    if (items.length === 0) return html`<p class="muted" role="status">${msg('Nothing matches these filters.')}</p>`
    return html`<ul class="list content-list">
      ${items.map((item) => {
        const lang = item.originalLang
        const title = item.title[lang] ?? Object.values(item.title).find(Boolean) ?? item.slug
        return html`<li class="item" data-id=${item.id} data-state=${item.state}>
          <p class="item__title"><a href=${href(`${base}/${item.id}`)}><bdi lang=${lang}>${title}</bdi></a>
            <span class=${item.state === 'published' ? 'badge' : 'badge badge--muted'}>${item.state === 'published' ? msg('Published') : msg('Draft')}</span></p>
          ${this.#completeness(item)}
        </li>`
      })}
    </ul>`
  }

  /** Per language: complete, or which texts it lacks. */
  #completeness(item: ContentSource): TemplateResult {
    const texts = fieldsOf(this.type).filter((f) => f.translated)
    const list = new Intl.ListFormat(currentLang(), { type: 'conjunction' })
    const missing = (lang: Lang) =>
      texts.filter((f) => !((item as unknown as Record<string, Record<string, string | null> | null>)[f.key]?.[lang] ?? '').trim()).map((f) => f.label())
    return html`<dl class="completeness">
      ${LANGS.map((lang) => {
        const absent = missing(lang)
        return html`<div data-lang=${lang}><dt lang=${lang}>${LANG_NAMES[lang]}</dt>
          <dd class=${absent.length ? 'missing' : 'complete'}>${absent.length ? html`${msg('missing')}${colon()} ${list.format(absent)}` : msg('complete')}</dd></div>`
      })}
    </dl>`
  }

  async #filter(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const values = formValues(event.currentTarget as HTMLFormElement)
    this.#filters = {
      state: (values.state as Filters['state']) || '',
      q: values.q ?? '',
      country: values.country ?? '',
      collection: values.collection ?? '',
      kind: values.kind ?? '',
    }
    await this.#load()
    await this.updateComplete
    this.querySelector<HTMLElement>('#items-title')?.focus()
  }
}

customElements.define('wegov-content-list-screen', ContentListScreen)

import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import { str } from '@lit/localize'
import { getVocabularies, type Project, projectsPage } from '@wegov/sdk'
import { WEGOV_COUNTRIES } from '../shared/countries.js'
import { fillDetailUrl } from '../shared/detail-url.js'
import { emit } from '../shared/events.js'
import { LoadController } from '../shared/load-controller.js'
import { blockDir, name, nameList } from '../shared/localized-text.js'
import { renderProblem } from '../shared/problem-view.js'
import { WeGovElement } from '../shared/wegov-element.js'
import { styles } from './projects.styles.js'

type Term = { code: string; label: string }
interface Filters {
  country: string
  theme: string
  status: string
  q: string
}
interface Listing {
  items: Project[]
  nextCursor: string | null
  themes: Term[]
  statuses: Term[]
  roles: Term[]
}

const FILTERS = ['country', 'theme', 'status', 'q'] as const

/**
 * @tagname wegov-projects
 * @summary A filterable list of WeGov governance projects, with details in place and "load more".
 *
 * @event wegov-loaded - The first page is shown. `detail: {widget: 'projects', count}`.
 * @event wegov-error - Loading failed; the message shown is in `detail.message`, the code in `detail.code`.
 *
 * @csspart base - The widget's frame.
 * @csspart title - The heading.
 * @csspart filters - The filter form (selects and search box).
 * @csspart list - The list of project cards.
 * @csspart card - One project card.
 * @csspart details - The expanded details of a project.
 * @csspart button - Every button (also `retry`, `more`, `toggle`).
 * @csspart badge - Status and country badges.
 * @csspart problem - The error message box.
 *
 * @cssproperty --wegov-color-bg - Background.
 * @cssproperty --wegov-color-surface - Cards and skeleton background.
 * @cssproperty --wegov-color-text - Text colour.
 * @cssproperty --wegov-color-muted - Secondary text colour.
 * @cssproperty --wegov-color-border - Borders of the frame, cards and fields.
 * @cssproperty --wegov-color-accent - Buttons and links.
 * @cssproperty --wegov-color-on-accent - Text on accent-coloured buttons.
 * @cssproperty --wegov-color-danger - Error messages.
 * @cssproperty --wegov-color-focus - The focus ring.
 * @cssproperty --wegov-font-family - Font stack.
 * @cssproperty --wegov-font-size - Base font size.
 * @cssproperty --wegov-radius - Corner radius.
 * @cssproperty --wegov-space - Base spacing unit.
 */
export class WeGovProjects extends WeGovElement {
  static override styles = styles
  // Its country filter shows Intl's country names before the data arrives: a warm-up worker would still be
  // busy then, and the render would wait on it (measured slower, not faster).
  protected static override warmsUpIntl = false
  static override properties: PropertyDeclarations = {
    country: { type: String },
    theme: { type: String },
    status: { type: String },
    organisation: { type: String },
    q: { type: String },
    limit: { type: Number },
    detailUrl: { type: String, attribute: 'detail-url' },
    filters: { state: true },
    expanded: { state: true },
  }

  /** Initial country filter: an ISO 3166-1 alpha-2 code such as `TN`. */
  declare country: string
  /** Initial theme filter: a theme code such as `local-democracy` (see /v1/vocabularies). */
  declare theme: string
  /** Initial status filter: `pipeline`, `implementation`, `finalisation`, `closed`, `cancelled` or `suspended`. */
  declare status: string
  /** Only projects this organisation (slug) owns or takes part in. Not offered as a filter to visitors. */
  declare organisation: string
  /** Initial search text. */
  declare q: string
  /** Projects per page, 1-100. */
  declare limit: number
  /** Link each project to a page of yours instead of expanding in place, e.g. `/fr/projects/{slug}` (`{id}`, `{lang}` too). */
  declare detailUrl: string
  /** @internal */
  declare private filters: Filters
  /** @internal */
  declare private expanded: string | null

  readonly #listing = new LoadController<Listing>(this, (problem) => this.reportProblem(problem))

  constructor() {
    super()
    this.country = this.theme = this.status = this.organisation = this.q = this.detailUrl = ''
    this.limit = 6
    this.filters = { country: '', theme: '', status: '', q: '' }
    this.expanded = null
  }

  // Loading starts here, before render, so that the render it is part of already shows the loading
  // state; started from updated(), it would cost a second render each time.
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    if (FILTERS.some((key) => changed.has(key))) {
      this.filters = { country: this.country, theme: this.theme, status: this.status, q: this.q }
    }
    const keys = ['filters', 'organisation', 'limit', 'api', 'lang'] as const
    if (this.l10n.ready && (keys.some((key) => changed.has(key as keyof WeGovProjects)) || this.#langLoaded !== this.l10n.lang)) {
      this.#langLoaded = this.l10n.lang
      void this.#loadFirstPage()
    }
  }
  #langLoaded = ''

  #query(cursor?: string) {
    const { country, theme, status, q } = this.filters
    const params: Record<string, string | number> = { limit: clampLimit(this.limit) }
    for (const [key, value] of Object.entries({ country, theme, status, q: q.trim(), organisation: this.organisation, cursor })) {
      if (value) params[key] = value
    }
    return params
  }

  async #loadFirstPage(): Promise<void> {
    const transport = this.transport
    const listing = await this.#listing.load(async () => {
      const [page, vocabularies] = await Promise.all([projectsPage(transport, this.#query()), getVocabularies(transport, { lang: this.l10n.lang })])
      return { ...page, themes: vocabularies.themes, statuses: vocabularies.projectStatuses, roles: vocabularies.participationRoles }
    })
    if (listing) emit(this, 'wegov-loaded', { widget: 'projects', count: listing.items.length })
  }

  // The button is there only with a listing, and disabled while a page loads; a second press before that
  // render supersedes the first with the same page.
  async #loadMore(): Promise<void> {
    const current = this.#listing.value!
    const firstNew = current.items.length
    const next = await this.#listing.load(async () => {
      const page = await projectsPage(this.transport, this.#query(current.nextCursor!))
      return { ...current, items: [...current.items, ...page.items], nextCursor: page.nextCursor }
    }, { keepValue: true })
    await this.updateComplete
    // Keyboard and screen-reader users land on the first new item rather than at the list's end.
    if (next) this.renderRoot.querySelectorAll<HTMLElement>('.card')[firstNew]?.focus()
  }

  #setFilter(key: keyof Filters, value: string): void {
    this.filters = { ...this.filters, [key]: value }
    this.expanded = null
  }

  #onSearch(event: SubmitEvent): void {
    event.preventDefault()
    const input = (event.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement
    this.#setFilter('q', input.value)
  }

  override render() {
    const { msg, lang, dir } = this.l10n
    if (!this.l10n.ready) return html`<section class="base" part="base">${this.#renderSkeleton()}</section>`
    const listing = this.#listing.value
    const title = msg('Governance projects', { id: 'projects.title' })
    const name = this.regionName(title)
    return html`<section class="base" part="base" lang=${lang} dir=${dir} aria-labelledby=${name.labelledby} aria-label=${name.label} aria-busy=${this.#listing.status === 'loading'}>
      ${this.noHeading ? nothing : html`<h2 id="title" part="title">${title}</h2>`}
      ${this.#renderFilters(listing)}
      <p class="visually-hidden" aria-live="polite">${this.#renderCountAnnouncement(listing)}</p>
      ${this.#listing.status === 'error' && !listing
        ? renderProblem(this.l10n, this.#listing.problem!, () => void this.#loadFirstPage())
        : listing
          ? this.#renderList(listing)
          : this.#renderSkeletonCards()}
    </section>`
  }

  #renderFilters(listing: Listing | undefined) {
    const { msg, format } = this.l10n
    const countries = [...new Set([...WEGOV_COUNTRIES, ...(this.filters.country ? [this.filters.country] : [])])]
    const select = (key: 'country' | 'theme' | 'status', label: string, all: string, options: Term[]) =>
      html`<div class="field">
        <label for=${key}>${label}</label>
        <select id=${key} name=${key} @change=${(e: Event) => this.#setFilter(key, (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${this.filters[key] === ''}>${all}</option>
          ${options.map((o) => html`<option value=${o.code} ?selected=${this.filters[key] === o.code}>${o.label}</option>`)}
          ${this.filters[key] && !options.some((o) => o.code === this.filters[key])
            ? html`<option value=${this.filters[key]} selected>${this.filters[key]}</option>`
            : nothing}
        </select>
      </div>`
    return html`<form class="filters" part="filters" role="search" aria-label=${msg('Filter projects', { id: 'projects.filters' })} @submit=${this.#onSearch}>
      ${select('country', msg('Country', { id: 'field.country' }), msg('All countries', { id: 'projects.all-countries' }),
        countries.map((code) => ({ code, label: format.country(code) })))}
      ${select('theme', msg('Theme', { id: 'field.theme' }), msg('All themes', { id: 'projects.all-themes' }), listing?.themes ?? [])}
      ${select('status', msg('Status', { id: 'field.status' }), msg('All statuses', { id: 'projects.all-statuses' }), listing?.statuses ?? [])}
      <div class="field search">
        <label for="q">${msg('Search', { id: 'field.search' })}</label>
        <div class="search__row">
          <input id="q" name="q" type="search" maxlength="200" .value=${this.filters.q} autocomplete="off" />
          <button class="button" part="button" type="submit">${msg('Search', { id: 'action.search' })}</button>
        </div>
      </div>
    </form>`
  }

  #renderCountAnnouncement(listing: Listing | undefined) {
    if (this.#listing.status !== 'done' || !listing) return ''
    return this.l10n.msg(str`Projects shown: ${this.l10n.format.number(listing.items.length)}`, { id: 'projects.count' })
  }

  #renderList(listing: Listing) {
    const { msg } = this.l10n
    if (listing.items.length === 0) {
      return html`<p class="empty" part="empty">${msg('No project matches these filters.', { id: 'projects.empty' })}</p>`
    }
    return html`<ul class="cards" part="list">
        ${listing.items.map((project) => html`<li>${this.#renderCard(project, listing)}</li>`)}
      </ul>
      ${listing.nextCursor
        ? html`<div class="more">
            <button class="button button--secondary" part="button more" type="button" ?disabled=${this.#listing.status === 'loading'} @click=${this.#loadMore}>
              ${msg('Load more projects', { id: 'projects.more' })}
            </button>
            ${this.#listing.status === 'error'
              ? renderProblem(this.l10n, this.#listing.problem!, () => void this.#loadMore())
              : nothing}
          </div>`
        : nothing}`
  }

  #renderCard(project: Project, listing: Listing) {
    const { msg, lang, format } = this.l10n
    const open = this.expanded === project.id
    const status = listing.statuses.find((s) => s.code === project.status)?.label ?? project.status
    const organisations = uniqueOrganisations(project)
    const start = project.dates.actualStart ?? project.dates.plannedStart
    const end = project.dates.actualEnd ?? project.dates.plannedEnd
    const titleId = `project-${project.id}`
    const link = this.detailUrl ? fillDetailUrl(this.detailUrl, project, lang) : ''
    return html`<article class="card" part="card" tabindex="-1" aria-labelledby=${titleId}>
      <h3 id=${titleId} class="card__title" aria-level=${this.subheadingLevel} lang=${project.title.lang} dir=${blockDir(project.title, lang)}>
        ${link ? html`<a href=${link}>${project.title.text}</a>` : project.title.text}
      </h3>
      <p class="card__meta">
        <span class="badge" part="badge">${status}</span>
        ${project.countries.map((code) => html`<span class="badge" part="badge">${format.country(code)}</span>`)}
      </p>
      <p class="card__orgs muted">${nameList(organisations.map((o) => o.name), format)}</p>
      <p class="card__dates muted">
        ${start ? msg(str`From ${format.date(start)}`, { id: 'projects.from' }) : nothing}
        ${end ? msg(str`until ${format.date(end)}`, { id: 'projects.until' }) : nothing}
      </p>
      ${link
        ? nothing
        : html`<button class="button button--secondary toggle" part="button toggle" type="button" aria-expanded=${open}
            aria-controls=${`${titleId}-details`} @click=${() => (this.expanded = open ? null : project.id)}>
            ${open ? msg('Hide details', { id: 'projects.hide' }) : msg('Show details', { id: 'projects.show' })}
            <span class="visually-hidden">: <span lang=${project.title.lang}>${project.title.text}</span></span>
          </button>`}
      <div id=${`${titleId}-details`} class="details" part="details" ?hidden=${!open}>
        ${open ? this.#renderDetails(project, listing) : nothing}
      </div>
    </article>`
  }

  #renderDetails(project: Project, listing: Listing) {
    const { msg, lang, format } = this.l10n
    const themes = project.themes.map((code) => listing.themes.find((t) => t.code === code)?.label ?? code)
    return html`
      ${project.summary ? html`<p lang=${project.summary.lang} dir=${blockDir(project.summary, lang)}>${project.summary.text}</p>` : nothing}
      ${project.description && project.description.text !== project.summary?.text
        ? html`<p class="details__description" lang=${project.description.lang} dir=${blockDir(project.description, lang)}>${project.description.text}</p>`
        : nothing}
      <dl>
        ${themes.length ? html`<dt>${msg('Themes', { id: 'projects.themes' })}</dt><dd>${format.list(themes)}</dd>` : nothing}
        <dt>${msg('Organisations', { id: 'projects.organisations' })}</dt>
        <dd>
          <ul class="plain">
            ${project.participants.map((p) => html`<li>${name(p.organisation.name)} <span class="muted">(${listing.roles.find((r) => r.code === p.role)?.label ?? p.role})</span></li>`)}
          </ul>
        </dd>
        ${project.budget
          ? html`<dt>${msg('Budget', { id: 'projects.budget' })}</dt>
              <dd>${format.money(project.budget.amount, project.budget.currency)}</dd>`
          : nothing}
      </dl>
      ${project.website
        ? html`<p><a href=${project.website} target="_blank" rel="noopener noreferrer">${msg('Project website', { id: 'projects.website' })}</a></p>`
        : nothing}
    `
  }

  #renderSkeleton() {
    return html`${this.noHeading ? nothing : html`<span class="skeleton skeleton--title"></span>`}
      <span class="skeleton skeleton--filters"></span>
      ${this.#renderSkeletonCards()}`
  }

  #renderSkeletonCards() {
    return html`<ul class="cards" aria-hidden="true">
      ${Array.from({ length: clampLimit(this.limit) }, () => html`<li><span class="skeleton skeleton--card"></span></li>`)}
    </ul>
    <span class="skeleton skeleton--more" aria-hidden="true"></span>`
  }
}

function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(100, Math.max(1, Math.trunc(limit))) : 6
}

function uniqueOrganisations(project: Project) {
  const seen = new Map<string, Project['owner']>([[project.owner.id, project.owner]])
  for (const participant of project.participants) seen.set(participant.organisation.id, participant.organisation)
  return [...seen.values()]
}


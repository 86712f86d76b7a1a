import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import { str } from '@lit/localize'
import { getVocabularies, type ResourceSummary, resourcesPage, webinarCalendarFileUrl } from '@wegov/sdk'
import { fillDetailUrl } from '../shared/detail-url.js'
import { emit } from '../shared/events.js'
import type { Formatters } from '../shared/format.js'
import { LoadController } from '../shared/load-controller.js'
import { blockDir, name } from '../shared/localized-text.js'
import { renderProblem } from '../shared/problem-view.js'
import { WeGovElement } from '../shared/wegov-element.js'
import { styles } from './resources.styles.js'

type Term = { code: string; label: string }
interface Listing {
  upcoming: ResourceSummary[]
  items: ResourceSummary[]
  nextCursor: string | null
  kinds: Term[]
}

/**
 * The usual name of a file type, by the last word of its media type (`…wordprocessingml.document` is DOCX);
 * the other types show that word, so PDF needs no entry. Keyed by the word rather than the whole type: the
 * long Office types would otherwise be most of the widget's own bytes.
 */
const FILE_TYPES: Record<string, string> = { msword: 'DOC', document: 'DOCX', presentation: 'PPTX', sheet: 'XLSX', text: 'ODT' }

/**
 * @tagname wegov-resources
 * @summary WeGov's Learning or Library collection: upcoming webinars first, videos behind a click,
 * documents with their file type, size and languages.
 *
 * @event wegov-loaded - The first page is shown. `detail: {widget: 'resources', count}`.
 * @event wegov-error - Loading failed; the message shown is in `detail.message`, the code in `detail.code`.
 *
 * @csspart base - The widget's frame.
 * @csspart title - The heading.
 * @csspart filters - The kind select and the search box.
 * @csspart upcoming - The list of upcoming webinars.
 * @csspart list - The list of resources.
 * @csspart item - One resource.
 * @csspart video - A video's placeholder, then its player.
 * @csspart button - Every button (also `retry`, `more`, `play`).
 * @csspart badge - Kind, file type, size and language badges.
 * @csspart problem - The error message box.
 *
 * @cssproperty --wegov-color-bg - Background.
 * @cssproperty --wegov-color-surface - Items and skeleton background.
 * @cssproperty --wegov-color-text - Text colour.
 * @cssproperty --wegov-color-muted - Secondary text colour.
 * @cssproperty --wegov-color-border - Borders.
 * @cssproperty --wegov-color-accent - Buttons and links.
 * @cssproperty --wegov-color-on-accent - Text on accent-coloured buttons.
 * @cssproperty --wegov-color-danger - Error messages.
 * @cssproperty --wegov-color-focus - The focus ring.
 * @cssproperty --wegov-font-family - Font stack.
 * @cssproperty --wegov-font-size - Base font size.
 * @cssproperty --wegov-radius - Corner radius.
 * @cssproperty --wegov-space - Base spacing unit.
 */
export class WeGovResources extends WeGovElement {
  static override styles = styles
  static override properties: PropertyDeclarations = {
    collection: { type: String },
    kind: { type: String },
    language: { type: String },
    country: { type: String },
    theme: { type: String },
    organisation: { type: String },
    project: { type: String },
    q: { type: String },
    limit: { type: Number },
    upcoming: { type: Boolean },
    noFilters: { type: Boolean, attribute: 'no-filters' },
    detailUrl: { type: String, attribute: 'detail-url' },
    filters: { state: true },
    playing: { state: true },
    playerUrl: { state: true },
    blockedPlayer: { state: true },
  }

  /** `learning` (courses, webinars, videos) or `library` (documents); both when empty. */
  declare collection: '' | 'learning' | 'library'
  /** Initial kind filter: `webinar`, `video`, `guide`, `report`, `article`, `presentation`, `toolkit` or `legal-text`. */
  declare kind: string
  /** Only resources available in this language (`ar`, `fr`, `en`). */
  declare language: string
  /** Only resources about this country (ISO 3166-1 alpha-2). */
  declare country: string
  /** Only resources on this theme (see /v1/vocabularies). */
  declare theme: string
  /** Only resources this organisation (slug) published or owns. */
  declare organisation: string
  /** Only resources attached to this project (slug or id): a project's guides, reports and webinars. */
  declare project: string
  /** Initial search text. */
  declare q: string
  /** Resources per page, 1-100. */
  declare limit: number
  /** Only webinars still to come, soonest first (a page's "Upcoming webinars"): `kind` and the kind filter do not apply. */
  declare upcoming: boolean
  /** Leaves out the kind filter and the search box: the list is the one the attributes describe. */
  declare noFilters: boolean
  /**
   * Link each title to a page of yours about the resource, e.g. `/fr/resources/{slug}` (`{id}`, `{lang}` too).
   * The join, download, open and play actions stay as they are.
   */
  declare detailUrl: string
  /** @internal */
  declare private filters: { kind: string; q: string }
  /** @internal */
  declare private playing: string | null
  /** @internal The address of the player being framed for `playing`. */
  declare private playerUrl: string | null
  /** @internal The video whose player the host page's Content-Security-Policy refused to frame. */
  declare private blockedPlayer: string | null

  readonly #listing = new LoadController<Listing>(this, (problem) => this.reportProblem(problem))
  /** Stops listening for the page's refusal to frame the player that is playing (video-embed.ts). */
  #stopWatchingPlayer: (() => void) | undefined
  /** The video player's code (video-embed.ts), once a visitor played a video. */
  #videoModule: typeof import('./video-embed.js') | undefined
  #langLoaded = ''

  constructor() {
    super()
    this.collection = ''
    this.kind = this.language = this.country = this.theme = this.organisation = this.project = this.q = this.detailUrl = ''
    this.limit = 6
    this.upcoming = this.noFilters = false
    this.filters = { kind: '', q: '' }
    this.playing = this.playerUrl = null
    this.blockedPlayer = null
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#stopWatchingPlayer?.()
  }

  // Loading starts before render, as in the projects widget: one render instead of two.
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed)
    if (changed.has('kind') || changed.has('q')) this.filters = { kind: this.kind, q: this.q }
    const keys = ['filters', 'collection', 'language', 'country', 'theme', 'organisation', 'project', 'limit', 'upcoming', 'api'] as const
    if (this.l10n.ready && (keys.some((key) => changed.has(key as keyof WeGovResources)) || this.#langLoaded !== this.l10n.lang)) {
      this.#langLoaded = this.l10n.lang
      void this.#loadFirstPage()
    }
  }

  #query(extra: Record<string, string | boolean | undefined>) {
    const all = { collection: this.collection, language: this.language, country: this.country, theme: this.theme, organisation: this.organisation, project: this.project, kind: this.filters.kind, q: this.filters.q.trim(), ...extra }
    if (this.upcoming) Object.assign(all, { kind: 'webinar', upcoming: true })
    const params: Record<string, string | number | boolean> = { limit: Math.min(100, Math.max(1, Math.trunc(this.limit) || 6)) }
    for (const [key, value] of Object.entries(all)) if (value !== '' && value !== undefined) params[key] = value
    return params
  }

  /** Webinars to come are listed apart, soonest first, when the collection can have any (and other resources too). */
  get #showsUpcoming(): boolean {
    return !this.upcoming && this.collection !== 'library' && (this.filters.kind === '' || this.filters.kind === 'webinar')
  }

  async #loadFirstPage(): Promise<void> {
    const transport = this.transport
    const upcoming = this.#showsUpcoming
    const listing = await this.#listing.load(async () => {
      const [soon, page, vocabularies] = await Promise.all([
        upcoming ? resourcesPage(transport, this.#query({ upcoming: true, kind: 'webinar' })) : undefined,
        resourcesPage(transport, this.#query({ upcoming: upcoming ? false : undefined })),
        getVocabularies(transport, { lang: this.l10n.lang }),
      ])
      // ISO 8601 instants in UTC sort as plain strings; localeCompare would build an ICU collator (milliseconds
      // of the first render) to compare digits.
      const byStart = (a: ResourceSummary, b: ResourceSummary) => (a.webinar!.startsAt < b.webinar!.startsAt ? -1 : a.webinar!.startsAt > b.webinar!.startsAt ? 1 : 0)
      return { upcoming: soon ? [...soon.items].sort(byStart) : [], ...page, kinds: vocabularies.resourceKinds }
    })
    if (listing) emit(this, 'wegov-loaded', { widget: 'resources', count: listing.upcoming.length + listing.items.length })
  }

  // The button is there only with a listing, and disabled while a page loads; a second press before that
  // render supersedes the first with the same page.
  async #loadMore(): Promise<void> {
    const current = this.#listing.value!
    const firstNew = current.upcoming.length + current.items.length
    const next = await this.#listing.load(async () => {
      const page = await resourcesPage(this.transport, this.#query({ upcoming: this.#showsUpcoming ? false : undefined, cursor: current.nextCursor! }))
      return { ...current, items: [...current.items, ...page.items], nextCursor: page.nextCursor }
    }, { keepValue: true })
    await this.updateComplete
    // Keyboard and screen-reader users land on the first new item rather than at the list's end.
    if (next) this.renderRoot.querySelectorAll<HTMLElement>('.item')[firstNew]?.focus()
  }

  #onSearch(event: SubmitEvent): void {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const kind = form.elements.namedItem('kind') as HTMLSelectElement | null
    this.filters = { kind: kind?.value ?? this.filters.kind, q: (form.elements.namedItem('q') as HTMLInputElement).value }
  }

  override render() {
    const { msg, lang, dir } = this.l10n
    const title = this.upcoming
      ? msg('Upcoming webinars', { id: 'resources.upcoming' })
      : this.collection === 'library'
        ? msg('Library', { id: 'resources.library' })
        : this.collection === 'learning'
          ? msg('Learning', { id: 'resources.learning' })
          : msg('Resources', { id: 'resources.title' })
    if (!this.l10n.ready) return html`<section class="base" part="base">${this.#renderSkeleton()}</section>`
    const listing = this.#listing.value
    const failed = this.#listing.status === 'error' && !listing
    const name = this.regionName(title)
    return html`<section class="base" part="base" lang=${lang} dir=${dir} aria-labelledby=${name.labelledby} aria-label=${name.label} aria-busy=${this.#listing.status === 'loading'}>
      ${this.noHeading ? nothing : html`<h2 id="title" part="title">${title}</h2>`}
      ${this.noFilters ? nothing : this.#renderFilters(listing)}
      <p class="visually-hidden" aria-live="polite">
        ${this.#listing.status === 'done' && listing
          ? msg(str`Resources shown: ${this.l10n.format.number(listing.upcoming.length + listing.items.length)}`, { id: 'resources.count' })
          : ''}
      </p>
      ${failed ? renderProblem(this.l10n, this.#listing.problem!, () => void this.#loadFirstPage()) : listing ? this.#renderListing(listing) : this.#renderSkeleton(false)}
    </section>`
  }

  #renderFilters(listing: Listing | undefined) {
    const { msg } = this.l10n
    const kinds = listing?.kinds ?? []
    return html`<form class="filters" part="filters" role="search" aria-label=${msg('Filter resources', { id: 'resources.filters' })}
      @submit=${this.#onSearch}>
      ${this.upcoming
        ? nothing
        : html`<div class="field">
            <label for="kind">${msg('Kind', { id: 'field.kind' })}</label>
            <select id="kind" name="kind" @change=${(e: Event) => (this.filters = { ...this.filters, kind: (e.target as HTMLSelectElement).value })}>
              <option value="" ?selected=${!this.filters.kind}>${msg('All kinds', { id: 'resources.all-kinds' })}</option>
              ${kinds.map((k) => html`<option value=${k.code} ?selected=${this.filters.kind === k.code}>${k.label}</option>`)}
            </select>
          </div>`}
      <div class="field search">
        <label for="q">${msg('Search', { id: 'field.search' })}</label>
        <div class="search__row">
          <input id="q" name="q" type="search" maxlength="200" autocomplete="off" .value=${this.filters.q} />
          <button class="button" part="button" type="submit">${msg('Search', { id: 'action.search' })}</button>
        </div>
      </div>
    </form>`
  }

  #renderListing(listing: Listing) {
    const { msg } = this.l10n
    if (listing.upcoming.length === 0 && listing.items.length === 0) {
      return html`<p class="empty" part="empty">
        ${this.upcoming && !this.filters.q.trim()
          ? msg('No webinar is planned at the moment.', { id: 'resources.no-upcoming' })
          : msg('No resource matches these filters.', { id: 'resources.empty' })}
      </p>`
    }
    return html`${listing.upcoming.length
        ? html`<h3 class="section-title" aria-level=${this.subheadingLevel}>${msg('Upcoming webinars', { id: 'resources.upcoming' })}</h3>
            <ul class="items" part="upcoming">${listing.upcoming.map((r) => html`<li>${this.#renderItem(r, listing)}</li>`)}</ul>`
        : nothing}
      ${listing.upcoming.length && listing.items.length
        ? html`<h3 class="section-title" aria-level=${this.subheadingLevel}>
            ${this.filters.kind === 'webinar' ? msg('Past webinars', { id: 'resources.past' }) : msg('All resources', { id: 'resources.all' })}
          </h3>`
        : nothing}
      <ul class="items" part="list">${listing.items.map((r) => html`<li>${this.#renderItem(r, listing)}</li>`)}</ul>
      ${listing.nextCursor
        ? html`<div class="more">
            <button class="button button--secondary" part="button more" type="button" ?disabled=${this.#listing.status === 'loading'} @click=${this.#loadMore}>
              ${msg('Load more resources', { id: 'resources.more' })}
            </button>
            ${this.#listing.status === 'error' ? renderProblem(this.l10n, this.#listing.problem!, () => void this.#loadMore()) : nothing}
          </div>`
        : nothing}`
  }

  #renderItem(resource: ResourceSummary, listing: Listing) {
    const { msg, lang, format } = this.l10n
    const kind = listing.kinds.find((k) => k.code === resource.kind)?.label ?? resource.kind
    const titleId = `resource-${resource.id}`
    const webinar = resource.webinar
    return html`<article class="item" part="item" tabindex="-1" aria-labelledby=${titleId} data-kind=${resource.kind}>
      <p class="item__badges">
        <span class="badge" part="badge">${kind}</span>
        ${resource.file
          ? html`<span class="badge" part="badge">${fileType(resource.file.type)}</span>
              <span class="badge" part="badge">${fileSize(format, resource.file.size)}</span>`
          : nothing}
        ${resource.languages.map((code) => html`<span class="badge" part="badge" lang=${code}>${languageName(code)}</span>`)}
      </p>
      <p id=${titleId} class="item__title" role="heading" aria-level=${(listing.upcoming.length ? 4 : 3) - (this.noHeading ? 1 : 0)}
        lang=${resource.title.lang} dir=${blockDir(resource.title, lang)}>
        ${this.detailUrl ? html`<a href=${fillDetailUrl(this.detailUrl, resource, lang)}>${resource.title.text}</a>` : resource.title.text}
      </p>
      ${resource.summary
        ? html`<p class="item__summary" lang=${resource.summary.lang} dir=${blockDir(resource.summary, lang)}>${resource.summary.text}</p>`
        : nothing}
      ${webinar
        ? html`<p class="item__when"><time datetime=${webinar.startsAt}>${dateTime(format, webinar.startsAt)}</time></p>`
        : resource.publishedOn
          ? html`<p class="muted">${msg(str`Published on ${format.date(resource.publishedOn)}`, { id: 'resources.published' })}</p>`
          : nothing}
      ${resource.publisher ? html`<p class="muted">${name(resource.publisher.name)}</p>` : nothing}
      ${this.#renderAction(resource)}
    </article>`
  }

  #renderAction(resource: ResourceSummary) {
    const { msg, format } = this.l10n
    const title = resource.title.text
    // The title may be in another language than the label (a fallback): a screen reader reads it in its own.
    const named = html`<span class="visually-hidden">: <span lang=${resource.title.lang}>${title}</span></span>`
    const link = (href: string, label: string) =>
      html`<a class="button button--secondary" part="button" href=${href} target="_blank" rel="noopener noreferrer">${label}${named}</a>`
    const webinar = resource.webinar
    if (webinar?.upcoming) {
      // The event as an iCalendar file (text/calendar), which a phone or a desktop calendar offers to add.
      const calendar = link(webinarCalendarFileUrl(this.transport, resource.id, this.l10n.lang), msg('Add to calendar', { id: 'resources.calendar' }))
      return webinar.joinUrl ? html`<div class="actions">${link(webinar.joinUrl, msg('Join the webinar', { id: 'resources.join' }))}${calendar}</div>` : calendar
    }
    if (webinar?.recordingUrl) return link(webinar.recordingUrl, msg('Watch the recording', { id: 'resources.recording' }))
    if (resource.kind === 'video' && resource.url) {
      // A facade: no third-party player (and none of its cookies or scripts) until the visitor asks for it.
      if (this.playing === resource.id && this.blockedPlayer === resource.id) return this.#videoModule!.renderBlockedPlayer(msg, resource.url, link)
      if (this.playing === resource.id) {
        return html`<div class="video" part="video"><iframe src=${this.playerUrl!} title=${title} allow="autoplay; encrypted-media; picture-in-picture; fullscreen" allowfullscreen referrerpolicy="strict-origin-when-cross-origin"></iframe></div>`
      }
      const duration = resource.durationSeconds ? ` (${format.unit('minute', Math.ceil(resource.durationSeconds / 60))})` : ''
      return html`<div class="video video--facade" part="video">
        <button class="button play" part="button play" type="button" @click=${() => void this.#play(resource.id, resource.url!)}>
          ${msg('Play the video', { id: 'resources.play' })}${duration}${named}
        </button>
        <p class="muted">${msg('The player is loaded from another site when you press play.', { id: 'resources.play-notice' })}</p>
      </div>`
    }
    if (resource.file) return link(resource.file.url, msg('Download', { id: 'resources.download' }))
    if (resource.url) return link(resource.url, msg('Open', { id: 'resources.open' }))
    return nothing
  }

  /** The player's address is worked out (video-embed.js) only when a visitor asks for a video. */
  async #play(id: string, address: string): Promise<void> {
    const module = (this.#videoModule = await import('./video-embed.js'))
    const { videoEmbedUrl, onFrameBlocked } = module
    await this.l10n.include(module.videoMessages)
    this.#stopWatchingPlayer?.()
    this.playerUrl = videoEmbedUrl(address)
    this.#stopWatchingPlayer = onFrameBlocked(this.playerUrl, () => (this.blockedPlayer = id))
    this.playing = id
  }

  #renderSkeleton(withHeader = true) {
    return html`${withHeader && !this.noHeading ? html`<span class="skeleton skeleton--title"></span>` : nothing}
      ${withHeader && !this.noFilters ? html`<span class="skeleton skeleton--filters"></span>` : nothing}
      <ul class="items" aria-hidden="true">${Array.from({ length: Math.min(6, this.limit || 6) }, () => html`<li><span class="skeleton skeleton--item"></span></li>`)}</ul>`
  }
}

function fileType(mime: string): string {
  const word = mime.split(/[/.+]/).pop()!
  return FILE_TYPES[word] ?? word.toUpperCase()
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const

function fileSize(format: Formatters, bytes: number): string {
  let index = 0
  let value = bytes
  while (value >= 1024 && index < SIZE_UNITS.length - 1) {
    value /= 1024
    index++
  }
  const unit = SIZE_UNITS[index]!
  return format.intl(`size ${unit}`, () => new Intl.NumberFormat(format.lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 })).format(value)
}

/** An instant in the visitor's own time zone, with the zone's name: the visitor may be abroad. */
function dateTime(format: Formatters, iso: string): string {
  // dateStyle cannot be combined with timeZoneName. Built on first use: naming time zones loads their data.
  const formatter = format.intl('dateTime', () =>
    new Intl.DateTimeFormat(format.lang, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }),
  )
  return formatter.format(new Date(iso))
}

/**
 * A language's name in that language, as a reader of it looks for it. Resources are in WeGov's three
 * languages only (the API's schema), so these are Intl.DisplayNames' names for them, written out: asking
 * Intl would make three DisplayNames, each in its own locale, in the first render.
 */
const LANGUAGE_NAMES: Record<string, string> = { ar: 'العربية', fr: 'français', en: 'English' }

function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code
}


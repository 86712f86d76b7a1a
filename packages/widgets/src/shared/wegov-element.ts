import { LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import { createTransport, type Transport } from '@wegov/sdk'
import { DEFAULT_API } from './api-origin.js'
import { emit } from './events.js'
import { LocalizeController } from './localize-controller.js'
import type { Problem } from './problem.js'
import { problemMessage } from './problem-view.js'

const transports = new Map<string, Transport>()

/**
 * What every WeGov widget shares: the API origin, the language (its own, inherited, or the browser's),
 * the colour scheme, the SDK's transport to that API in that language, and the typed events. Widgets call
 * the SDK's operations (getPetition, projectsPage…) rather than a whole client: they carry only those.
 */
export class WeGovElement extends LitElement {
  static override properties: PropertyDeclarations = {
    api: { type: String },
    lang: { type: String },
    colorScheme: { type: String, attribute: 'color-scheme', reflect: true },
    noHeading: { type: Boolean, attribute: 'no-heading' },
  }

  /** Origin of the WeGov API. Defaults to the origin the script was loaded from. */
  declare api: string
  /** `ar`, `fr` or `en`. Defaults to the nearest ancestor's `lang`, then the document's, then the browser's. */
  declare lang: string
  /** `light`, `dark`, or `auto` (follows prefers-color-scheme). */
  declare colorScheme: 'light' | 'dark' | 'auto'
  /**
   * Leaves out the widget's own heading, for a page whose heading already names it (the petition's title,
   * "Library"): the region keeps that name for screen readers, as its aria-label.
   */
  declare noHeading: boolean

  /** Whether the widget starts the Intl warm-up worker (see LocalizeController). */
  protected static warmsUpIntl = true

  protected readonly l10n = new LocalizeController(this, { warmUpIntl: (this.constructor as typeof WeGovElement).warmsUpIntl })

  constructor() {
    super()
    this.api = ''
    this.lang = ''
    this.colorScheme = 'auto'
    this.noHeading = false
  }

  protected get transport(): Transport {
    const baseUrl = (this.api || DEFAULT_API).replace(/\/+$/, '')
    const key = `${baseUrl} ${this.l10n.lang}`
    let transport = transports.get(key)
    if (!transport) transports.set(key, (transport = createTransport({ baseUrl, lang: this.l10n.lang, retries: 1 })))
    return transport
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) this.l10n.refresh()
  }

  /**
   * How the widget's region is named: by its heading (`id="title"`), or, under `no-heading`, by the same
   * text as an aria-label. Bound as `aria-labelledby=${name.labelledby} aria-label=${name.label}`.
   */
  protected regionName(title: string): { labelledby: string | typeof nothing; label: string | typeof nothing } {
    return this.noHeading ? { labelledby: nothing, label: title } : { labelledby: 'title', label: nothing }
  }

  /**
   * @internal The aria-level of the widget's inner headings (h3 in its markup): 2 under `no-heading`, so a
   * page's h1 is followed by h2s as the heading order wants, rather than skipping a level.
   */
  get subheadingLevel(): 2 | typeof nothing {
    return this.noHeading ? 2 : nothing
  }

  /** Tells the page about a failure the visitor has just been shown. */
  protected reportProblem(problem: Problem): void {
    emit(this, 'wegov-error', { code: problem.code, status: problem.status, message: problemMessage(this.l10n, problem) })
  }
}

import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit'
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
  }

  /** Origin of the WeGov API. Defaults to the origin the script was loaded from. */
  declare api: string
  /** `ar`, `fr` or `en`. Defaults to the nearest ancestor's `lang`, then the document's, then the browser's. */
  declare lang: string
  /** `light`, `dark`, or `auto` (follows prefers-color-scheme). */
  declare colorScheme: 'light' | 'dark' | 'auto'

  protected readonly l10n = new LocalizeController(this)

  constructor() {
    super()
    this.api = ''
    this.lang = ''
    this.colorScheme = 'auto'
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

  /** Tells the page about a failure the visitor has just been shown. */
  protected reportProblem(problem: Problem): void {
    emit(this, 'wegov-error', { code: problem.code, status: problem.status, message: problemMessage(this.l10n, problem) })
  }
}

import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit'
import { createClient } from '@wegov/sdk'
import { DEFAULT_API } from './api-origin.js'
import { emit } from './events.js'
import { LocalizeController } from './localize-controller.js'
import type { Problem } from './problem.js'
import { problemMessage } from './problem-view.js'

type Client = ReturnType<typeof createClient>
const clients = new Map<string, Client>()

/**
 * What every WeGov widget shares: the API origin, the language (its own, inherited, or the browser's),
 * the colour scheme, an SDK client for that API and language, and the typed events.
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

  protected get client(): Client {
    const baseUrl = (this.api || DEFAULT_API).replace(/\/+$/, '')
    const key = `${baseUrl} ${this.l10n.lang}`
    let client = clients.get(key)
    if (!client) {
      client = createClient({ baseUrl, lang: this.l10n.lang, retries: 1 })
      clients.set(key, client)
    }
    return client
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) this.l10n.refresh()
  }

  /** Tells the page about a failure the visitor has just been shown. */
  protected reportProblem(problem: Problem): void {
    emit(this, 'wegov-error', { code: problem.code, status: problem.status, message: problemMessage(this.l10n, problem) })
  }
}

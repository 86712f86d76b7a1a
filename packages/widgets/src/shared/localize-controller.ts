import type { MsgFn, MsgOptions, StrResult, TemplateLike, TemplateMap } from '@lit/localize'
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit'
import { type WidgetLang, directionOf, resolveLang } from './lang.js'
import { formattersFor, type Formatters } from './format.js'
import { warmUpIntl } from './intl-warm-up.js'

/**
 * @lit/localize's runtime mode keeps ONE active locale per page (a module-level variable), so two widgets
 * in two languages on one page cannot both use its `msg`. Each widget instead owns this controller, which
 * reads the generated locale modules (the same `templates` objects `lit-localize build` writes) for ITS
 * language. `msg` keeps the type of @lit/localize's `msg`, so `lit-localize extract` still finds every
 * message; every call must give an explicit `{id}` (the XLIFF test checks it).
 */

/** One language's share of a widget's messages, by language: a lit-localize module, or a part of one. */
export type MessageLoaders = Record<Exclude<WidgetLang, 'en'>, () => Promise<{ templates: TemplateMap }>>

/** The messages of every widget's first render; the signing form's are a part of their own (see include). */
const widgetMessages: MessageLoaders = {
  ar: () => import('../generated/locales/ar.js'),
  fr: () => import('../generated/locales/fr.js'),
}

/** Per loader (one set of messages in one language): the templates once loaded, or the load under way. */
const cache = new Map<() => Promise<{ templates: TemplateMap }>, TemplateMap | Promise<TemplateMap>>()

function loadTemplates(messages: MessageLoaders, lang: WidgetLang): TemplateMap | Promise<TemplateMap> {
  if (lang === 'en') return {}
  const load = messages[lang]
  let templates = cache.get(load)
  if (!templates) {
    const loading = load().then((module) => {
      cache.set(load, module.templates)
      return module.templates
    })
    // A failed chunk load (offline) must be retried on the next render, not cached forever.
    loading.catch(() => cache.delete(load))
    cache.set(load, (templates = loading))
  }
  return templates
}

function interpolate(strings: readonly string[], values: readonly unknown[], order?: readonly number[]): string {
  let text = strings[0] ?? ''
  for (let i = 1; i < strings.length; i++) text += String(values[order ? order[i - 1]! : i - 1]) + strings[i]
  return text
}

/** Looks one message up in a locale's templates, placing the caller's values where the translation wants them. */
export function translate(templates: TemplateMap | undefined, template: TemplateLike, options?: MsgOptions): string | TemplateResult {
  const localized = options?.id === undefined ? undefined : templates?.[options.id]
  const source = template as StrResult | TemplateResult
  if (localized === undefined) {
    if (typeof template === 'string') return template
    return 'strTag' in source ? interpolate(source.strings, source.values) : (source as TemplateResult)
  }
  if (typeof localized === 'string') return localized
  // Generated modules hold the index of each source value where the real value goes.
  const order = localized.values as readonly number[]
  if ('strTag' in localized) return interpolate(localized.strings, source.values, order)
  return { ...localized, values: order.map((index) => source.values[index]) }
}

/** Observes every `lang` change in the document, so widgets that inherit their language follow it. */
const hosts = new Set<LocalizeController>()
let observer: MutationObserver | undefined
function watchDocumentLang(controller: LocalizeController, on: boolean): void {
  if (on) hosts.add(controller)
  else hosts.delete(controller)
  if (hosts.size > 0 && !observer) {
    observer = new MutationObserver(() => hosts.forEach((c) => c.refresh()))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true })
  } else if (hosts.size === 0 && observer) {
    observer.disconnect()
    observer = undefined
  }
}

export class LocalizeController implements ReactiveController {
  /** The language this widget renders in. */
  lang: WidgetLang = 'en'
  /** False while the widget's locale module is still loading: render the skeleton meanwhile. */
  ready = false
  format: Formatters = formattersFor('en')
  #templates: TemplateMap | undefined
  /** The sets of messages this widget renders with: its first render's, and any part it included since. */
  readonly #messages: MessageLoaders[] = [widgetMessages]
  readonly #host: ReactiveControllerHost & HTMLElement

  readonly msg = ((template: TemplateLike, options?: MsgOptions) => translate(this.#templates, template, options)) as MsgFn

  /**
   * Whether this widget starts the Intl warm-up worker (intl-warm-up.ts). Only worth it when the widget's
   * first Intl object comes after its data, so that the worker has the network's time to work in; a widget
   * that formats before (the projects' country filter) would wait on the worker's half-done set-up instead.
   */
  readonly #warmsUpIntl: boolean

  constructor(host: ReactiveControllerHost & HTMLElement, { warmUpIntl = true } = {}) {
    this.#host = host
    this.#warmsUpIntl = warmUpIntl
    host.addController(this)
  }

  get dir(): 'rtl' | 'ltr' {
    return directionOf(this.lang)
  }

  hostConnected(): void {
    watchDocumentLang(this, true)
    this.refresh()
  }

  hostDisconnected(): void {
    watchDocumentLang(this, false)
  }

  /** Re-resolves the language (the host calls it when its own `lang` changes). */
  refresh(): void {
    const lang = resolveLang(this.#host)
    if (lang === this.lang && this.ready) return
    this.lang = lang
    // Started before the locale chunk and the data are asked for, so the worker has their round trips to work in.
    if (this.#warmsUpIntl) void warmUpIntl(lang)
    const templates = this.#messages.map((messages) => loadTemplates(messages, lang))
    if (!templates.some((t) => t instanceof Promise)) return this.#apply(lang, templates as TemplateMap[])
    this.ready = false
    this.#host.requestUpdate()
    Promise.all(templates).then(
      (loaded) => this.lang === lang && this.#apply(lang, loaded),
      // The locale chunk could not load (offline): English beats an endless skeleton.
      () => this.lang === lang && this.#apply((this.lang = 'en'), []),
    )
  }

  /**
   * Adds a part of the messages that only a lazily loaded part of the widget uses (the signing form), so
   * the chunk every widget loads first does not carry them. Resolves once they are there for the widget's
   * language; rejects if they cannot be loaded (offline), and can then be called again.
   */
  async include(messages: MessageLoaders): Promise<void> {
    if (!this.#messages.includes(messages)) this.#messages.push(messages)
    const lang = this.lang
    const templates = await loadTemplates(messages, lang)
    if (this.lang === lang) this.#templates = { ...this.#templates, ...templates }
  }

  #apply(lang: WidgetLang, templates: TemplateMap[]): void {
    this.#templates = Object.assign({}, ...templates)
    const format = (this.format = formattersFor(lang))
    this.ready = true
    this.#host.requestUpdate()
    // A page's first Intl object costs tens of milliseconds (see intl-warm-up.ts). Where no worker could take
    // it, it is paid here, in a task of its own while the widget's data is on its way, rather than in the
    // render that shows the data.
    const warming = this.#warmsUpIntl ? warmUpIntl(lang) : Promise.resolve(false)
    void warming.then((ran) => ran || setTimeout(() => format.number(0)))
  }
}

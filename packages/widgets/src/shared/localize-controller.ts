import type { MsgFn, MsgOptions, StrResult, TemplateLike, TemplateMap } from '@lit/localize'
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit'
import { type WidgetLang, directionOf, resolveLang } from './lang.js'
import { formattersFor, type Formatters } from './format.js'

/**
 * @lit/localize's runtime mode keeps ONE active locale per page (a module-level variable), so two widgets
 * in two languages on one page cannot both use its `msg`. Each widget instead owns this controller, which
 * reads the generated locale modules (the same `templates` objects `lit-localize build` writes) for ITS
 * language. `msg` keeps the type of @lit/localize's `msg`, so `lit-localize extract` still finds every
 * message; every call must give an explicit `{id}` (the XLIFF test checks it).
 */
const loaders: Record<Exclude<WidgetLang, 'en'>, () => Promise<{ templates: TemplateMap }>> = {
  ar: () => import('../generated/locales/ar.js'),
  fr: () => import('../generated/locales/fr.js'),
}
const loaded = new Map<WidgetLang, TemplateMap>([['en', {}]])
const loading = new Map<WidgetLang, Promise<TemplateMap>>()

function loadTemplates(lang: WidgetLang): Promise<TemplateMap> {
  const ready = loaded.get(lang)
  if (ready) return Promise.resolve(ready)
  let promise = loading.get(lang)
  if (!promise) {
    promise = loaders[lang as Exclude<WidgetLang, 'en'>]().then((module) => {
      loaded.set(lang, module.templates)
      return module.templates
    })
    // A failed chunk load (offline) must be retried on the next render, not cached forever.
    promise.catch(() => loading.delete(lang))
    loading.set(lang, promise)
  }
  return promise
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
  readonly #host: ReactiveControllerHost & HTMLElement

  readonly msg = ((template: TemplateLike, options?: MsgOptions) => translate(this.#templates, template, options)) as MsgFn

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host
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
    const templates = loaded.get(lang)
    if (templates) return this.#apply(lang, templates)
    this.ready = false
    this.#host.requestUpdate()
    loadTemplates(lang).then(
      (loadedTemplates) => this.lang === lang && this.#apply(lang, loadedTemplates),
      // The locale chunk could not load (offline): English beats an endless skeleton.
      () => this.lang === lang && this.#apply((this.lang = 'en'), {}),
    )
  }

  #apply(lang: WidgetLang, templates: TemplateMap): void {
    this.#templates = templates
    const format = (this.format = formattersFor(lang))
    this.ready = true
    this.#host.requestUpdate()
    // A page's first Intl object loads ICU's data: tens of milliseconds on a phone. Made now, in a task of
    // its own while the widget's data is on its way, it does not lengthen the render that shows the data.
    setTimeout(() => format.number(0))
  }
}

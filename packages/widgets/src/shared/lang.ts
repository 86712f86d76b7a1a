/** The languages WeGov speaks. English is the source locale of the widgets' messages. */
export const WIDGET_LANGS = ['ar', 'fr', 'en'] as const
export type WidgetLang = (typeof WIDGET_LANGS)[number]

/** `ar-TN` → `ar`; anything WeGov does not speak → undefined. */
export function supportedLang(tag: string | null | undefined): WidgetLang | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0]
  return (WIDGET_LANGS as readonly string[]).includes(base ?? '') ? (base as WidgetLang) : undefined
}

/**
 * The widget's language: its own `lang`, else the nearest ancestor's (crossing shadow roots, so a widget
 * inside a partner's component follows that component), else the document's, else the browser's, else
 * English. An unsupported tag on the way (say `lang="de"`) is skipped rather than obeyed.
 */
export function resolveLang(host: Element): WidgetLang {
  for (let node: Node | null = host; node; ) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      const lang = supportedLang(node.getAttribute('lang'))
      if (lang) return lang
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = supportedLang(tag)
    if (lang) return lang
  }
  return 'en'
}

export function directionOf(lang: string): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr'
}

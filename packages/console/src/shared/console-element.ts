import { LitElement } from 'lit'
import { updateWhenLocaleChanges } from '@lit/localize'

/**
 * Every console element: rendered into the light DOM, so that the page is one document (the skip link's
 * target, labels, aria-describedby and focus work across components as in plain HTML, and the one
 * stylesheet, console.css, styles everything under the page's strict Content-Security-Policy), and
 * re-rendered when the language changes.
 */
export class ConsoleElement extends LitElement {
  constructor() {
    super()
    updateWhenLocaleChanges(this)
  }

  protected override createRenderRoot(): HTMLElement {
    return this
  }
}

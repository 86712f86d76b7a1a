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

  /**
   * Runs an action while the control that started it is disabled (busy). A disabled control loses the focus,
   * which falls to <body>, and a keyboard user starts again from the top of the page: once the action is over,
   * the focus goes back to that control, unless the action moved it on purpose (to a field to fix, a message).
   */
  protected async keepingFocus<T>(action: () => Promise<T>): Promise<T> {
    const focused = document.activeElement
    try {
      return await action()
    } finally {
      await this.updateComplete
      const lost = document.activeElement === null || document.activeElement === document.body
      if (lost && focused instanceof HTMLElement && focused !== document.body && focused.isConnected) focused.focus()
    }
  }
}

import { DEFAULT_EMBED, snippetFor } from './embed-view.js'

/**
 * The embed builder in the browser: every change of the form updates the live preview (a real widget,
 * styled only through --wegov-* properties, as a partner's page would) and the snippet to copy.
 */
export function startEmbedBuilder(root) {
  const form = /** @type {HTMLFormElement} */ (root.querySelector('#embed-form'))
  const preview = /** @type {HTMLElement} */ (root.querySelector('#embed-preview'))
  const code = /** @type {HTMLElement} */ (root.querySelector('#embed-code'))
  const copy = /** @type {HTMLButtonElement} */ (root.querySelector('#embed-copy'))
  const status = /** @type {HTMLElement} */ (root.querySelector('#embed-copy-status'))
  const origin = root.dataset.origin || location.origin

  const read = () => {
    const values = new FormData(form)
    const state = { ...DEFAULT_EMBED }
    for (const key of Object.keys(DEFAULT_EMBED)) {
      if (values.has(key)) state[key] = String(values.get(key))
    }
    return state
  }

  let shown = ''
  const update = () => {
    const state = read()
    for (const group of form.querySelectorAll('[data-for]')) {
      group.hidden = !group.getAttribute('data-for').split(' ').includes(state.widget)
    }
    const snippet = snippetFor(state, origin)
    code.textContent = snippet
    status.textContent = ''
    // The preview is the snippet's element itself, minus the script tag the portal already loaded.
    const element = snippet.split('\n')[1]
    if (element !== shown) {
      shown = element
      const template = document.createElement('template')
      template.innerHTML = element
      preview.replaceChildren(template.content)
    }
  }

  form.addEventListener('input', update)
  form.addEventListener('change', update)
  form.addEventListener('submit', (event) => event.preventDefault())

  copy.addEventListener('click', async () => {
    const text = code.textContent ?? ''
    try {
      await navigator.clipboard.writeText(text)
      status.textContent = copy.dataset.copied ?? ''
    } catch {
      // No clipboard API (an insecure origin, an old browser, a denied permission): select the code so
      // the visitor can copy it by hand, and try the legacy command.
      const range = document.createRange()
      range.selectNodeContents(code)
      const selection = getSelection()
      selection?.removeAllRanges()
      selection?.addRange(range)
      const copied = document.execCommand?.('copy')
      status.textContent = (copied ? copy.dataset.copied : copy.dataset.failed) ?? ''
    }
  })

  update()
  // Tells scripts and tests that the controls now respond (this module loads after the page shows).
  root.dataset.ready = 'true'
}

import { DEFAULT_EMBED, DEFAULT_LOOK, accentCheck, snippetFor } from './embed-view.js'
import { translator } from './i18n.js'

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
  const accent = /** @type {HTMLInputElement} */ (form.elements.namedItem('accent'))
  const contrastMessage = /** @type {HTMLElement} */ (root.querySelector('#embed-contrast-message'))
  const contrastFix = /** @type {HTMLButtonElement} */ (root.querySelector('#embed-contrast-fix'))
  const lang = document.documentElement.lang
  const t = translator(lang)
  const ratioFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 })
  /** The colour the fix button applies: the nearest readable one, or WeGov's own accent when none is. */
  let fixColour = ''

  const read = () => {
    const values = new FormData(form)
    const state = { ...DEFAULT_EMBED }
    for (const key of Object.keys(DEFAULT_EMBED)) {
      if (values.has(key)) state[key] = String(values.get(key))
    }
    return state
  }

  let shown = ''
  /** @param {{settled?: boolean}} [options] false while a colour is being dragged (`input`), not yet picked */
  const update = ({ settled = true } = {}) => {
    const state = read()
    for (const group of form.querySelectorAll('[data-for]')) {
      group.hidden = !group.getAttribute('data-for').split(' ').includes(state.widget)
    }
    // Checked once a colour is picked: announcing each shade passed while dragging would drown the reader.
    if (settled) showContrast(state)
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

  /** Warns, through a live region, when the accent would be hard to read, and offers a colour that is not. */
  const showContrast = (state) => {
    const check = accentCheck(state)
    let message = ''
    if (check) {
      // Rounded down: 4.46 must not read as the 4.5 it misses.
      const details = check.failing.map(({ mode, ratio }) => t(`embed.contrast.${mode}`, { ratio: ratioFormat.format(Math.floor(ratio * 10) / 10) }))
      message = t('embed.contrast.low', { details: details.join(lang === 'ar' ? '، ' : ', ') })
      if (!check.suggestion) message += ` ${t('embed.contrast.none')}`
    }
    // Rewritten only when it changes: dragging across the colour picker must not repeat it.
    if (contrastMessage.textContent !== message) contrastMessage.textContent = message
    fixColour = check ? (check.suggestion ?? DEFAULT_LOOK.accent) : ''
    contrastFix.parentElement.hidden = !check
    if (check?.suggestion) {
      const swatch = document.createElement('span')
      swatch.className = 'swatch'
      swatch.style.background = check.suggestion
      const code = document.createElement('bdi')
      code.dir = 'ltr'
      code.textContent = check.suggestion
      contrastFix.replaceChildren(`${t('embed.contrast.suggest')} `, swatch, code)
    } else if (check) {
      contrastFix.textContent = t('embed.contrast.default')
    }
  }

  contrastFix.addEventListener('click', () => {
    accent.value = fixColour
    update()
    contrastMessage.textContent = t('embed.contrast.fixed')
    // The button goes away with the problem: the focus returns to the colour it changed.
    accent.focus()
  })

  form.addEventListener('input', () => update({ settled: false }))
  form.addEventListener('change', () => update())
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

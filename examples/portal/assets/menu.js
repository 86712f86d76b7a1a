/**
 * The header's menu button on narrow screens, a disclosure: it shows and hides the sections and languages
 * (portal.css hides the menu while aria-expanded is false, and only on narrow screens with scripting on),
 * and Escape closes the menu and puts the focus back on the button.
 *
 * @param {HTMLElement | null} header
 */
export function startMenu(header) {
  const button = header?.querySelector('.menu-button')
  if (!header || !button) return
  const isOpen = () => button.getAttribute('aria-expanded') === 'true'
  button.addEventListener('click', () => button.setAttribute('aria-expanded', String(!isOpen())))
  header.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !isOpen()) return
    button.setAttribute('aria-expanded', 'false')
    button.focus()
  })
}

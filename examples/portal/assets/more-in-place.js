/**
 * The "next page" link under a plain list (a later page of projects or resources, the petitions): with a
 * script, the next page's cards are added under these instead of a new page loading, and the link then
 * points at the page after. Focus goes to the first new card, so keyboard and screen-reader users carry
 * on from there. Whatever goes wrong, the link is followed as it would be without a script.
 *
 * @param {HTMLAnchorElement} link
 */
export function moreInPlace(link) {
  const more = link.closest('.more')
  const list = more?.previousElementSibling
  if (!more || !list?.matches('ul.cards')) return
  link.addEventListener('click', async (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    if (link.getAttribute('aria-disabled') === 'true') return
    link.setAttribute('aria-disabled', 'true')
    try {
      const response = await fetch(link.href, { headers: { accept: 'text/html' } })
      if (!response.ok) throw new Error(`${response.status} for ${link.href}`)
      const next = new DOMParser().parseFromString(await response.text(), 'text/html')
      const cards = next.querySelector('main > .list > ul.cards, main > ul.cards')
      // A page served as a plain file is rendered in the browser: nothing to take from it here.
      if (!cards) throw new Error(`no list in ${link.href}`)
      const added = Array.from(cards.children)
      list.append(...added)
      const after = next.querySelector('main .more a[rel="next"]')?.getAttribute('href')
      if (after) link.href = after
      else more.remove()
      link.removeAttribute('aria-disabled')
      added[0]?.querySelector('a')?.focus()
    } catch {
      location.assign(link.href)
    }
  })
  // Says the link now adds in place (a test waits for it: a click before this follows the link).
  link.dataset.inPlace = ''
}

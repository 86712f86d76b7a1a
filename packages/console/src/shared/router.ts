import { msg } from '@lit/localize'

/** The console lives under /console/; every path below it is one of its screens (client-side routing). */
export const BASE = '/console/'

type Listener = () => void
const listeners = new Set<Listener>()

export function onNavigate(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Whether the current screen may be left now: false while it holds what the person typed and did not save. */
type LeaveGuard = () => boolean
const guards = new Set<LeaveGuard>()

/**
 * A screen with unsaved changes guards against being left: a console link, Back, or the language switch
 * (which rebuilds the screen in the new language) then asks first, and leaving the page itself (a reload,
 * another site) gets the browser's own question (`beforeunload`, in interceptLinks). Returns the function
 * that removes the guard.
 */
export function guardLeaving(guard: LeaveGuard): () => void {
  guards.add(guard)
  return () => guards.delete(guard)
}

const nothingUnsaved = () => [...guards].every((mayGo) => mayGo())

/** Whether the screen may be left: at once when nothing is unsaved, else when the person says so. */
export function mayLeave(): boolean {
  if (nothingUnsaved()) return true
  return window.confirm(msg('Your changes are not saved. Leave this page and lose them?'))
}

/** The address the console shows, to go back to when the person stays on a screen after pressing Back. */
let shown = location.href

/** Changes the address without going anywhere (a new item's id, the language): the screen stays as it is. */
export function replaceAddress(url: string | URL): void {
  history.replaceState(history.state, '', url)
  shown = location.href
}

/** Goes to a console path (`organisations`, `/console/account?x=1`); keeps the page's `?lang=`. */
export function navigate(to: string, { replace = false } = {}): void {
  const url = new URL(to.startsWith('/') ? to : BASE + to, location.origin)
  const lang = new URL(location.href).searchParams.get('lang')
  if (lang && !url.searchParams.has('lang')) url.searchParams.set('lang', lang)
  if (!replace && !mayLeave()) return
  if (replace) history.replaceState(null, '', url)
  else history.pushState(null, '', url)
  shown = location.href
  for (const listener of listeners) listener()
}

/** A console path to a link's href, with the page's language. */
export function href(to: string): string {
  const url = new URL(to.startsWith('/') ? to : BASE + to, location.origin)
  const lang = new URL(location.href).searchParams.get('lang')
  if (lang && !url.searchParams.has('lang')) url.searchParams.set('lang', lang)
  return url.pathname + url.search
}

/** Where a sign-in may send the person afterwards: console paths only, never another site. */
export function safeNext(next: string | null): string | undefined {
  if (!next || !next.startsWith(BASE) || next.startsWith('//')) return undefined
  return next
}

/** Same-origin clicks on console links become client-side navigations (modified clicks open tabs as usual). */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const anchor = (event.target as Element).closest?.('a')
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return
    // In-page links (the skip link) keep the browser's own behaviour: scroll and move focus there.
    if (anchor.getAttribute('href')?.startsWith('#')) return
    const url = new URL(anchor.href, location.href)
    if (url.origin !== location.origin || !url.pathname.startsWith(BASE)) return
    event.preventDefault()
    navigate(url.pathname + url.search)
  })
  window.addEventListener('beforeunload', (event) => {
    if (!nothingUnsaved()) event.preventDefault()
  })
  window.addEventListener('popstate', () => {
    // Back (or Forward) has already changed the address: staying puts the screen's address back.
    if (!mayLeave()) {
      history.pushState(null, '', shown)
      return
    }
    shown = location.href
    listeners.forEach((listener) => listener())
  })
}

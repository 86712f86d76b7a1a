/**
 * The portal's only script on a page the server rendered: it starts the phone menu, loads the widgets
 * when they come near the screen, shows instants in the visitor's own time zone, makes the plain lists'
 * "next page" links add in place and starts the embed builder. On a page served as a plain file (a CDN,
 * any web server) it first renders the page in the browser from the API through the SDK (client-render.js).
 */
import { startMenu } from './menu.js'

const main = document.getElementById('main')
const api = (document.querySelector('meta[name="wegov-api"]')?.getAttribute('content') || location.origin).replace(/\/+$/, '')

if (main && !main.hasAttribute('data-rendered')) {
  const { renderInBrowser } = await import('./client-render.js')
  await renderInBrowser(api)
}
startMenu(document.querySelector('.site-header'))
localTimes()
// Inside a widget the plain list is only the no-script view: the widget has its own "load more".
const moreLinks = document.querySelectorAll('main > .list > .more a[rel="next"], main > .more a[rel="next"]')
if (moreLinks.length > 0) {
  const { moreInPlace } = await import('./more-in-place.js')
  for (const link of moreLinks) moreInPlace(/** @type {HTMLAnchorElement} */ (link))
}
const builder = document.querySelector('[data-embed-builder]')
if (builder) {
  loadWidgets()
  const { startEmbedBuilder } = await import('./embed-builder.js')
  startEmbedBuilder(builder)
} else {
  loadWidgetsWhenNear()
}

function loadWidgets() {
  return import(`${api}/widgets/wegov.js`)
}

/**
 * A widget's code runs when the widget is about to be seen, not before: a phone showing the top of the
 * home page spends nothing on the lists further down. Space is kept for them (portal.css), so nothing
 * moves when they render.
 */
function loadWidgetsWhenNear() {
  const widgets = document.querySelectorAll('wegov-petition, wegov-projects, wegov-resources')
  if (widgets.length === 0) return
  if (!('IntersectionObserver' in window)) return void loadWidgets()
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return
      observer.disconnect()
      void loadWidgets()
    },
    { rootMargin: '600px 0px' },
  )
  for (const widget of widgets) observer.observe(widget)
}

/** Building a formatter that names time zones loads zone data: only when an instant is on the page, once idle. */
function localTimes() {
  const times = document.querySelectorAll('time[data-instant]')
  if (times.length === 0) return
  const rewrite = () => {
    const lang = document.documentElement.lang || 'fr'
    const format = new Intl.DateTimeFormat(lang, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })
    for (const time of times) {
      const instant = new Date(time.getAttribute('datetime') ?? '')
      if (!Number.isNaN(instant.getTime())) time.textContent = format.format(instant)
    }
  }
  if ('requestIdleCallback' in window) requestIdleCallback(rewrite, { timeout: 2000 })
  else setTimeout(rewrite, 0)
}

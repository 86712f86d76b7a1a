/**
 * The portal's only script on a page the server rendered: it shows instants in the visitor's own time
 * zone and starts the embed builder. On a page served as a plain file (a CDN, any web server) it renders
 * the page in the browser from the API through the SDK (client-render.js).
 */
const main = document.getElementById('main')

if (main && !main.hasAttribute('data-rendered')) {
  const { renderInBrowser } = await import('./client-render.js')
  await renderInBrowser()
}
localTimes()
const builder = document.querySelector('[data-embed-builder]')
if (builder) {
  const { startEmbedBuilder } = await import('./embed-builder.js')
  startEmbedBuilder(builder)
}

function localTimes() {
  const lang = document.documentElement.lang || 'fr'
  const format = new Intl.DateTimeFormat(lang, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })
  for (const time of document.querySelectorAll('time[data-instant]')) {
    const instant = new Date(time.getAttribute('datetime') ?? '')
    if (!Number.isNaN(instant.getTime())) time.textContent = format.format(instant)
  }
}

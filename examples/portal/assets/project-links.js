/**
 * Where the portal's own code and licence are: the AGPL asks that people using WeGov over a network be
 * offered its source. One place, for the server rendering and the browser rendering alike; a deployment
 * running modified code points SOURCE_URL at its own repository.
 */
export const SOURCE_URL = 'https://github.com/wegov/wegov'
export const LICENSE_URL = 'https://www.gnu.org/licenses/agpl-3.0.html'

/** The resource feeds (JSON Feed and Atom), in the page's language. */
export const feedUrl = (lang, format) => `/v1/resources/feed.${format}?lang=${lang}`

/** One webinar as an iCalendar file ("Add to calendar"), its title in the page's language. */
export const calendarUrl = (lang, id) => `/v1/resources/${id}/calendar.ics?lang=${lang}`

/** The API reference (Swagger UI at /docs), its surrounding text in the page's language. */
export const docsUrl = (lang) => `/docs/#lang=${lang}`

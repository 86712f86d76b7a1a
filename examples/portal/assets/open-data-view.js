import { html } from './html.js'
import { pathFor } from './routes.js'

/**
 * The Open data page (issue 17): the licence of the content, the bulk downloads (/v1/exports, described by
 * their Data Package) and the other open formats: IATI, OAI-PMH, the webinar calendar. Static: it needs no
 * data, so the server and the browser render it alike without a call.
 */

const COLLECTIONS = ['organisations', 'projects', 'resources', 'petitions']
const FORMATS = [
  { format: 'csv', name: 'CSV', type: 'text/csv' },
  { format: 'jsonl', name: 'JSON Lines', type: 'application/x-ndjson' },
]
const LICENCES = [
  { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  { id: 'CC-BY-SA-4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
  { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  { id: 'CC-BY-NC-4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/' },
]

/** The address of a dump; shared with the server's link checks. */
export const exportUrl = (collection, format) => `/v1/exports/${collection}.${format}`

export function openDataView({ lang, t }) {
  return html`<h1>${t('nav.opendata')}</h1>
<p class="lead">${t('opendata.intro')}</p>
<section class="block" aria-labelledby="opendata-licence">
  <h2 id="opendata-licence">${t('opendata.licence')}</h2>
  <p>${t('opendata.licenceText')}</p>
  <h3>${t('opendata.licences')}</h3>
  <ul>${LICENCES.map((licence) => html`<li><a href="${licence.url}" rel="license" lang="en" dir="ltr">${licence.id}</a></li>`)}</ul>
</section>
<section class="block" aria-labelledby="opendata-dumps">
  <h2 id="opendata-dumps">${t('opendata.dumps')}</h2>
  <p>${t('opendata.dumpsText')}</p>
  <table class="open-data-table">
    <caption>${t('opendata.dumpsCaption')}</caption>
    <thead><tr><th scope="col">${t('opendata.collection')}</th>${FORMATS.map((f) => html`<th scope="col" lang="en" dir="ltr">${f.name}</th>`)}</tr></thead>
    <tbody>${COLLECTIONS.map(
      (collection) => html`<tr><th scope="row">${t(`opendata.${collection}`)}</th>${FORMATS.map(
        (f) => html`<td><a href="${exportUrl(collection, f.format)}" type="${f.type}" download dir="ltr">wegov-<wbr>${collection}<wbr>.${f.format}</a></td>`,
      )}</tr>`,
    )}</tbody>
  </table>
  <p><a href="/v1/exports/datapackage.json" type="application/json">${t('opendata.datapackage')}</a></p>
</section>
<section class="block" aria-labelledby="opendata-other">
  <h2 id="opendata-other">${t('opendata.other')}</h2>
  <ul>
    <li><a href="/v1/iati/activities.xml" type="application/xml">${t('opendata.iati')}</a></li>
    <li><a href="/oai?verb=Identify" type="text/xml">${t('opendata.oai')}</a></li>
    <li><a href="/v1/resources/webinars.ics" type="text/calendar">${t('opendata.webinars')}</a></li>
    <li><a href="${pathFor(lang, 'embed')}">${t('nav.embed')}</a></li>
  </ul>
</section>`
}

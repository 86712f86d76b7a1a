import { WEGOV_COUNTRIES } from './embed-view.js'
import { cardTitle, fallbackBadge, label, langAttrs } from './format.js'
import { html } from './html.js'
import { pathFor } from './routes.js'
import { petitionList, projectList, resourceList } from './views.js'

/**
 * The organisation directory and an organisation's profile. The directory is plain HTML, filtered by a
 * GET form (country, partner or not) and paged by links, so it works without JavaScript and crawlers
 * follow it. A profile shows what the organisation publishes: its projects, resources and petitions.
 */

/** The directory's filters: the API's names for them (`partner` is true or false). */
export const DIRECTORY_FILTERS = ['country', 'partner']

export function directoryView(context) {
  const { lang, t, data } = context
  const organisations = data.organisations ?? []
  const next = data.nextCursor ? `${pathFor(lang, 'organisations')}?${new URLSearchParams({ ...data.filters, cursor: data.nextCursor })}` : ''
  return html`<h1>${t('nav.organisations')}</h1>
<p class="lead">${t('organisations.intro')}</p>
<div class="list">
${directoryForm(context)}
${organisations.length ? organisationList(context, organisations) : html`<p class="empty">${t('organisations.empty')}</p>`}
${next ? html`<p class="more"><a rel="next" href="${next}">${t('organisations.more')}</a></p>` : ''}
</div>`
}

function directoryForm({ lang, t, format, data }) {
  const filters = data.filters ?? {}
  const countries = [...new Set([...WEGOV_COUNTRIES, ...(filters.country ? [filters.country] : [])])]
  const option = (value, text, chosen) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${text}</option>`
  return html`<form class="filters" method="get" action="${pathFor(lang, 'organisations')}" role="search" aria-label="${t('organisations.filters')}">
<div class="field"><label for="list-country">${t('list.country')}</label><select id="list-country" name="country">
  <option value="">${t('list.all')}</option>
  ${countries.map((code) => option(code, format.country(code), filters.country))}
</select></div>
<div class="field"><label for="list-partner">${t('list.partner')}</label><select id="list-partner" name="partner">
  <option value="">${t('list.all')}</option>
  ${option('true', t('list.partnerYes'), filters.partner)}
  ${option('false', t('list.partnerNo'), filters.partner)}
</select></div>
<button class="button" type="submit">${t('list.apply')}</button>
</form>`
}

/** Organisation cards, each linking to its profile. */
export function organisationList(context, organisations, heading = 'h2') {
  const { lang, t, format, data } = context
  return html`<ul class="cards">${organisations.map(
    (organisation) => html`<li class="card">
  ${cardTitle(heading, pathFor(lang, 'organisation', organisation.slug), organisation.name, lang, t)}
  ${organisationBadges(context, organisation, data, format)}
  ${organisation.description ? html`<p${langAttrs(organisation.description, lang)}>${organisation.description.text}${fallbackBadge(organisation.description, lang, t)}</p>` : ''}
</li>`,
  )}</ul>`
}

function organisationBadges({ t }, organisation, data, format) {
  return html`<p class="card__meta"><span class="badge">${label(data.vocab, 'organisationKinds', organisation.kind)}</span> <span class="badge">${format.country(organisation.country)}</span>${
    organisation.isPartner ? html` <span class="badge">${t('organisation.partner')}</span>` : ''
  }</p>`
}

export function organisationView(context) {
  const { lang, t, format, data } = context
  const organisation = data.organisation
  const block = (id, title, content) => html`<section class="block" aria-labelledby="${id}">
  <h2 id="${id}">${title}</h2>
  ${content}
</section>`
  const projects = data.projects ?? []
  const resources = data.resources ?? []
  // A profile shows the first few of each; when there are more, links lead to the lists narrowed to it.
  const allOf = (page, key) =>
    data.more?.[page] ? html`<p class="more"><a href="${pathFor(lang, page)}?organisation=${organisation.slug}">${t(`organisation.${key}`)}</a></p>` : ''
  return html`<h1${langAttrs(organisation.name, lang)}>${organisation.name.text}${fallbackBadge(organisation.name, lang, t)}</h1>
${organisationBadges(context, organisation, data, format)}
${organisation.description ? html`<p class="lead"${langAttrs(organisation.description, lang)}>${organisation.description.text}${fallbackBadge(organisation.description, lang, t)}</p>` : ''}
${organisation.website ? html`<p><a href="${organisation.website}" rel="noopener">${t('about.website')}<span class="visually-hidden">: ${organisation.name.text}</span></a></p>` : ''}
${block('organisation-projects', t('organisation.projects'), projects.length ? html`${projectList(context, projects)}${allOf('projects', 'allProjects')}` : html`<p class="empty">${t('organisation.noProjects')}</p>`)}
${block('organisation-resources', t('organisation.resources'), resources.length ? html`${resourceList(context, resources)}${allOf('learning', 'allLearning')}${allOf('library', 'allLibrary')}` : html`<p class="empty">${t('organisation.noResources')}</p>`)}
${block('organisation-petitions', t('organisation.petitions'), html`${petitionList(context, data.petitions ?? [], 'h3', t('organisation.noPetitions'))}${allOf('petitions', 'allPetitions')}`)}
<p class="more"><a href="${pathFor(lang, 'organisations')}">${t('about.directory')}</a></p>`
}

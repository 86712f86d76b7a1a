import { dateTime, fallbackBadge, inline, instantTime, label, langAttrs, paragraphs, petitionBadges } from './format.js'
import { html, raw } from './html.js'
import { calendarUrl, docsUrl } from './project-links.js'
import { pathFor } from './routes.js'
import { signersSection } from './signer-views.js'
import { resourceList } from './views.js'

/**
 * The pages of one project, one resource and one petition, and the About page. Each gets its data in
 * the shape the API (and so the SDK) returns it.
 */

function facts(rows) {
  const present = rows.filter(([, value]) => value !== '' && value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
  return present.length ? html`<dl class="facts">${present.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>` : ''
}

function back(href, text) {
  return html`<p class="back"><a href="${href}">${text}</a></p>`
}

function titleAndLead(item, lang, t) {
  return html`<h1${langAttrs(item.title, lang)}>${item.title.text}${fallbackBadge(item.title, lang, t)}</h1>
${item.summary ? html`<p class="lead"${langAttrs(item.summary, lang)}>${item.summary.text}${fallbackBadge(item.summary, lang, t)}</p>` : ''}`
}

function names(organisations, lang, t) {
  return organisations.map((organisation, index) => html`${index ? ', ' : ''}<bdi>${inline(organisation.name, lang, t)}</bdi>`)
}

export function projectView(context) {
  const { lang, t, format, data } = context
  const { project, vocab } = data
  const start = project.dates.actualStart ?? project.dates.plannedStart
  const end = project.dates.actualEnd ?? project.dates.plannedEnd
  const dates = start || end ? html`${start ? dateTime(start, format) : '…'} – ${end ? dateTime(end, format) : '…'}` : ''
  const organisations = html`<ul class="plain">${project.participants.map(
    (participant) =>
      html`<li><bdi>${inline(participant.organisation.name, lang, t)}</bdi> <span class="muted">(${label(vocab, 'participationRoles', participant.role)})</span></li>`,
  )}</ul>`
  return html`${back(pathFor(lang, 'projects'), t('back.projects'))}
<article class="item">
${titleAndLead(project, lang, t)}
${facts([
  [t('fact.status'), label(vocab, 'projectStatuses', project.status)],
  [t('fact.countries'), format.list(project.countries.map(format.country))],
  [t('fact.themes'), format.list(project.themes.map((code) => label(vocab, 'themes', code)))],
  [t('fact.dates'), dates],
  [t('fact.organisations'), project.participants.length ? organisations : names([project.owner], lang, t)],
  [t('fact.budget'), project.budget ? format.money(project.budget.amount, project.budget.currency) : ''],
  [t('fact.contact'), project.contact ? (project.contact.url ? html`<a href="${project.contact.url}">${project.contact.name}</a>` : project.contact.name) : ''],
])}
${project.description && project.description.text !== project.summary?.text
  ? html`<div class="prose"${langAttrs(project.description, lang)}>${paragraphs(project.description.text)}</div>`
  : ''}
${project.website ? html`<p><a class="button" href="${project.website}" rel="noopener">${t('project.website')}</a></p>` : ''}
${projectResources(context, project, data.resources ?? [], data.more)}
</article>`
}

/**
 * The public resources attached to the project, as resource cards; no section at all when there are none.
 * When there are more than it shows, links lead to the Learning and Library lists narrowed to the project.
 */
function projectResources(context, project, resources, more) {
  if (resources.length === 0) return ''
  const { lang, t } = context
  const allOf = (page, key) => (more?.[page] ? html`<p class="more"><a href="${pathFor(lang, page)}?project=${project.slug}">${t(`project.${key}`)}</a></p>` : '')
  return html`<section class="block" aria-labelledby="project-resources">
  <h2 id="project-resources">${t('project.resources')}</h2>
  ${resourceList(context, resources, 'h3')}${allOf('learning', 'allLearning')}${allOf('library', 'allLibrary')}
</section>`
}

export function resourceView({ lang, t, format, data }) {
  const { resource, vocab } = data
  const section = resource.collection === 'library' ? 'library' : 'learning'
  const webinar = resource.webinar
  const actions = [
    resource.file
      ? html`<a class="button" href="${resource.file.url}" type="${resource.file.type}" data-link="file">${t('resource.download', {
          type: format.fileType(resource.file.type),
          size: format.fileSize(resource.file.size),
        })}</a>`
      : '',
    webinar?.upcoming && webinar.joinUrl && !webinar.cancelledAt ? html`<a class="button" href="${webinar.joinUrl}" rel="noopener" data-link="join">${t('webinar.join')}</a>` : '',
    // Cancelled ones too: a calendar that adds the file learns the event is off.
    webinar?.upcoming
      ? html`<a class="button button--secondary" href="${calendarUrl(lang, resource.id)}" type="text/calendar" download="${resource.slug}.ics" data-link="calendar">${t('webinar.addToCalendar')}</a>`
      : '',
    webinar?.recordingUrl ? html`<a class="button" href="${webinar.recordingUrl}" rel="noopener" data-link="recording">${t('webinar.recording')}</a>` : '',
    resource.url && !webinar ? html`<a class="button button--secondary" href="${resource.url}" rel="noopener" data-link="url">${t('resource.open')}</a>` : '',
  ].filter(Boolean)
  return html`${back(pathFor(lang, section), t(`back.${section}`))}
<article class="item">
<p class="eyebrow"><span class="badge">${label(vocab, 'resourceKinds', resource.kind)}</span>${webinar?.cancelledAt ? html` <span class="badge" data-state="cancelled">${t('webinar.cancelled')}</span>` : ''}</p>
${titleAndLead(resource, lang, t)}
${facts([
  [t('fact.when'), webinar ? instantTime(webinar.startsAt, format) : ''],
  [t('fact.duration'), resource.durationSeconds ? format.minutes(resource.durationSeconds) : ''],
  [t('fact.published'), resource.publishedOn ? dateTime(resource.publishedOn, format) : ''],
  [t('fact.publisher'), resource.publisher ? names([resource.publisher], lang, t) : names([resource.owner], lang, t)],
  [t('fact.languages'), format.list(resource.languages.map(format.language))],
  [t('fact.countries'), format.list(resource.countries.map(format.country))],
  [t('fact.themes'), format.list(resource.themes.map((code) => label(vocab, 'themes', code)))],
  [t('fact.projects'), projectLinks(resource.projects ?? [], lang, t)],
  [t('fact.licence'), resource.licence ?? ''],
])}
${actions.length ? html`<p class="actions">${actions}</p>` : ''}
${resource.body ? html`<div class="prose"${langAttrs(resource.body, lang)}>${raw(resource.body.text)}</div>` : ''}
</article>`
}

/** The public projects a resource is attached to, each linked to its page (whose Resources section lists it). */
function projectLinks(projects, lang, t) {
  return projects.map((project, index) => html`${index ? ', ' : ''}<a href="${pathFor(lang, 'project', project.slug)}"><bdi>${inline(project.title, lang, t)}</bdi></a>`)
}

/**
 * The petition widget shows the petition itself (target, summary, text, live count, official response)
 * and takes signatures; the page adds the heading, the status and what the widget does not show: the
 * reason for a rejection, and the latest public signers.
 */
export function petitionView(context) {
  const { lang, t, data } = context
  const { petition } = data
  return html`${back(pathFor(lang, 'petitions'), t('back.petitions'))}
<article class="item">
<p class="eyebrow">${petitionBadges(t, petition)}</p>
<h1${langAttrs(petition.title, lang)}>${petition.title.text}${fallbackBadge(petition.title, lang, t)}</h1>
<wegov-petition petition="${petition.slug}" no-heading></wegov-petition>
${petition.rejectionReason
  ? html`<section aria-labelledby="petition-rejection"><h2 id="petition-rejection">${t('petition.rejection')}</h2>
<p${langAttrs(petition.rejectionReason, lang)}>${petition.rejectionReason.text}${fallbackBadge(petition.rejectionReason, lang, t)}</p></section>`
  : ''}
${signersSection(context, data.signers ?? [])}
</article>`
}

function organisationCards(organisations, { lang, t, format, data }) {
  if (organisations.length === 0) return html`<p class="empty">${t('about.none')}</p>`
  return html`<ul class="cards">${organisations.map(
    (organisation) => html`<li class="card">
  <h3 class="card__title"${langAttrs(organisation.name, lang)}>${organisation.name.text}</h3>
  <p class="card__meta"><span class="badge">${label(data.vocab, 'organisationKinds', organisation.kind)}</span> <span class="badge">${format.country(organisation.country)}</span></p>
  ${organisation.description ? html`<p${langAttrs(organisation.description, lang)}>${organisation.description.text}${fallbackBadge(organisation.description, lang, t)}</p>` : ''}
  ${organisation.website ? html`<p><a href="${organisation.website}" rel="noopener">${t('about.website')}<span class="visually-hidden">: ${organisation.name.text}</span></a></p>` : ''}
</li>`,
  )}</ul>`
}

export function aboutView(context) {
  const { lang, t, data } = context
  return html`<h1>${t('nav.about')}</h1>
<p class="lead">${t('about.intro')}</p>
<p>${t('home.intro')}</p>
<section class="block" aria-labelledby="about-partners">
  <h2 id="about-partners">${t('about.partners')}</h2>
  ${organisationCards(data.partners ?? [], context)}
</section>
<section class="block" aria-labelledby="about-funders">
  <h2 id="about-funders">${t('about.funders')}</h2>
  ${organisationCards(data.funders ?? [], context)}
</section>
<p class="more"><a href="${pathFor(lang, 'organisations')}">${t('about.directory')}</a></p>
<section class="block" aria-labelledby="about-developers">
  <h2 id="about-developers">${t('about.developers')}</h2>
  <ul>
    <li><a href="${pathFor(lang, 'embed')}">${t('nav.embed')}</a></li>
    <li><a href="${docsUrl(lang)}">${t('about.apiDocs')}</a></li>
    <li><a href="/openapi.json">${t('about.openapi')}</a></li>
    <li><a href="${pathFor(lang, 'opendata')}">${t('nav.opendata')}</a></li>
  </ul>
</section>`
}

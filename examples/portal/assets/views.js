import { embedView } from './embed-view.js'
import { cardTitle, dateTime, fallbackBadge, formatters, label, langAttrs, petitionBadges } from './format.js'
import { html, raw } from './html.js'
import { LANGS, LANGUAGE_NAMES, directionOf, translator } from './i18n.js'
import { aboutView, petitionView, projectView, resourceView } from './item-views.js'
import { listSection, scopeNotice } from './list-views.js'
import { openDataView } from './open-data-view.js'
import { directoryView, organisationView } from './organisation-views.js'
import { LICENSE_URL, SOURCE_URL, docsUrl, feedUrl } from './project-links.js'
import { SECTIONS, pathFor, sectionOf } from './routes.js'

/**
 * The whole <body> of every portal page, as a string, from the data the page needs. The same function
 * runs on the server (data from the database) and in the browser (data from the SDK), so both give the
 * same page. Lists and forms are the WeGov widgets; the rest is rendered here.
 *
 * @param {{lang: string, page: string, slug?: string, data?: any, status?: number}} view
 * @returns {{status: number, title: string, name: string, description: string, body: string}}
 */
export function renderPortalPage(view) {
  const { lang } = view
  const t = translator(lang)
  const format = formatters(lang)
  const context = { lang, t, format, data: view.data ?? {} }
  const content = view.status === 404 ? notFound(context) : pageContent(view.page, context)
  const section = view.status === 404 ? '' : sectionOf(view.page, view.data)
  const title = content.title === t('home.title') ? content.title : `${content.title} · WeGov`
  const body = frame(context, view, section, content.main)
  return { status: view.status ?? 200, title, name: content.title, description: content.description, body: String(body) }
}

/**
 * The portal's frame (skip link, header, one main landmark, footer) around markup made elsewhere: the
 * pages the API serves outside the portal (confirming or withdrawing a signature) look like the portal.
 * They have no language switcher: they are shown in the signer's language only, and their URL carries a
 * token that must not be copied into other links.
 *
 * @param {{lang: string, page: string, main: string}} view `main` is trusted markup, escaped by its maker
 * @returns {string}
 */
export function renderPortalFrame(view) {
  const context = { lang: view.lang, t: translator(view.lang) }
  return String(frame(context, { page: view.page, languages: false }, '', raw(view.main)))
}

function frame(context, view, section, main) {
  return html`<a class="skip-link" href="#main">${context.t('skip')}</a>
${header(context, view, section)}
<main id="main" tabindex="-1" data-rendered="${view.page}">
${main}
</main>
${footer(context)}`
}

function pageContent(page, context) {
  const { t, data, lang } = context
  switch (page) {
    case 'home':
      return { title: t('home.title'), description: t('home.intro'), main: home(context) }
    case 'projects':
    case 'learning':
    case 'library':
    case 'petitions':
      return { title: t(`nav.${page}`), description: t(`${page}.intro`), main: sectionPage(page, context) }
    case 'about':
      return { title: t('nav.about'), description: t('about.intro'), main: aboutView(context) }
    case 'embed':
      return { title: t('embed.title'), description: t('embed.intro'), main: embedView(context) }
    case 'opendata':
      return { title: t('nav.opendata'), description: t('opendata.intro'), main: openDataView(context) }
    case 'organisations':
      return { title: t('nav.organisations'), description: t('organisations.intro'), main: directoryView(context) }
    case 'organisation':
      return organisationContent(data.organisation, organisationView(context), t)
    case 'project':
      return itemContent(data.project, projectView(context), lang)
    case 'petition':
      return itemContent(data.petition, petitionView(context), lang)
    case 'resource':
      return itemContent(data.resource, resourceView(context), lang)
    default:
      return notFound(context)
  }
}

function itemContent(item, main, lang) {
  const description = item.summary?.text ?? item.text?.text ?? item.description?.text ?? ''
  return { title: item.title.text, description: truncate(description, 200), main, lang }
}

function organisationContent(organisation, main, t) {
  const description = organisation.description?.text ?? t('organisations.intro')
  return { title: organisation.name.text, description: truncate(description, 200), main }
}

function truncate(text, max) {
  const flat = String(text).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`
}

/**
 * One row on a phone: the brand and a menu button that opens the sections and languages below it (a
 * disclosure: aria-expanded, aria-controls, Escape closes; menu.js). Without scripts the button is never
 * shown and the links stay in view (portal.css, `scripting` media feature). On a wide screen the brand
 * and languages share the first row and the sections the second, as before.
 */
function header({ lang, t }, view, section) {
  const here = (target) => (view.slug !== undefined ? pathFor(target, view.page, view.slug) : pathFor(target, view.page))
  return html`<header class="site-header">
  <div class="site-header__bar">
    <a class="brand" href="${pathFor(lang, 'home')}"><span class="brand__name" lang="en" dir="ltr">WeGov</span><span class="brand__tagline">${t('site.tagline')}</span></a>
    <button type="button" class="menu-button" aria-expanded="false" aria-controls="site-menu"><span class="menu-button__icon" aria-hidden="true"></span>${t('menu.button')}</button>
    <div class="site-menu" id="site-menu">
      <nav class="site-nav" aria-label="${t('nav.label')}">
        <ul>${SECTIONS.map(
          (name) => html`<li><a href="${pathFor(lang, name)}"${name === section ? html` aria-current="page"` : ''}>${t(`nav.${name}`)}</a></li>`,
        )}</ul>
      </nav>
      ${view.languages === false ? '' : html`<nav class="languages" aria-label="${t('lang.label')}">
        <ul>${LANGS.map(
          (other) => html`<li><a href="${here(other)}" lang="${other}" hreflang="${other}" dir="${directionOf(other)}"${
            other === lang ? html` aria-current="true"` : ''
          }>${LANGUAGE_NAMES[other]}</a></li>`,
        )}</ul>
      </nav>`}
    </div>
  </div>
</header>`
}

function footer({ lang, t }) {
  return html`<footer class="site-footer">
  <p>${t('footer.about')}</p>
  <ul class="site-footer__links">
    <li><a href="${pathFor(lang, 'embed')}">${t('nav.embed')}</a></li>
    <li><a href="${pathFor(lang, 'opendata')}">${t('footer.opendata')}</a></li>
    <li><a href="${docsUrl(lang)}">${t('footer.api')}</a></li>
    <li><a href="${feedUrl(lang, 'atom')}" type="application/atom+xml">${t('footer.feedAtom')}</a></li>
    <li><a href="${feedUrl(lang, 'json')}" type="application/feed+json">${t('footer.feedJson')}</a></li>
    <li><a href="${LICENSE_URL}" rel="license">${t('footer.software')}</a></li>
    <li><a href="${SOURCE_URL}">${t('footer.source')}</a></li>
  </ul>
</footer>`
}

/**
 * The home page. Upcoming webinars are the resources widget fixed to them (`upcoming no-filters`); its own
 * heading, "Upcoming webinars", heads that block, so the page adds none above it.
 */
function home(context) {
  const { lang, t } = context
  return html`<div class="hero">
  <h1><span lang="en" dir="ltr">WeGov</span></h1>
  <p class="lead">${t('site.tagline')}</p>
  <p>${t('home.intro')}</p>
</div>
<section class="block" aria-labelledby="home-projects">
  <h2 id="home-projects">${t('home.projects')}</h2>
  ${projectList(context, context.data.projects ?? [])}
  <p class="more"><a href="${pathFor(lang, 'projects')}">${t('home.allProjects')}</a></p>
</section>
<section class="block" aria-labelledby="home-petitions">
  <h2 id="home-petitions">${t('home.petitions')}</h2>
  ${petitionList(context, context.data.petitions ?? [], 'h3', t('home.noPetition'))}
  <p class="more"><a href="${pathFor(lang, 'petitions')}">${t('home.allPetitions')}</a></p>
</section>
<div class="block">
  <wegov-resources upcoming no-filters limit="3" detail-url="${`/${lang}/resources/{slug}`}"></wegov-resources>
  <p class="more"><a href="${`${pathFor(lang, 'learning')}?kind=webinar`}">${t('home.allWebinars')}</a></p>
</div>
<section class="block" aria-labelledby="home-library">
  <h2 id="home-library">${t('home.library')}</h2>
  ${resourceList(context, context.data.library ?? [])}
  <p class="more"><a href="${pathFor(lang, 'library')}">${t('home.allLibrary')}</a></p>
</section>`
}

function sectionPage(page, context) {
  const { lang, t, data } = context
  const intro = html`<h1>${t(`nav.${page}`)}</h1>
<p class="lead">${t(`${page}.intro`)}</p>`
  switch (page) {
    case 'projects':
    case 'learning':
    case 'library':
      return html`${intro}
${listSection(page, context)}`
    default:
      return html`${intro}
${startPetition(context)}
${scopeNotice(page, context)}
${petitionList(context, data.petitions ?? [], 'h2', t('petitions.empty'))}
${data.nextCursor ? html`<p class="more"><a rel="next" href="${`${pathFor(lang, 'petitions')}?${new URLSearchParams({ ...data.filters, cursor: data.nextCursor })}`}">${t('petitions.more')}</a></p>` : ''}`
  }
}

/**
 * Anyone may launch a petition: the console's "Start a petition" screen (it asks to sign in first), in the
 * page's language. A link, not a form: drafting needs an account the portal does not hold.
 */
function startPetition({ lang, t }) {
  return html`<p class="actions"><a class="button" href="${`/console/petitions/new?lang=${lang}`}">${t('petitions.start')}</a></p>
<p>${t('petitions.startHint')}</p>`
}

/** Petition cards: the title links to the petition's page, where the widget takes signatures. */
export function petitionList({ lang, t, format }, petitions, heading, empty) {
  if (petitions.length === 0) return html`<p class="empty">${empty}</p>`
  return html`<ul class="cards">${petitions.map((petition) => {
    const share = petition.goal > 0 ? Math.min(100, Math.round((petition.signatureCount / petition.goal) * 100)) : 0
    return html`<li class="card">
  ${cardTitle(heading, pathFor(lang, 'petition', petition.slug), petition.title, lang, t)}
  <p class="card__meta">${petitionBadges(t, petition)}</p>
  ${petition.summary ? html`<p${langAttrs(petition.summary, lang)}>${petition.summary.text}${fallbackBadge(petition.summary, lang, t)}</p>` : ''}
  <p class="progress-label">${t('petition.count', { count: format.number(petition.signatureCount), goal: format.number(petition.goal) })}</p>
  <div class="progress" aria-hidden="true"><span style="inline-size:${share}%"></span></div>
</li>`
  })}</ul>`
}

/**
 * Project cards linking to the project pages: the home page's teaser, and the Projects page as it is
 * without JavaScript (list-views.js); here the cards cost no script at all.
 */
export function projectList({ lang, t, format, data }, projects, heading = 'h3') {
  if (projects.length === 0) return ''
  return html`<ul class="cards">${projects.map(
    (project) => html`<li class="card">
  ${cardTitle(heading, pathFor(lang, 'project', project.slug), project.title, lang, t)}
  <p class="card__meta"><span class="badge">${label(data.vocab, 'projectStatuses', project.status)}</span>${project.countries.map(
    (code) => html` <span class="badge">${format.country(code)}</span>`,
  )}</p>
  ${project.summary ? html`<p${langAttrs(project.summary, lang)}>${project.summary.text}${fallbackBadge(project.summary, lang, t)}</p>` : ''}
</li>`,
  )}</ul>`
}

/**
 * Resource cards linking to the portal's own resource pages. The home page lists the newest documents
 * this way rather than with a second resources widget: one search landmark per kind of list, and
 * links that stay on the portal.
 */
export function resourceList({ lang, t, format, data }, resources, heading = 'h3') {
  if (resources.length === 0) return ''
  return html`<ul class="cards">${resources.map(
    (resource) => html`<li class="card">
  ${cardTitle(heading, pathFor(lang, 'resource', resource.slug), resource.title, lang, t)}
  <p class="card__meta"><span class="badge">${label(data.vocab, 'resourceKinds', resource.kind)}</span>${
    resource.publishedOn ? html` <span class="muted">${dateTime(resource.publishedOn, format)}</span>` : ''
  }</p>
  ${resource.summary ? html`<p${langAttrs(resource.summary, lang)}>${resource.summary.text}${fallbackBadge(resource.summary, lang, t)}</p>` : ''}
</li>`,
  )}</ul>`
}

function notFound({ lang, t }) {
  return {
    title: t('notFound.title'),
    description: t('notFound.body'),
    main: html`<h1>${t('notFound.title')}</h1>
<p>${t('notFound.body')}</p>
<p><a href="${pathFor(lang, 'home')}">${t('notFound.home')}</a></p>`,
  }
}

import { WEGOV_COUNTRIES } from './embed-view.js'
import { langAttrs } from './format.js'
import { attr, html } from './html.js'
import { pathFor } from './routes.js'
import { projectList, resourceList } from './views.js'

/**
 * The Projects, Learning and Library pages. Their first page is a widget (filters that apply at once,
 * "load more" in place); inside it, in its light DOM, the same page as plain HTML: a GET form for the
 * filters, the cards, and a link to the next page. A browser without JavaScript, and a crawler, see that
 * plain page; once the widget runs, its shadow DOM takes its place. A page further on (`?cursor=`) is
 * only plain HTML: it is what following the links reaches, and it links to the page after it.
 */

/** The filters each list's form offers (the API's filter names, checked on the server: portal-data.ts). */
export const LIST_FILTERS = { projects: ['country', 'theme', 'status', 'q'], learning: ['kind', 'q'], library: ['kind', 'q'] }
/**
 * The filters no form offers: an organisation's slug, from the "all" links of its profile, and a project's,
 * from those of a project page (Learning and Library only). The list then says whose it is, and the form
 * and the next-page link keep it.
 */
export const LIST_SCOPES = ['organisation', 'project']

export function listSection(page, context) {
  const { lang, data } = context
  const filters = data.filters ?? {}
  const plain = plainList(page, context)
  const scope = scopeNotice(page, context)
  if (data.cursor) return html`${scope}${plain}`
  // The page's h1 names the list: the widget's own heading would say it twice.
  const shared = html` no-heading limit="${data.pageSize ?? 10}"${[...LIST_FILTERS[page], ...LIST_SCOPES].map((name) => attr(name, filters[name]))}`
  return page === 'projects'
    ? html`${scope}<wegov-projects${shared} detail-url="${`/${lang}/projects/{slug}`}">${plain}</wegov-projects>`
    : html`${scope}<wegov-resources collection="${page}"${shared} detail-url="${`/${lang}/resources/{slug}`}">${plain}</wegov-resources>`
}

/**
 * Whose list this is, when it is one organisation's or one project's, with the way back to everyone's (the
 * other filters kept).
 */
export function scopeNotice(page, { lang, t, data }) {
  const kind = page === 'learning' || page === 'library' ? 'resources' : page
  const notice = (filter, label, path, name) => {
    const { [filter]: _scope, ...others } = data.filters ?? {}
    const everyone = Object.keys(others).length ? `${pathFor(lang, page)}?${new URLSearchParams(others)}` : pathFor(lang, page)
    return html`<p class="scope">${label} <a href="${path}"><bdi${langAttrs(name, lang)}>${name.text}</bdi></a>. <a href="${everyone}">${t(`${kind}.scopeAll`)}</a></p>`
  }
  const { scope: organisation, scopeProject: project } = data
  return html`${organisation ? notice('organisation', t(`${kind}.scope`), pathFor(lang, 'organisation', organisation.slug), organisation.name) : ''}${
    project ? notice('project', t('resources.projectScope'), pathFor(lang, 'project', project.slug), project.title) : ''
  }`
}

function plainList(page, context) {
  const { lang, t, data } = context
  const kind = page === 'projects' ? 'projects' : 'resources'
  const items = (page === 'projects' ? data.projects : data.resources) ?? []
  const cards = page === 'projects' ? projectList(context, items, 'h2') : resourceList(context, items, 'h2')
  const next = data.nextCursor ? `${pathFor(lang, page)}?${new URLSearchParams({ ...data.filters, cursor: data.nextCursor })}` : ''
  return html`<div class="list">
${filterForm(page, context)}
${items.length ? cards : html`<p class="empty">${t(`${kind}.empty`)}</p>`}
${next ? html`<p class="more"><a rel="next" href="${next}">${t(`${kind}.more`)}</a></p>` : ''}
</div>`
}

function filterForm(page, { lang, t, format, data }) {
  const filters = data.filters ?? {}
  const terms = (name) => (data.vocab?.[name] ?? []).map((term) => [term.code, term.label])
  const options = {
    country: [...new Set([...WEGOV_COUNTRIES, ...(filters.country ? [filters.country] : [])])].map((code) => [code, format.country(code)]),
    theme: terms('themes'),
    status: terms('projectStatuses'),
    kind: terms('resourceKinds'),
  }
  const fields = LIST_FILTERS[page].map((name) =>
    name === 'q'
      ? html`<div class="field field--search"><label for="list-q">${t('list.search')}</label><input id="list-q" name="q" type="search" maxlength="200" value="${filters.q ?? ''}"></div>`
      : html`<div class="field"><label for="list-${name}">${t(`list.${name}`)}</label><select id="list-${name}" name="${name}">
  <option value="">${t('list.all')}</option>
  ${options[name].map(([value, text]) => html`<option value="${value}"${value === filters[name] ? html` selected` : ''}>${text}</option>`)}
</select></div>`,
  )
  const kind = page === 'projects' ? 'projects' : 'resources'
  // Changing the other filters keeps the list narrowed to its organisation or project.
  const scope = LIST_SCOPES.filter((name) => filters[name]).map((name) => html`<input type="hidden" name="${name}" value="${filters[name]}">`)
  return html`<form class="filters" method="get" action="${pathFor(lang, page)}" role="search" aria-label="${t(`${kind}.filters`)}">
${scope}${fields}
<button class="button" type="submit">${t('list.apply')}</button>
</form>`
}

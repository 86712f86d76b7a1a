import { bestLanguage, directionOf, translator } from './i18n.js'
import { LIST_FILTERS, LIST_SCOPES } from './list-views.js'
import { DIRECTORY_FILTERS } from './organisation-views.js'
import { parsePortalPath } from './routes.js'
import { renderPortalPage } from './views.js'

/** As many public signers as the server lists on a petition page (examples/portal/server/portal-data.ts). */
const LATEST_SIGNERS = 10
/** As many attached resources as the server lists on a project page (examples/portal/server/portal-data.ts). */
const PROJECT_RESOURCES = 12

/**
 * Renders the page in the browser, for portals served as plain files (no WeGov server in front):
 * the data comes from the API through the SDK, the markup from the same views the server uses.
 * Search engines and link previews then only see the generic head: see README.md.
 */
export async function renderInBrowser(api) {
  const route = parsePortalPath(location.pathname)
  if (!route) {
    if (location.pathname === '/' || location.pathname.endsWith('/index.html')) {
      location.replace(`/${bestLanguage(navigator.languages ?? [navigator.language])}/`)
      return
    }
  }
  const lang = route?.lang ?? bestLanguage(navigator.languages ?? [navigator.language])
  document.documentElement.lang = lang
  document.documentElement.dir = directionOf(lang)

  let view
  if (!route) view = { lang, page: 'home', status: 404 }
  else {
    try {
      const { createClient } = await import(`${api}/widgets/sdk.js`)
      const client = createClient({ baseUrl: api, lang })
      view = { ...route, data: await loadPageData(client, route, api) }
    } catch (error) {
      if (error?.status === 404 || error?.status === 410) view = { ...route, status: 404 }
      else {
        document.getElementById('main').innerHTML = `<p class="problem" role="alert"></p>`
        document.querySelector('#main .problem').textContent = translator(lang)('load.failed')
        throw error
      }
    }
  }
  const page = renderPortalPage(view)
  document.title = page.title
  document.querySelector('meta[name="description"]')?.setAttribute('content', page.description)
  document.body.innerHTML = page.body
}

/** An item, or undefined when the API says it is not there (404), gone (410) or no valid reference at all (400). */
const found = (read) => read.catch((error) => ([400, 404, 410].includes(error?.status) ? undefined : Promise.reject(error)))

/**
 * The organisation and the project a list's `organisation` and `project` filters name; one that is not there
 * (any more) narrows nothing, as on the server.
 */
async function scopeOf(client, filters) {
  const [scope, scopeProject] = await Promise.all([
    filters.organisation ? found(client.organisations.get(filters.organisation)) : undefined,
    filters.project ? found(client.projects.get(filters.project)) : undefined,
  ])
  if (!scope) delete filters.organisation
  if (!scopeProject) delete filters.project
  return { scope, scopeProject }
}

/** Whether a profile's or a project's "all" links lead anywhere: more resources than shown, some of that collection. */
async function moreResources(client, shown, filter) {
  const [learning, library] = await Promise.all(
    ['learning', 'library'].map(async (collection) => shown.nextCursor !== null && (await client.resources.list({ ...filter, collection, limit: 1 })).items.length > 0),
  )
  return { learning, library }
}

/** Items per page of the Projects, Learning and Library lists, as on the server (server/portal-data.ts). */
const LIST_PAGE_SIZE = 10

/** What each page needs, the same lists and items the server reads (examples/portal/server/portal-data.ts). */
async function loadPageData(client, route, api) {
  const query = new URLSearchParams(location.search)
  const cursor = query.get('cursor') || undefined
  switch (route.page) {
    case 'home': {
      const [vocab, projects, petitions, library] = await Promise.all([
        client.vocabularies.get(),
        client.projects.list({ limit: 3 }),
        client.petitions.list({ status: 'open', limit: 3 }),
        client.resources.list({ collection: 'library', limit: 3 }),
      ])
      return { vocab, projects: projects.items, petitions: petitions.items, library: library.items }
    }
    case 'petitions': {
      const filters = Object.fromEntries([['organisation', query.get('organisation')?.trim()]].filter(([, value]) => value))
      const { scope } = await scopeOf(client, filters)
      const page = await client.petitions.list({ ...filters, limit: 12, ...(cursor ? { cursor } : {}) })
      return { petitions: page.items, nextCursor: page.nextCursor, filters, scope }
    }
    case 'projects':
    case 'learning':
    case 'library': {
      // The filters the plain form sent; the API checks them as it checks any client's.
      // A project narrows only the resources' lists, as on the server.
      const scopes = route.page === 'projects' ? ['organisation'] : LIST_SCOPES
      const filters = Object.fromEntries([...LIST_FILTERS[route.page], ...scopes].map((name) => [name, query.get(name)?.trim()]).filter(([, value]) => value))
      const narrowed = await scopeOf(client, filters)
      const page = route.page === 'projects' ? client.projects.list({ ...filters, limit: LIST_PAGE_SIZE, ...(cursor ? { cursor } : {}) })
        : client.resources.list({ ...filters, collection: route.page, limit: LIST_PAGE_SIZE, ...(cursor ? { cursor } : {}) })
      const [vocab, { items, nextCursor }] = await Promise.all([client.vocabularies.get(), page])
      const list = route.page === 'projects' ? { projects: items } : { resources: items }
      return { vocab, ...list, nextCursor, filters, ...narrowed, cursor: cursor ?? null, pageSize: LIST_PAGE_SIZE }
    }
    case 'organisations': {
      const filters = Object.fromEntries(DIRECTORY_FILTERS.map((name) => [name, query.get(name)?.trim()]).filter(([, value]) => value))
      const params = { ...filters, ...(filters.partner ? { partner: filters.partner === 'true' } : {}), limit: 24, ...(cursor ? { cursor } : {}) }
      const [vocab, page] = await Promise.all([client.vocabularies.get(), client.organisations.list(params)])
      return { vocab, organisations: page.items, nextCursor: page.nextCursor, filters, cursor: cursor ?? null }
    }
    case 'organisation': {
      const organisation = await client.organisations.get(route.slug)
      const owner = { organisation: organisation.slug, limit: 6 }
      const [vocab, projects, resources, petitions] = await Promise.all([
        client.vocabularies.get(),
        client.projects.list(owner),
        client.resources.list(owner),
        client.petitions.list(owner),
      ])
      const more = { projects: projects.nextCursor !== null, ...(await moreResources(client, resources, { organisation: organisation.slug })), petitions: petitions.nextCursor !== null }
      return { vocab, organisation, projects: projects.items, resources: resources.items, petitions: petitions.items, more }
    }
    case 'about': {
      const [vocab, partners, funders] = await Promise.all([
        client.vocabularies.get(),
        client.organisations.list({ partner: true, limit: 100 }),
        client.organisations.list({ kind: 'funder', limit: 100 }),
      ])
      return { vocab, partners: partners.items, funders: funders.items }
    }
    case 'embed': {
      const [vocab, petitions, organisations] = await Promise.all([
        client.vocabularies.get(),
        client.petitions.list({ status: 'open', limit: 50 }),
        client.organisations.list({ limit: 100 }),
      ])
      return { vocab, petitions: petitions.items, organisations: organisations.items, origin: api }
    }
    case 'project': {
      const [vocab, project] = await Promise.all([client.vocabularies.get(), client.projects.get(route.slug)])
      const attached = await client.resources.list({ project: project.id, limit: PROJECT_RESOURCES })
      return { vocab, project, resources: attached.items, more: await moreResources(client, attached, { project: project.id }) }
    }
    case 'resource':
      return { vocab: await client.vocabularies.get(), resource: await client.resources.get(route.slug) }
    case 'petition': {
      const [petition, signers] = await Promise.all([client.petitions.get(route.slug), client.petitions.signatures(route.slug, { limit: LATEST_SIGNERS })])
      return { petition, signers: signers.items }
    }
    default:
      return {}
  }
}

import type { Organisation, Petition, Project, PublicSignature, Resource, ResourceSummary, Vocabularies, WeGovClient } from '@wegov/sdk'
import { WeGovError } from '@wegov/sdk'
import type { Lang } from './languages.js'

/** A portal page's address: a section, or an item page with its slug. */
export interface PortalRoute {
  lang: Lang
  page: string
  slug?: string
}

export type PresentedPetition = Petition
export type PresentedProject = Project
export type PresentedResource = Resource | ResourceSummary
export type PresentedOrganisation = Organisation

/** How many public signers a petition page lists (client-render.js asks for as many). */
const LATEST_SIGNERS = 10
/** Items of each kind an organisation's profile lists; the "all" link leads to the filtered list. */
const PROFILE_ITEMS = 6
/** The resources' two collections, each a list page of its own. */
const COLLECTIONS = ['learning', 'library'] as const
/** Attached resources a project page lists (client-render.js asks for as many). */
const PROJECT_RESOURCES = 12
/** Organisations per page of the directory. */
export const DIRECTORY_PAGE_SIZE = 24

export interface PortalData {
  vocab?: Vocabularies
  petitions?: Petition[]
  nextCursor?: string | null
  /** The cursor a later page of a list started at; null on a first page. */
  cursor?: string | null
  project?: Project
  /** The newest projects (home page, an organisation's profile). */
  projects?: Project[]
  resource?: Resource
  /** A learning or library page of resources; an organisation's resources; the resources attached to a project. */
  resources?: PresentedResource[]
  /** The visitor's filters on a list page, as the plain GET form sent them (only valid ones). */
  filters?: Record<string, string>
  /** The organisation a list page is narrowed to (its `organisation` filter, from a profile's "all" link). */
  scope?: Organisation
  /** The project a learning or library page is narrowed to (its `project` filter, from a project page's "all" link). */
  scopeProject?: Project
  /**
   * Which lists go on past what a profile or a project page shows: their "all" links lead to the lists narrowed
   * to it. Learning and library: there are more resources, and some of that collection.
   */
  more?: { projects?: boolean; learning: boolean; library: boolean; petitions?: boolean }
  /** Items per page of a list, so the widget that takes the list over in the browser pages the same. */
  pageSize?: number
  /** The newest library documents (home page). */
  library?: PresentedResource[]
  petition?: Petition
  /** The latest public signers (petition page). */
  signers?: PublicSignature[]
  partners?: Organisation[]
  funders?: Organisation[]
  /** Every registered organisation (embed builder), or one page of the directory. */
  organisations?: Organisation[]
  /** The organisation a profile page is about. */
  organisation?: Organisation
  origin?: string
}

/** Items per page on the Projects, Learning and Library pages, with or without JavaScript. */
export const LIST_PAGE_SIZE = 10

const COUNTRY = /^[A-Z]{2}$/
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const termIn = (vocab: Vocabularies | undefined, name: string) => (value: string) =>
  ((vocab as Record<string, { code: string }[]> | undefined)?.[name] ?? []).some((term) => term.code === value)

/**
 * The filters each list page takes, and which values each accepts (anything else is ignored): those its form
 * offers, and the organisation a profile's "all" links narrow it to.
 */
function acceptedFilters(page: string, vocab: Vocabularies | undefined): Record<string, (value: string) => boolean> {
  const q = (value: string) => value.length <= 200
  const slug = (value: string) => value.length <= 100 && SLUG.test(value)
  switch (page) {
    case 'projects':
      return { country: (value) => COUNTRY.test(value), theme: termIn(vocab, 'themes'), status: termIn(vocab, 'projectStatuses'), q, organisation: slug }
    case 'learning':
    case 'library':
      return { kind: termIn(vocab, 'resourceKinds'), q, organisation: slug, project: slug }
    case 'petitions':
      return { organisation: slug }
    case 'organisations':
      return { country: (value) => COUNTRY.test(value), partner: (value) => value === 'true' || value === 'false' }
    default:
      return {}
  }
}

/**
 * The filters of a list page from its query string. A link someone edited by hand (an unknown theme, a
 * 300-character search) shows the list without that filter rather than an error page.
 */
export function listFilters(page: string, query: URLSearchParams, vocab?: Vocabularies): Record<string, string> {
  const filters: Record<string, string> = {}
  for (const [name, valid] of Object.entries(acceptedFilters(page, vocab))) {
    const value = query.get(name)?.trim() ?? ''
    if (value && valid(value)) filters[name] = value
  }
  return filters
}

/** Whether the API refused the request's parameters (a stale cursor, a country code it does not know). */
const refused = (error: unknown) => error instanceof WeGovError && error.status === 400

/**
 * One page of a list, the cursor it started at and the filters it applied. A mangled ?cursor= in a shared
 * link shows the first page; a filter the API refuses (a two-letter code that is no country) is dropped:
 * either way the visitor gets a list rather than an error page.
 */
async function readList<T>(
  read: (filters: Record<string, string>, cursor: string | undefined) => Promise<T>,
  filters: Record<string, string>,
  cursor: string | undefined,
): Promise<[T, string | null, Record<string, string>]> {
  try {
    return [await read(filters, cursor), cursor ?? null, filters]
  } catch (error) {
    if (!refused(error)) throw error
  }
  try {
    return [await read(filters, undefined), null, filters]
  } catch (error) {
    if (!refused(error)) throw error
    const { country: _dropped, ...rest } = filters
    return [await read(rest, undefined), null, rest]
  }
}

/**
 * The organisation and the project a list's `organisation` and `project` filters name. One that is not there
 * (any more) is taken out of `filters`, so the list shows everyone's rather than an empty page that names nobody.
 */
async function scopeOf(client: WeGovClient, filters: Record<string, string>, call: { lang: Lang }): Promise<Pick<PortalData, 'scope' | 'scopeProject'>> {
  const [organisation, project] = await Promise.all([
    filters.organisation ? found(client.organisations.get(filters.organisation, call)) : null,
    filters.project ? found(client.projects.get(filters.project, call)) : null,
  ])
  if (!organisation) delete filters.organisation
  if (!project) delete filters.project
  return { ...(organisation ? { scope: organisation } : {}), ...(project ? { scopeProject: project } : {}) }
}

/**
 * Whether the "all" links of a page that shows the first few of some resources (a profile, a project) lead
 * anywhere: there are more than it shows, and the collection has some of them.
 */
async function moreResources(client: WeGovClient, shown: { nextCursor: string | null }, filter: Record<string, string>, call: { lang: Lang }) {
  const [learning, library] = await Promise.all(
    COLLECTIONS.map(async (collection) => shown.nextCursor !== null && (await client.resources.list({ ...filter, collection, limit: 1 }, call)).items.length > 0),
  )
  return { learning: learning!, library: library! }
}

/** A single item, or null when the API says it is not there (404) or gone (410). */
async function found<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read
  } catch (error) {
    if (error instanceof WeGovError && (error.status === 404 || error.status === 410)) return null
    throw error
  }
}

/**
 * What a page shows besides the widgets, read through the SDK like any partner site: the page says what
 * GET /v1/... says, drafts and non-public petitions included (the API hides them). Returns null when the
 * item does not exist or is not public.
 */
export async function loadPortalData(
  client: WeGovClient,
  route: PortalRoute,
  options: { query: URLSearchParams; origin: string },
): Promise<PortalData | null> {
  const { lang } = route
  const call = { lang }
  const cursor = options.query.get('cursor') || undefined
  const vocabulary = () => client.vocabularies.get(call)
  switch (route.page) {
    case 'home': {
      const [vocab, projects, petitions, library] = await Promise.all([
        vocabulary(),
        client.projects.list({ limit: 3 }, call),
        client.petitions.list({ status: 'open', limit: 3 }, call),
        client.resources.list({ collection: 'library', limit: 3 }, call),
      ])
      return { vocab, projects: projects.items, petitions: petitions.items, library: library.items }
    }
    case 'petitions': {
      const wanted = listFilters(route.page, options.query)
      const scope = await scopeOf(client, wanted, call)
      const read = (filters: Record<string, string>, from: string | undefined) =>
        client.petitions.list({ ...filters, limit: 12, ...(from ? { cursor: from } : {}) }, call)
      const [page, , filters] = await readList(read, wanted, cursor)
      return { petitions: page.items, nextCursor: page.nextCursor, filters, ...scope }
    }
    case 'projects': {
      const vocab = await vocabulary()
      const read = (filters: Record<string, string>, from: string | undefined) =>
        client.projects.list({ ...filters, limit: LIST_PAGE_SIZE, ...(from ? { cursor: from } : {}) }, call)
      const wanted = listFilters(route.page, options.query, vocab)
      const scope = await scopeOf(client, wanted, call)
      const [page, from, filters] = await readList(read, wanted, cursor)
      return { cursor: from, vocab, projects: page.items, nextCursor: page.nextCursor, filters, ...scope, pageSize: LIST_PAGE_SIZE }
    }
    case 'learning':
    case 'library': {
      const vocab = await vocabulary()
      const collection = route.page
      const read = (filters: Record<string, string>, from: string | undefined) =>
        client.resources.list({ ...filters, collection, limit: LIST_PAGE_SIZE, ...(from ? { cursor: from } : {}) }, call)
      const wanted = listFilters(route.page, options.query, vocab)
      const scope = await scopeOf(client, wanted, call)
      const [page, from, filters] = await readList(read, wanted, cursor)
      return { cursor: from, vocab, resources: page.items, nextCursor: page.nextCursor, filters, ...scope, pageSize: LIST_PAGE_SIZE }
    }
    case 'organisations': {
      const vocab = await vocabulary()
      const read = (filters: Record<string, string>, from: string | undefined) =>
        client.organisations.list(
          {
            ...(filters.country ? { country: filters.country } : {}),
            ...(filters.partner ? { partner: filters.partner === 'true' } : {}),
            limit: DIRECTORY_PAGE_SIZE,
            ...(from ? { cursor: from } : {}),
          },
          call,
        )
      const [page, from, filters] = await readList(read, listFilters(route.page, options.query, vocab), cursor)
      return { cursor: from, vocab, organisations: page.items, nextCursor: page.nextCursor, filters, pageSize: DIRECTORY_PAGE_SIZE }
    }
    case 'organisation': {
      const organisation = await found(client.organisations.get(route.slug!, call))
      if (!organisation) return null
      const owner = { organisation: organisation.slug, limit: PROFILE_ITEMS }
      const [vocab, projects, resources, petitions] = await Promise.all([
        vocabulary(),
        client.projects.list(owner, call),
        client.resources.list(owner, call),
        client.petitions.list(owner, call),
      ])
      // Its resources span two collections, each with its own list: link only those that have any.
      const more = { projects: projects.nextCursor !== null, ...(await moreResources(client, resources, { organisation: organisation.slug }, call)), petitions: petitions.nextCursor !== null }
      return { vocab, organisation, projects: projects.items, resources: resources.items, petitions: petitions.items, more }
    }
    case 'about': {
      const [vocab, partners, funders] = await Promise.all([
        vocabulary(),
        client.organisations.list({ partner: true, limit: 100 }, call),
        client.organisations.list({ kind: 'funder', limit: 100 }, call),
      ])
      return { vocab, partners: partners.items, funders: funders.items }
    }
    case 'embed': {
      const [vocab, petitions, organisations] = await Promise.all([
        vocabulary(),
        client.petitions.list({ status: 'open', limit: 50 }, call),
        client.organisations.list({ limit: 100 }, call),
      ])
      return { vocab, petitions: petitions.items, organisations: organisations.items, origin: options.origin }
    }
    case 'project': {
      const [vocab, project] = await Promise.all([vocabulary(), found(client.projects.get(route.slug!, call))])
      if (!project) return null
      // By id: the project's address is its slug, but its attachments follow it whatever it is called.
      const attached = await client.resources.list({ project: project.id, limit: PROJECT_RESOURCES }, call)
      return { vocab, project, resources: attached.items, more: await moreResources(client, attached, { project: project.id }, call) }
    }
    case 'resource': {
      const [vocab, resource] = await Promise.all([vocabulary(), found(client.resources.get(route.slug!, call))])
      return resource ? { vocab, resource } : null
    }
    case 'petition': {
      const petition = await found(client.petitions.get(route.slug!, call))
      if (!petition) return null
      const signers = await client.petitions.signatures(petition.slug, { limit: LATEST_SIGNERS }, call)
      return { petition, signers: signers.items }
    }
    default:
      return {}
  }
}

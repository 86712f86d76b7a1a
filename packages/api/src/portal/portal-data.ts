import type { Kysely } from 'kysely'
import type { DB, Lang } from '../db/schema.js'
import { WeGovError } from '../errors.js'
import { listOrganisations, presentOrganisation } from '../domains/organisations/organisation-repository.js'
import { publicStatus } from '../domains/petitions/petition-lifecycle.js'
import { type PetitionRow, findPetition, listPetitions, presentPetition, presentPetitionContent } from '../domains/petitions/petition-repository.js'
import { findProject, listProjects, presentProject } from '../domains/projects/project-repository.js'
import { findResource, listResources, presentResource } from '../domains/resources/resource-repository.js'
import { listPublicSignatures } from '../domains/signatures/public-signatures.js'
import { readTotals } from '../domains/signatures/signature-counts.js'
import { VOCABULARIES } from '../domains/vocabulary/terms.js'
import { isCountryCode } from '../domains/vocabulary/country-codes.js'

/** A portal page's address: a section, or an item page with its slug. */
export interface PortalRoute {
  lang: Lang
  page: string
  slug?: string
}

export type PresentedPetition = ReturnType<typeof presentPetition>
export type PresentedProject = ReturnType<typeof presentProject>
export type PresentedResource = ReturnType<typeof presentResource>
export type PresentedOrganisation = ReturnType<typeof presentOrganisation>
export type PublicSigner = Awaited<ReturnType<typeof listPublicSignatures>>['items'][number]

/** How many public signers a petition page lists (client-render.js asks for as many). */
const LATEST_SIGNERS = 10

export interface PortalData {
  vocab?: Record<string, { code: string; label: string }[]>
  petitions?: PresentedPetition[]
  nextCursor?: string | null
  /** The cursor a later page of a list started at; null on a first page. */
  cursor?: string | null
  project?: PresentedProject
  /** The newest projects (home page). */
  projects?: PresentedProject[]
  resource?: PresentedResource
  /** A learning or library page of resources. */
  resources?: PresentedResource[]
  /** The visitor's filters on a list page, as the plain GET form sent them (only valid ones). */
  filters?: Record<string, string>
  /** Items per page of a list, so the widget that takes the list over in the browser pages the same. */
  pageSize?: number
  /** The newest library documents (home page). */
  library?: PresentedResource[]
  petition?: PresentedPetition
  /** The latest public signers (petition page). */
  signers?: PublicSigner[]
  partners?: PresentedOrganisation[]
  funders?: PresentedOrganisation[]
  /** Every registered organisation: any of them can be credited for signatures on its site (embed builder). */
  organisations?: PresentedOrganisation[]
  origin?: string
}

/** Items per page on the Projects, Learning and Library pages, with or without JavaScript. */
export const LIST_PAGE_SIZE = 10

/** The filters each list page's form offers, and which values each accepts (anything else is ignored). */
const LIST_FILTERS: Record<string, Record<string, (value: string) => boolean>> = {
  projects: {
    country: isCountryCode,
    theme: (value) => value in VOCABULARIES.themes.terms,
    status: (value) => value in VOCABULARIES.projectStatuses.terms,
    q: (value) => value.length <= 200,
  },
  learning: { kind: (value) => value in VOCABULARIES.resourceKinds.terms, q: (value) => value.length <= 200 },
  library: { kind: (value) => value in VOCABULARIES.resourceKinds.terms, q: (value) => value.length <= 200 },
}

/**
 * The filters of a list page from its query string. A link someone edited by hand (an unknown theme, a
 * 300-character search) shows the list without that filter rather than an error page.
 */
export function listFilters(page: string, query: URLSearchParams): Record<string, string> {
  const accepted = LIST_FILTERS[page] ?? {}
  const filters: Record<string, string> = {}
  for (const [name, valid] of Object.entries(accepted)) {
    const value = query.get(name)?.trim() ?? ''
    if (value && valid(value)) filters[name] = value
  }
  return filters
}

/**
 * One page of a list, and the cursor it started at. A mangled ?cursor= in a shared link shows the first
 * page rather than an error.
 */
async function fromCursor<T>(read: (cursor: string | undefined) => Promise<T>, cursor: string | undefined): Promise<[T, string | null]> {
  try {
    return [await read(cursor), cursor ?? null]
  } catch (error) {
    if (cursor === undefined || !(error instanceof WeGovError)) throw error
    return [await read(undefined), null]
  }
}

/** The labels GET /v1/vocabularies gives, in the same shape, without the HTTP round trip. */
export function vocabulariesIn(lang: Lang): NonNullable<PortalData['vocab']> {
  return Object.fromEntries(
    Object.entries(VOCABULARIES).map(([name, vocabulary]) => [
      name,
      Object.entries(vocabulary.terms).map(([code, labels]) => ({ code, label: labels[lang] })),
    ]),
  )
}

async function presentPetitions(db: Kysely<DB>, rows: PetitionRow[], lang: Lang): Promise<PresentedPetition[]> {
  const totals = await readTotals(db, rows.map((row) => row.id))
  const now = Date.now()
  return rows.map((row) => presentPetition({ content: presentPetitionContent(row, lang), timing: row }, totals.get(row.id) ?? 0, now))
}

/**
 * What a page shows besides the widgets, read through the API's own repositories and presenters, so the
 * page says what GET /v1/... says. Returns null when the item does not exist or is not public.
 */
export async function loadPortalData(
  db: Kysely<DB>,
  route: PortalRoute,
  options: { query: URLSearchParams; origin: string },
): Promise<PortalData | null> {
  const { lang } = route
  const cursor = options.query.get('cursor') || undefined
  switch (route.page) {
    case 'home': {
      const [projects, petitions, library] = await Promise.all([
        listProjects(db, {}, { limit: 3 }),
        listPetitions(db, { status: 'open' }, { limit: 3 }),
        listResources(db, { collection: 'library' }, { limit: 3 }),
      ])
      const now = Date.now()
      return {
        vocab: vocabulariesIn(lang),
        projects: projects.items.map((project) => presentProject(project, lang)),
        petitions: await presentPetitions(db, petitions.items, lang),
        library: library.items.map((row) => presentResource(row, lang, now)),
      }
    }
    case 'petitions': {
      const [page] = await fromCursor((from) => listPetitions(db, {}, { limit: 12, cursor: from }), cursor)
      return { petitions: await presentPetitions(db, page.items, lang), nextCursor: page.nextCursor }
    }
    case 'projects': {
      const filters = listFilters(route.page, options.query)
      const [page, from] = await fromCursor((start) => listProjects(db, filters, { limit: LIST_PAGE_SIZE, cursor: start }), cursor)
      return {
        cursor: from,
        vocab: vocabulariesIn(lang),
        projects: page.items.map((project) => presentProject(project, lang)),
        nextCursor: page.nextCursor,
        filters,
        pageSize: LIST_PAGE_SIZE,
      }
    }
    case 'learning':
    case 'library': {
      const filters = listFilters(route.page, options.query)
      const read = (start: string | undefined) => listResources(db, { ...filters, collection: route.page }, { limit: LIST_PAGE_SIZE, cursor: start })
      const [page, from] = await fromCursor(read, cursor)
      const now = Date.now()
      return {
        cursor: from,
        vocab: vocabulariesIn(lang),
        resources: page.items.map((row) => presentResource(row, lang, now)),
        nextCursor: page.nextCursor,
        filters,
        pageSize: LIST_PAGE_SIZE,
      }
    }
    case 'about': {
      const [partners, funders] = await Promise.all([
        listOrganisations(db, { partner: true }, { limit: 100 }),
        listOrganisations(db, { kind: 'funder' }, { limit: 100 }),
      ])
      return {
        vocab: vocabulariesIn(lang),
        partners: partners.items.map((row) => presentOrganisation(row, lang)),
        funders: funders.items.map((row) => presentOrganisation(row, lang)),
      }
    }
    case 'embed': {
      const [page, organisations] = await Promise.all([
        listPetitions(db, { status: 'open' }, { limit: 50 }),
        listOrganisations(db, {}, { limit: 100 }),
      ])
      return {
        vocab: vocabulariesIn(lang),
        petitions: await presentPetitions(db, page.items, lang),
        organisations: organisations.items.map((row) => presentOrganisation(row, lang)),
        origin: options.origin,
      }
    }
    case 'project': {
      const project = await findProject(db, route.slug!)
      if (!project || project.row.deleted_at) return null
      return { vocab: vocabulariesIn(lang), project: presentProject(project, lang) }
    }
    case 'resource': {
      const row = await findResource(db, route.slug!)
      if (!row || row.deleted_at) return null
      return { vocab: vocabulariesIn(lang), resource: presentResource(row, lang) }
    }
    case 'petition': {
      const row = await findPetition(db, route.slug!)
      if (!row || publicStatus(row) === null) return null
      const [totals, signers] = await Promise.all([readTotals(db, [row.id]), listPublicSignatures(db, row.id, { limit: LATEST_SIGNERS })])
      return {
        petition: presentPetition({ content: presentPetitionContent(row, lang), timing: row }, totals.get(row.id) ?? 0),
        signers: signers.items,
      }
    }
    default:
      return {}
  }
}

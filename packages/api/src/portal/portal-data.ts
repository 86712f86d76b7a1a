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
  project?: PresentedProject
  /** The newest projects (home page). */
  projects?: PresentedProject[]
  resource?: PresentedResource
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
  /** The resource kind a Learning or Library link asks for (`?kind=webinar`), when it is one. */
  kind?: string
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
  options: { cursor?: string | undefined; kind?: string | undefined; origin: string },
): Promise<PortalData | null> {
  const { lang } = route
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
      const page = await listPetitions(db, {}, { limit: 12, cursor: options.cursor }).catch((error: unknown) => {
        // A mangled ?cursor= in a shared link shows the first page rather than an error.
        if (error instanceof WeGovError) return listPetitions(db, {}, { limit: 12 })
        throw error
      })
      return { petitions: await presentPetitions(db, page.items, lang), nextCursor: page.nextCursor }
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
    case 'learning':
    case 'library':
      return options.kind && Object.hasOwn(VOCABULARIES.resourceKinds.terms, options.kind) ? { kind: options.kind } : {}
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

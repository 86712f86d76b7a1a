import type { Kysely } from 'kysely'
import type { ProjectInput, ResourceInput } from '../../src/content/content-inputs.js'
import { createOrganisation, createProject, createResource } from '../../src/content/content-store.js'
import type { DB } from '../../src/db/schema.js'

/**
 * Fixture content, created through the same internal write functions as real content, so tests also
 * exercise sanitisation and the search vectors. Tests create their fixtures before their first read:
 * the read cache is then never asked to forget anything.
 */

/** Three organisations: an Arabic-speaking NGO, a French-speaking funder, an English-speaking network. */
export const ORGANISATIONS = {
  ngo: 'jamiyat-al-hawkama',
  funder: 'fondation-jasmin',
  network: 'open-gov-network',
} as const

export async function createFixtureOrganisations(db: Kysely<DB>): Promise<void> {
  await createOrganisation(db, {
    slug: ORGANISATIONS.ngo,
    name: { ar: 'جمعية الحوكمة المحلية' },
    originalLang: 'ar',
    kind: 'ngo',
    country: 'TN',
    isPartner: true,
  })
  await createOrganisation(db, {
    slug: ORGANISATIONS.funder,
    name: { fr: 'Fondation Jasmin', en: 'Jasmine Foundation' },
    originalLang: 'fr',
    kind: 'funder',
    country: 'TN',
    website: 'https://jasmin.example.org',
  })
  await createOrganisation(db, {
    slug: ORGANISATIONS.network,
    name: { en: 'Open Government Network', fr: 'Réseau pour un gouvernement ouvert' },
    originalLang: 'en',
    kind: 'network',
    country: 'JO',
  })
}

let sequence = 0
function nextSlug(prefix: string): string {
  sequence += 1
  return `${prefix}-${sequence}`
}

/** A minimal valid project owned by the NGO; override what the test is about. */
export function projectInput(overrides: Partial<ProjectInput> = {}): ProjectInput {
  return {
    slug: nextSlug('project'),
    ownerSlug: ORGANISATIONS.ngo,
    title: { fr: 'Projet sans nom' },
    originalLang: 'fr',
    status: 'implementation',
    countries: ['TN'],
    themes: ['local-democracy'],
    participants: [],
    ...overrides,
  }
}

/** A minimal valid learning article owned by the NGO; override what the test is about. */
export function resourceInput(overrides: Partial<ResourceInput> = {}): ResourceInput {
  return {
    slug: nextSlug('resource'),
    ownerSlug: ORGANISATIONS.ngo,
    collection: 'learning',
    kind: 'article',
    title: { fr: 'Ressource sans nom' },
    originalLang: 'fr',
    languages: ['fr'],
    countries: ['TN'],
    themes: ['local-democracy'],
    publishedOn: '2024-01-01',
    ...overrides,
  }
}

export async function addProject(db: Kysely<DB>, overrides: Partial<ProjectInput> = {}) {
  const input = projectInput(overrides)
  const { id } = await createProject(db, input)
  return { id, slug: input.slug }
}

export async function addResource(db: Kysely<DB>, overrides: Partial<ResourceInput> = {}) {
  const input = resourceInput(overrides)
  const { id } = await createResource(db, input)
  return { id, slug: input.slug }
}

/** An ISO instant `days` from now (negative: in the past). */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString()
}

import type { TranslatedText } from '../../db/schema.js'
import { LANGS } from '../../i18n/languages.js'
import type { OrganisationRow } from '../organisations/organisation-repository.js'
import type { OrganisationsService } from '../organisations/organisations-plugin.js'
import type { ProjectsService } from '../projects/projects-plugin.js'
import type { ResourcesService } from '../resources/resources-plugin.js'
import type { FeedType } from './change-tags.js'

/** The services that own the feed's items (app.organisations, app.projects, app.resources). */
export interface FeedSources {
  organisations: Pick<OrganisationsService, 'liveByIds' | 'present'>
  projects: Pick<ProjectsService, 'findPublic' | 'present'>
  resources: Pick<ResourcesService, 'findPublic' | 'present'>
}

/**
 * The current public representation of items, for the change feed: the public item's fields, but each
 * text with every language as written (`{ar?, fr?, en?}`) instead of one language with its fallback, so
 * that a copy can serve any language itself. Only what is public now (published, not deleted): anything
 * else is absent from the map, and the feed reports it as a deletion. No drafts, no people, no actors.
 */
export async function loadPublicItems(sources: FeedSources, type: FeedType, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  if (ids.length === 0) return new Map()
  if (type === 'project') return publicProjects(sources.projects, ids)
  if (type === 'resource') return publicResources(sources.resources, ids)
  return publicOrganisations(sources.organisations, ids)
}

/** The languages of a translated text that have text, as stored. */
export function translations(texts: TranslatedText | null | undefined): TranslatedText | null {
  if (!texts) return null
  const present: TranslatedText = {}
  for (const lang of LANGS) {
    const text = texts[lang]
    if (typeof text === 'string' && text.trim() !== '') present[lang] = text
  }
  return Object.keys(present).length > 0 ? present : null
}

type RefRow = Pick<OrganisationRow, 'id' | 'slug' | 'name' | 'logo_url'>
const rawRef = (row: RefRow) => ({ id: row.id, slug: row.slug, name: translations(row.name) ?? {}, logoUrl: row.logo_url })

async function publicProjects(projects: FeedSources['projects'], ids: string[]) {
  const items = new Map<string, Record<string, unknown>>()
  for (const project of await projects.findPublic(ids)) {
    const { row, participants: rowParticipants } = project
    // The structure and the non-text fields are the public item's; only the texts are replaced.
    const presented = projects.present(project, row.original_lang)
    items.set(row.id, {
      ...presented,
      title: translations(row.title) ?? {},
      summary: translations(row.summary),
      description: translations(row.description),
      participants: rowParticipants.map((p) => ({ organisation: rawRef(p), role: p.role })),
      owner: rawRef({ id: row.owner_id, slug: row.owner_slug, name: row.owner_name, logo_url: row.owner_logo_url }),
    })
  }
  return items
}

async function publicResources(resources: FeedSources['resources'], ids: string[]) {
  const items = new Map<string, Record<string, unknown>>()
  for (const row of await resources.findPublic(ids)) {
    const presented = resources.present(row, row.original_lang)
    items.set(row.id, {
      ...presented,
      title: translations(row.title) ?? {},
      summary: translations(row.summary),
      body: translations(row.body),
      owner: rawRef({ id: row.owner_id, slug: row.owner_slug, name: row.owner_name, logo_url: row.owner_logo_url }),
      publisher:
        row.publisher_id && row.publisher_slug && row.publisher_name
          ? rawRef({ id: row.publisher_id, slug: row.publisher_slug, name: row.publisher_name, logo_url: row.publisher_logo_url ?? null })
          : null,
    })
  }
  return items
}

async function publicOrganisations(organisations: FeedSources['organisations'], ids: string[]) {
  const rows = (await organisations.liveByIds(ids)).values()
  return new Map<string, Record<string, unknown>>(
    [...rows].map((row) => [row.id, { ...organisations.present(row, row.original_lang), name: translations(row.name) ?? {}, description: translations(row.description) }]),
  )
}

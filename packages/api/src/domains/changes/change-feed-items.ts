import type { Kysely } from 'kysely'
import type { DB, TranslatedText } from '../../db/schema.js'
import { LANGS } from '../../i18n/languages.js'
import { type OrganisationRow, presentOrganisation } from '../organisations/organisation-repository.js'
import { liveOrganisationsByIds } from '../organisations/organisation-refs.js'
import { type ParticipantRow, loadParticipants, presentProject, selectProjects } from '../projects/project-repository.js'
import { presentResource, selectResources } from '../resources/resource-repository.js'
import type { FeedType } from './change-tags.js'

/**
 * The current public representation of items, for the change feed: the public item's fields, but each
 * text with every language as written (`{ar?, fr?, en?}`) instead of one language with its fallback, so
 * that a copy can serve any language itself. Only what is public now (published, not deleted): anything
 * else is absent from the map, and the feed reports it as a deletion. No drafts, no people, no actors.
 */
export async function loadPublicItems(db: Kysely<DB>, type: FeedType, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  if (ids.length === 0) return new Map()
  if (type === 'project') return publicProjects(db, ids)
  if (type === 'resource') return publicResources(db, ids)
  return publicOrganisations(db, ids)
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

async function publicProjects(db: Kysely<DB>, ids: string[]) {
  const rows = await selectProjects(db)
    .where('p.id', 'in', ids)
    .where('p.state', '=', 'published')
    .where('p.deleted_at', 'is', null)
    .execute()
  const participants = await loadParticipants(db, rows.map((row) => row.id))
  const items = new Map<string, Record<string, unknown>>()
  for (const row of rows) {
    const rowParticipants: ParticipantRow[] = participants.get(row.id) ?? []
    // The structure and the non-text fields are the public item's; only the texts are replaced.
    const presented = presentProject({ row, participants: rowParticipants }, row.original_lang)
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

async function publicResources(db: Kysely<DB>, ids: string[]) {
  const rows = await selectResources(db)
    .select('r.body')
    .where('r.id', 'in', ids)
    .where('r.state', '=', 'published')
    .where('r.deleted_at', 'is', null)
    .execute()
  const items = new Map<string, Record<string, unknown>>()
  for (const row of rows) {
    const presented = presentResource(row, row.original_lang)
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

async function publicOrganisations(db: Kysely<DB>, ids: string[]) {
  const rows = (await liveOrganisationsByIds(db, ids)).values()
  return new Map<string, Record<string, unknown>>(
    [...rows].map((row) => [row.id, { ...presentOrganisation(row, row.original_lang), name: translations(row.name) ?? {}, description: translations(row.description) }]),
  )
}

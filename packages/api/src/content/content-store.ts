import { randomUUID } from 'node:crypto'
import { type Kysely, type Transaction, sql } from 'kysely'
import type { ContentState, DB, TranslatedText } from '../db/schema.js'
import { inTransaction } from '../db/transaction.js'
import { searchVector } from '../search/search-vector.js'
import type { OrganisationInput, ProjectInput, ResourceInput } from './content-inputs.js'
import { sanitiseTranslatedHtml, translatedHtmlToText } from './rich-text.js'
import { isUuid } from '../http/schemas.js'
import { recordChange } from '../domains/changes/change-log.js'
import { liveOrganisationIdsBySlug } from '../domains/organisations/organisation-refs.js'
import { insertOrganisationRow, softDeleteOrganisation } from '../domains/organisations/organisation-store.js'

/**
 * The internal write functions: the demo loader, the tests and the write API create content only
 * through these, so every record gets a sanitised body, a search vector and resolved organisations.
 * Each create is one transaction. The content tables' triggers then NOTIFY the read caches.
 *
 * They throw a plain Error on inputs no public route can produce (an unknown organisation slug, a
 * javascript: URL); the write API validates its input before calling them.
 */

export async function createOrganisation(db: Kysely<DB>, input: OrganisationInput): Promise<{ id: string }> {
  const id = input.id ?? randomUUID()
  checkSlug(input.slug)
  return inTransaction(db, async (trx) => {
    const ownedByAnother = input.ownerSlug !== undefined && input.ownerSlug !== input.slug
    const ownerId = ownedByAnother ? (await resolveSlugs(trx, [input.ownerSlug!], NONE_KNOWN)).get(input.ownerSlug!)! : id
    await insertOrganisationRow(trx, {
      id,
      slug: input.slug,
      owner_organisation_id: ownerId,
      name: json(input.name),
      description: json(input.description ?? {}),
      original_lang: input.originalLang,
      kind: input.kind,
      country: input.country,
      website: checkUrl(input.website, 'website'),
      logo_url: checkUrl(input.logoUrl, 'logoUrl'),
      is_partner: input.isPartner ?? false,
      ...(input.licence ? { licence: input.licence } : {}),
      iati_identifier: input.iatiIdentifier ?? null,
      ...creationTimes(input.createdAt),
    })
    return { id }
  })
}

/**
 * Organisation ids by slug that the caller found live earlier in the same transaction (the write API's
 * checks do): the store does not ask the database for them again.
 */
export type LiveOrganisations = ReadonlyMap<string, string>

const NONE_KNOWN: LiveOrganisations = new Map()

export async function createProject(db: Kysely<DB>, input: ProjectInput): Promise<{ id: string }> {
  return inTransaction(db, (trx) => insertProject(trx, input))
}

/** createProject inside the caller's transaction (the write API records its change-log event in it too). */
export async function insertProject(trx: Transaction<DB>, input: ProjectInput, known = NONE_KNOWN): Promise<{ id: string }> {
  const id = input.id ?? randomUUID()
  checkSlug(input.slug)
  const organisations = await resolveSlugs(trx, projectSlugs(input), known)
  await trx
    .insertInto('projects')
    .values({ id, ...projectRow(input, organisations), ...creationTimes(input.createdAt), ...firstState(input.state) })
    .execute()
  await insertParticipants(trx, id, input, organisations)
  return { id }
}

/**
 * Replaces every field of a live project and its participants, inside the caller's transaction, as the next
 * version. Returns false when there is no live project with this id. `keepParticipants`: the caller knows
 * they are the ones stored (a patch that leaves them alone), so their rows are not rewritten.
 */
export async function replaceProject(
  trx: Transaction<DB>,
  id: string,
  input: ProjectInput,
  known = NONE_KNOWN,
  options: { keepParticipants?: boolean } = {},
): Promise<boolean> {
  checkSlug(input.slug)
  if (!isUuid(id)) return false
  const organisations = await resolveSlugs(trx, projectSlugs(input), known)
  const result = await trx
    .updateTable('projects')
    .set({ ...projectRow(input, organisations), ...nextVersion(input.state), updated_at: sql`now()` })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) return false
  if (options.keepParticipants) return true
  await trx.deleteFrom('project_organisations').where('project_id', '=', id).execute()
  await insertParticipants(trx, id, input, organisations)
  return true
}

/**
 * Replaces every field of a live project (a PUT, not a patch) and its participants, in one transaction.
 * Returns false when there is no live project with this id.
 */
export async function updateProject(db: Kysely<DB>, id: string, input: ProjectInput): Promise<boolean> {
  return inTransaction(db, (trx) => replaceProject(trx, id, input))
}

function projectSlugs(input: ProjectInput): string[] {
  return [input.ownerSlug, ...input.participants.map((p) => p.organisationSlug)]
}

function projectRow(input: ProjectInput, organisations: Map<string, string>) {
  return {
    slug: input.slug,
    owner_organisation_id: organisations.get(input.ownerSlug)!,
    title: json(input.title),
    summary: json(input.summary ?? {}),
    description: json(input.description ?? {}),
    original_lang: input.originalLang,
    status: input.status,
    planned_start: input.plannedStart ?? null,
    planned_end: input.plannedEnd ?? null,
    actual_start: input.actualStart ?? null,
    actual_end: input.actualEnd ?? null,
    countries: input.countries,
    themes: input.themes,
    budget_amount: input.budget?.amount ?? null,
    budget_currency: input.budget?.currency ?? null,
    website: checkUrl(input.website, 'website'),
    contact_name: input.contact?.name ?? null,
    contact_url: checkUrl(input.contact?.url, 'contact.url'),
    search: searchVector({ title: input.title, summary: input.summary, body: input.description }),
  }
}

async function insertParticipants(trx: Transaction<DB>, projectId: string, input: ProjectInput, organisations: Map<string, string>) {
  const participants = uniqueBy(input.participants, (p) => `${p.organisationSlug} ${p.role}`)
  if (participants.length === 0) return
  await trx
    .insertInto('project_organisations')
    .values(participants.map((p) => ({ project_id: projectId, organisation_id: organisations.get(p.organisationSlug)!, role: p.role })))
    .execute()
}

export async function createResource(db: Kysely<DB>, input: ResourceInput): Promise<{ id: string }> {
  return inTransaction(db, (trx) => insertResource(trx, input))
}

/** createResource inside the caller's transaction. */
export async function insertResource(trx: Transaction<DB>, input: ResourceInput, known = NONE_KNOWN): Promise<{ id: string }> {
  const id = input.id ?? randomUUID()
  checkSlug(input.slug)
  const organisations = await resolveSlugs(trx, resourceSlugs(input), known)
  await trx
    .insertInto('resources')
    .values({ id, ...resourceRow(input, organisations), ...creationTimes(input.createdAt), ...firstState(input.state) })
    .execute()
  await attachProjects(trx, id, input.projectIds ?? [])
  return { id }
}

/** Attaches a resource to these projects (a new resource, or one whose attachments were just cleared). */
async function attachProjects(trx: Transaction<DB>, resourceId: string, projectIds: string[]): Promise<void> {
  if (projectIds.length > 0) await trx.insertInto('resource_projects').values(projectIds.map((projectId) => ({ resource_id: resourceId, project_id: projectId }))).execute()
}

/** Replaces every field of a live resource (a PUT, not a patch). Returns false when there is none. */
export async function updateResource(db: Kysely<DB>, id: string, input: ResourceInput): Promise<boolean> {
  return inTransaction(db, (trx) => replaceResource(trx, id, input))
}

/** updateResource inside the caller's transaction, as the next version. */
export async function replaceResource(trx: Transaction<DB>, id: string, input: ResourceInput, known = NONE_KNOWN): Promise<boolean> {
  checkSlug(input.slug)
  if (!isUuid(id)) return false
  const organisations = await resolveSlugs(trx, resourceSlugs(input), known)
  const result = await trx
    .updateTable('resources')
    .set({ ...resourceRow(input, organisations), ...nextVersion(input.state), updated_at: sql`now()` })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  const replaced = Number(result.numUpdatedRows) > 0
  // Undefined keeps the current attachments; a list replaces them.
  if (replaced && input.projectIds !== undefined) {
    await trx.deleteFrom('resource_projects').where('resource_id', '=', id).execute()
    await attachProjects(trx, id, input.projectIds)
  }
  return replaced
}

/** A new item's state; a published one is published from its creation on (its slug is stable from then). */
function firstState(state: ContentState | undefined) {
  const published = (state ?? 'published') === 'published'
  return { state: state ?? 'published', first_published_at: published ? sql<Date>`now()` : null }
}

/** Every write is a new version; the first publication is remembered (slugs are stable from then on). */
function nextVersion(state: ContentState | undefined) {
  return {
    version: sql<number>`version + 1`,
    ...(state === undefined ? {} : { state }),
    ...(state === 'published' ? { first_published_at: sql<Date>`coalesce(first_published_at, now())` } : {}),
  }
}

function resourceSlugs(input: ResourceInput): string[] {
  return [input.ownerSlug, ...(input.publisherSlug ? [input.publisherSlug] : [])]
}

function resourceRow(input: ResourceInput, organisations: Map<string, string>) {
  const body = sanitiseTranslatedHtml(input.body)
  return {
    slug: input.slug,
    owner_organisation_id: organisations.get(input.ownerSlug)!,
    collection: input.collection,
    kind: input.kind,
    title: json(input.title),
    summary: json(input.summary ?? {}),
    body: json(body),
    original_lang: input.originalLang,
    languages: input.languages,
    url: checkUrl(input.url, 'url'),
    file_url: checkUrl(input.file?.url, 'file.url'),
    file_type: input.file?.type ?? null,
    file_size: input.file?.size ?? null,
    file_id: input.fileId ?? null,
    countries: input.countries,
    themes: input.themes,
    publisher_organisation_id: input.publisherSlug ? organisations.get(input.publisherSlug)! : null,
    published_on: input.publishedOn ?? null,
    licence: input.licence ?? null,
    starts_at: input.webinar?.startsAt ?? null,
    ends_at: input.webinar?.endsAt ?? null,
    join_url: checkUrl(input.webinar?.joinUrl, 'webinar.joinUrl'),
    recording_url: checkUrl(input.webinar?.recordingUrl, 'webinar.recordingUrl'),
    cancelled_at: input.webinar?.cancelledAt ?? null,
    duration_seconds: input.durationSeconds ?? null,
    search: searchVector({ title: input.title, summary: input.summary, body: translatedHtmlToText(body) }),
  }
}

const TABLE_OF = { project: 'projects', resource: 'resources' } as const

/**
 * Deletes by leaving a tombstone (deleted_at), so a replicating node learns of the deletion and a reader
 * of the old address gets 410 Gone. Returns false when there was nothing (left) to delete.
 *
 * Like every content write it records the change-log event in the same transaction: /v1/deletions,
 * the change feed and the read caches' invalidation all read it.
 */
export async function deleteContent(
  db: Kysely<DB>,
  type: 'organisation' | 'project' | 'resource',
  id: string,
): Promise<boolean> {
  if (!isUuid(id)) return false
  return inTransaction(db, async (trx) => {
    const deleted = await (type === 'organisation'
      ? softDeleteOrganisation(trx, id)
      : trx
          .updateTable(TABLE_OF[type])
          .set((eb) => ({ deleted_at: sql`now()`, updated_at: sql`now()`, version: eb('version', '+', 1) }))
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .returning(['owner_organisation_id as owner', 'version'])
          .executeTakeFirst())
    if (!deleted) return false
    await recordChange(trx, null, {
      action: `${type}.deleted`,
      subjectType: type,
      subjectId: id,
      organisationId: deleted.owner,
      version: deleted.version ?? undefined,
      public: true,
    })
    return true
  })
}

/**
 * A record made earlier elsewhere keeps its own creation time, which is also its last update (nothing
 * changed since). Without one, the column defaults (now()) apply.
 */
function creationTimes(createdAt: string | undefined): { created_at?: string; updated_at?: string } {
  if (createdAt === undefined) return {}
  // A time zone is required: without one PostgreSQL would read the instant in the session's time zone.
  if (!INSTANT.test(createdAt)) throw new Error(`createdAt must be an ISO instant with a time zone: ${createdAt}`)
  return { created_at: createdAt, updated_at: createdAt }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

function checkSlug(slug: string): void {
  if (!SLUG.test(slug) || slug.length > 100) throw new Error(`Invalid slug "${slug}": use lowercase letters, digits and dashes`)
}

/** Only web links are ever served: a javascript: or data: URL in a public record would be an attack vector. */
function checkUrl(url: string | null | undefined, field: string): string | null {
  if (url === undefined || url === null || url === '') return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error(`${field} is not a URL: ${url}`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`${field} must be an http(s) URL: ${url}`)
  return url
}

/**
 * Maps live organisation slugs to ids, asking only for those not already `known`; an unknown (or deleted)
 * slug is an error, not a silent null.
 */
async function resolveSlugs(trx: Transaction<DB>, slugs: string[], known: LiveOrganisations): Promise<Map<string, string>> {
  const wanted = [...new Set(slugs)]
  const found = await liveOrganisationIdsBySlug(trx, wanted.filter((slug) => !known.has(slug)))
  for (const slug of wanted) if (known.has(slug)) found.set(slug, known.get(slug)!)
  const missing = wanted.filter((slug) => !found.has(slug))
  if (missing.length > 0) throw new Error(`Unknown organisation slug(s): ${missing.join(', ')}`)
  return found
}

/** JSONB values go in as JSON text: a bare object parameter would be sent as a PostgreSQL record. */
function json(texts: TranslatedText): string {
  return JSON.stringify(texts)
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)))
}

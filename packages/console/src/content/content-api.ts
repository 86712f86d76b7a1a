import type { Project, ProjectPatch, ProjectWrite, ResourcePatch, ResourceWrite } from '@wegov/sdk'
import type { LocalizedText } from '../shared/api-types.js'
import { currentLang } from '../shared/localization.js'
import { state } from '../shared/state.js'
import type { ContentSource, ContentState, ContentType, Versioned } from './content-source.js'

/** A listed item as the console reads it: its id, slug and (authenticated reads) state. */
export interface ListedItem {
  id: string
  slug: string
  state?: ContentState
}

export interface ListParams {
  organisation: string
  state: ContentState
  q?: string
  country?: string
  kind?: string
  collection?: string
  limit?: number
}

/**
 * The editors' calls for one content type, through the SDK's publishing namespaces (client.projects.* and
 * client.resources.*) of the console's client: WeGov's own origin, the session cookie, the reader's
 * language. Failures are the SDK's errors; a stale If-Match is its ConflictError with `currentEtag`.
 * The editors build their bodies from the form's fields (content-fields.ts), whose keys are the write
 * schemas' own, so the bodies are handed to the SDK as its write types.
 */
export function contentApi(type: ContentType) {
  // Read at every call: a change of language replaces the client (state.setLang).
  const sdk = () => (type === 'projects' ? state.api.sdk.projects : state.api.sdk.resources)
  const writes = () => state.api.sdk[type] as unknown as {
    create(organisationId: string, input: ProjectWrite | ResourceWrite, options: { idempotencyKey: string }): Promise<Versioned>
    source(id: string): Promise<Versioned>
    update(id: string, patch: ProjectPatch | ResourcePatch, options: { ifMatch: string }): Promise<Versioned>
    publish(id: string, options: { ifMatch: string }): Promise<Versioned>
    unpublish(id: string, options: { ifMatch: string }): Promise<Versioned>
    remove(id: string, options: { ifMatch: string }): Promise<void>
    restore(id: string): Promise<Versioned>
  }
  return {
    create: (organisationId: string, input: Record<string, unknown>, idempotencyKey: string) =>
      writes().create(organisationId, input as ProjectWrite | ResourceWrite, { idempotencyKey }),
    source: (id: string) => writes().source(id),
    update: (id: string, patch: Record<string, unknown>, ifMatch: string) => writes().update(id, patch as ProjectPatch | ResourcePatch, { ifMatch }),
    setState: (id: string, next: ContentState, ifMatch: string) =>
      next === 'published' ? writes().publish(id, { ifMatch }) : writes().unpublish(id, { ifMatch }),
    remove: (id: string, ifMatch: string) => writes().remove(id, { ifMatch }),
    restore: (id: string) => writes().restore(id),
    /**
     * One page of an organisation's items in one state: drafts with `state=draft` (the session's cookie
     * makes them visible), published ones through the list as everybody reads it. Always fresh: the editor
     * has just changed them.
     */
    list: async ({ state: wanted, organisation, ...params }: ListParams): Promise<{ items: ListedItem[]; nextCursor: string | null }> => {
      const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''))
      const list = sdk().list as (params: object, options: { fresh: boolean }) => PromiseLike<{ items: ListedItem[]; nextCursor: string | null }>
      // Its own items only: the public list's `organisation` also matches the projects it takes part in and
      // the resources it published for another, which its editors cannot edit.
      return list(wanted === 'draft' ? { ...query, organisation, state: 'draft' } : { ...query, owner: organisation }, { fresh: true })
    },
  }
}

export type ContentApi = ReturnType<typeof contentApi>

/** The organisation's slug, which the list filters take: from the person's memberships, else its profile (admins). */
export async function organisationSlugOf(organisationId: string): Promise<string> {
  const membership = state.me?.memberships.find((m) => m.organisation.id === organisationId)
  if (membership) return membership.organisation.slug
  return (await state.api.organisations.profile(organisationId)).slug
}

/** A project a resource may be attached to, titled in the reader's language (or the one it falls back to). */
export interface ProjectChoice {
  id: string
  title: LocalizedText
  draft: boolean
}

/** Every page of a project list, 100 at a time, read fresh (a project may have just been written). */
const allProjects = (params: { organisation: string; state?: 'draft' }): Promise<Project[]> =>
  state.api.sdk.projects.list({ ...params, limit: 100 }, { fresh: true }).collect()

/**
 * The projects an organisation's resource may be attached to: the published ones it runs or takes part in
 * (the public list's `organisation` filter matches both), and its own drafts, which its editors may read.
 * Sorted by title in the reader's language.
 */
export async function projectChoices(organisationId: string): Promise<ProjectChoice[]> {
  const organisation = await organisationSlugOf(organisationId)
  const [published, drafts] = await Promise.all([allProjects({ organisation }), allProjects({ organisation, state: 'draft' })])
  const choices = new Map<string, ProjectChoice>()
  for (const project of published) choices.set(project.id, { id: project.id, title: project.title, draft: false })
  for (const project of drafts) choices.set(project.id, { id: project.id, title: project.title, draft: true })
  const collator = new Intl.Collator(currentLang())
  return [...choices.values()].sort((a, b) => collator.compare(a.title.text, b.title.text))
}
export type { ContentSource }

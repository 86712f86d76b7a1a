import { type Kysely, sql } from 'kysely'
import type { ResourceInput } from '../../content/content-inputs.js'
import { insertResource, replaceResource } from '../../content/content-store.js'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'
import { preparedAs } from '../../db/prepared-statements.js'
import { isUuid } from '../../http/schemas.js'
import type { Collection, ResourceKind, Theme } from '../vocabulary/terms.js'
import { type ContentKind, type ResourceSource, type StoredItem, type WriteDocument, editableFields, editableItem, iso, sourceHeader } from './content-kind.js'
import { type StoredFileRef, resourceFileOf } from '../files/resource-file.js'
import { refreshResourceSearch } from '../resources/resource-files.js'
import { FieldChecks } from './write-checks.js'
import { organisationSlugOf } from '../organisations/organisation-refs.js'

interface ResourceWriteDocument {
  originalLang?: Lang
  collection?: Collection
  kind?: ResourceKind
  title?: TranslatedText
  summary?: TranslatedText
  body?: TranslatedText
  languages?: Lang[]
  url?: string | null
  countries?: string[]
  themes?: Theme[]
  publisher?: string | null
  publishedOn?: string | null
  licence?: string | null
  webinar?: { startsAt: string; endsAt?: string | null; joinUrl?: string | null; recordingUrl?: string | null; cancelledAt?: string | null } | null
  durationSeconds?: number | null
  /** Shown in the source; kept as it is by writes, unless fileId names an upload. */
  file?: unknown
  fileId?: string | null
  /** Ids of projects the owner runs or takes part in. */
  projects?: string[]
}

/**
 * The resource kind of the write API. `publicUrl` gives the node's public URL when a write runs (with PORT=0
 * it is known only once listening): an uploaded file's `file.url` is built on it.
 */
export function resourceKindFor(publicUrl: () => string, fileAttached: () => void = () => {}): ContentKind<ResourceSource> {
  return {
    ...resourceKind,
    async check(db, document, owner) {
      const checked = await resourceKind.check(db, document, owner)
      const fileId = (document as ResourceWriteDocument).fileId ?? null
      const withFile = (trx: Kysely<DB>, item: { ownerSlug: string }) =>
        resourceFileOf(trx, { fileId, ownerSlug: item.ownerSlug, publicUrl: publicUrl(), current: checked.clean.file as StoredFileRef | null })
      // With an upload, the search includes its text (if already read) and the extraction job is woken.
      const afterStore = async (trx: Kysely<DB>, id: string) => {
        if (fileId === null) return
        await refreshResourceSearch(trx, { resourceId: id })
        fileAttached()
      }
      return {
        // fileId is part of what a write changes: a patch that only attaches or removes a document is a
        // new version with its event, not a no-op.
        clean: { ...checked.clean, fileId },
        store: {
          insert: async (trx, item) => {
            await insertResource(trx, inputOf(checked.clean, item, await withFile(trx, item), fileId))
            await afterStore(trx, item.id)
          },
          replace: async (trx, item) => {
            const replaced = await replaceResource(trx, item.id, keepingProjects(inputOf(checked.clean, item, await withFile(trx, item), fileId), item))
            await afterStore(trx, item.id)
            return replaced
          },
        },
      }
    },
  }
}

/** A patch that leaves the projects alone does not rewrite their rows (projectIds undefined keeps them). */
function keepingProjects(input: ResourceInput, item: StoredItem): ResourceInput {
  return item.changed !== undefined && !item.changed.includes('projects') ? { ...input, projectIds: undefined } : input
}

/** The stored input of a checked resource document, with the file it offers. */
function inputOf(clean: WriteDocument, item: { id: string; slug: string; ownerSlug: string; state: ResourceInput['state'] }, file: StoredFileRef | null, fileId: string | null): ResourceInput {
  const c = clean as WriteDocument & { publisher: string | null; webinar: unknown; projects: string[] }
  return { id: item.id, slug: item.slug, ownerSlug: item.ownerSlug, state: item.state, ...(c as object), publisherSlug: c.publisher, projectIds: c.projects, webinar: c.webinar as ResourceInput['webinar'], file: file as ResourceInput['file'], fileId } as ResourceInput
}

export const resourceKind: ContentKind<ResourceSource> = {
  type: 'resource',
  translatedFields: ['title', 'summary', 'body'],

  async load(db, id, options = {}) {
    if (!isUuid(id)) return undefined
    // One round trip: the row with its owner's and publisher's slugs. The lock takes the resource's row only.
    let query = db
      .selectFrom('resources')
      .selectAll('resources')
      .select([
        organisationSlugOf('resources.owner_organisation_id').as('owner_slug'),
        organisationSlugOf('resources.publisher_organisation_id').as('publisher_slug'),
        // In id order: the source compares equal however they were sent.
        sql<string[]>`ARRAY(SELECT rp.project_id::text FROM resource_projects rp WHERE rp.resource_id = resources.id ORDER BY 1)`.as('project_ids'),
      ])
      .where('resources.id', '=', id)
    if (options.lock) query = query.forUpdate()
    const found = await query.modifyEnd(preparedAs(options.lock ? 'resource-load-locked' : 'resource-load')).executeTakeFirst()
    if (!found || found.owner_slug === null) return undefined
    const row = { ...found, owner_slug: found.owner_slug }
    const source: ResourceSource = {
      ...sourceHeader(row),
      collection: row.collection as Collection,
      kind: row.kind as ResourceKind,
      title: row.title,
      summary: row.summary,
      body: row.body,
      languages: row.languages as Lang[],
      url: row.url,
      countries: row.countries,
      themes: row.themes as Theme[],
      publisher: row.publisher_slug,
      publishedOn: row.published_on,
      licence: row.licence,
      webinar: row.starts_at
        ? { startsAt: row.starts_at.toISOString(), endsAt: iso(row.ends_at), joinUrl: row.join_url, recordingUrl: row.recording_url, cancelledAt: iso(row.cancelled_at) }
        : null,
      durationSeconds: row.duration_seconds,
      file: row.file_url && row.file_type && row.file_size !== null ? { url: row.file_url, type: row.file_type, size: row.file_size } : null,
      fileId: row.file_id,
      projects: row.project_ids,
    }
    return editableItem(row, source)
  },

  writeOf: editableFields,

  async check(db: Kysely<DB>, document: WriteDocument, owner: { id: string }) {
    const write = document as ResourceWriteDocument
    const checks = new FieldChecks()
    checks.required('originalLang', write.originalLang)
    checks.required('collection', write.collection)
    checks.required('kind', write.kind)
    const title = checks.text('title', write.title)
    if (write.originalLang) checks.original('title', title, write.originalLang)
    if (write.publisher) await checks.organisations(db, [{ field: 'publisher', slug: write.publisher }])
    await checkProjects(db, checks, write.projects ?? [], owner.id)
    const projects = [...new Set(write.projects ?? [])].sort()
    const webinar = write.webinar
      ? {
          // As the source shows instants (UTC, milliseconds), so that resending one is no change.
          startsAt: new Date(write.webinar.startsAt).toISOString(),
          endsAt: write.webinar.endsAt ? new Date(write.webinar.endsAt).toISOString() : null,
          joinUrl: checks.url('webinar.joinUrl', write.webinar.joinUrl),
          recordingUrl: checks.url('webinar.recordingUrl', write.webinar.recordingUrl),
          cancelledAt: write.webinar.cancelledAt ? new Date(write.webinar.cancelledAt).toISOString() : null,
        }
      : null
    if (webinar) checks.order('webinar.startsAt', webinar.startsAt, 'webinar.endsAt', webinar.endsAt)
    const file = (write.file ?? null) as ResourceInput['file']
    const clean = {
      originalLang: write.originalLang!,
      collection: write.collection!,
      kind: write.kind!,
      title,
      summary: checks.text('summary', write.summary, true),
      body: checks.html(write.body),
      languages: write.languages ?? [],
      url: checks.url('url', write.url),
      countries: checks.countries('countries', write.countries),
      themes: write.themes ?? [],
      publisher: write.publisher ?? null,
      publishedOn: write.publishedOn ?? null,
      licence: write.licence?.trim() || null,
      webinar,
      durationSeconds: write.durationSeconds ?? null,
      file,
      projects,
    }
    checks.settle()
    const input = (item: { id: string; slug: string; ownerSlug: string; state: ResourceInput['state'] }): ResourceInput => ({
      id: item.id,
      slug: item.slug,
      ownerSlug: item.ownerSlug,
      state: item.state,
      ...clean,
      publisherSlug: clean.publisher,
      projectIds: clean.projects,
      // A webinar may have no announced end yet; the column allows it.
      webinar: clean.webinar as ResourceInput['webinar'],
    })
    return {
      clean,
      store: {
        insert: async (trx, item) => void (await insertResource(trx, input(item))),
        replace: (trx, item) => replaceResource(trx, item.id, keepingProjects(input(item), item)),
      },
    }
  },
}

/**
 * A resource is attached only to projects its owner runs or takes part in (live ones, drafts included): an
 * organisation cannot hang its documents on another's project. Each other id is a field error.
 */
async function checkProjects(db: Kysely<DB>, checks: FieldChecks, ids: string[], ownerId: string): Promise<void> {
  if (ids.length === 0) return
  const related = await db
    .selectFrom('projects as p')
    .select('p.id')
    .where('p.id', 'in', [...new Set(ids)])
    .where('p.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('p.owner_organisation_id', '=', ownerId),
        eb.exists(eb.selectFrom('project_organisations as po').select('po.project_id').whereRef('po.project_id', '=', 'p.id').where('po.organisation_id', '=', ownerId)),
      ]),
    )
    .execute()
  const found = new Set(related.map((row) => row.id))
  ids.forEach((id, index) => {
    if (!found.has(id)) checks.fail(`projects.${index}`, 'WEGOV_UNRELATED_PROJECT', `no project ${id} of the owner's`)
  })
}

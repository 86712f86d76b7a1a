import type { Kysely } from 'kysely'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'

/** A public resource attached to a project, as a project's document list (the IATI document links) shows it. */
export interface AttachedResource {
  title: TranslatedText
  languages: Lang[]
  /** Its uploaded or linked document, else its page elsewhere; null: nothing to link to. */
  url: string | null
  /** The document's media type; text/html for a page. */
  format: string
  publishedOn: string | null
}

/**
 * The ids of every project this resource is attached to, whatever their state: the caller keeps the public
 * ones, and a cached reply is forgotten when any of them changes (a draft published joins the list).
 */
export async function attachedProjectIds(db: Kysely<DB>, resourceId: string): Promise<string[]> {
  const rows = await db.selectFrom('resource_projects').select('project_id').where('resource_id', '=', resourceId).execute()
  return rows.map((row) => row.project_id)
}

/**
 * The public resources (published, not deleted) attached to each of these projects, newest first: one
 * query for a page of projects. A resource with neither a file nor an address is there with `url` null.
 */
export async function attachedResources(db: Kysely<DB>, projectIds: readonly string[]): Promise<Map<string, AttachedResource[]>> {
  const attached = new Map<string, AttachedResource[]>()
  if (projectIds.length === 0) return attached
  const rows = await db
    .selectFrom('resource_projects as rp')
    .innerJoin('resources as r', 'r.id', 'rp.resource_id')
    .select(['rp.project_id', 'r.title', 'r.languages', 'r.url', 'r.file_url', 'r.file_type', 'r.recording_url', 'r.published_on'])
    .where('rp.project_id', 'in', [...projectIds])
    .where('r.state', '=', 'published')
    .where('r.deleted_at', 'is', null)
    .orderBy('rp.project_id')
    .orderBy('r.published_on', (ob) => ob.desc().nullsLast())
    .orderBy('r.id')
    .execute()
  for (const row of rows) {
    const fileUrl = row.file_url && row.file_type ? row.file_url : null
    const resource: AttachedResource = {
      title: row.title,
      languages: row.languages as Lang[],
      url: fileUrl ?? row.url ?? row.recording_url,
      format: fileUrl ? row.file_type! : 'text/html',
      publishedOn: row.published_on,
    }
    attached.set(row.project_id, [...(attached.get(row.project_id) ?? []), resource])
  }
  return attached
}

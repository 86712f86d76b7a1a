import { requestWithHeaders, segment, type Transport } from './transport.js'
import type { CallOptions, ProjectPatch, ProjectSource, ProjectWrite, ResourcePatch, ResourceSource, ResourceWrite } from './types.js'

/*
 * The publishing API: create, read the source of, merge-patch, publish, unpublish, delete and restore
 * projects and resources. Edits name the version they change (`ifMatch`: the `etag` the last call gave): a
 * stale one throws a ConflictError (WEGOV_EDIT_CONFLICT) with the `currentEtag`, so nothing is overwritten.
 */

type Options = Omit<CallOptions, 'fresh'>
export type CreateOptions = Options & { idempotencyKey?: string }
export type EditOptions = Options & { ifMatch: string }
/** An item as its editors edit it, with the ETag of that version. */
export interface Edited<T> {
  item: T
  etag: string
}

type Plural = 'projects' | 'resources'

async function edited<T>(t: Transport, path: string, options: Parameters<typeof requestWithHeaders>[2]): Promise<Edited<T>> {
  const { body, headers } = await requestWithHeaders<T>(t, path, options)
  return { item: body, etag: headers.get('etag') ?? '' }
}

const create = <T>(t: Transport, plural: Plural, organisationId: string, body: unknown, options: CreateOptions = {}) =>
  edited<T>(t, `/v1/organisations/${segment(organisationId)}/${plural}`, { method: 'POST', body, ...options })

const source = <T>(t: Transport, plural: Plural, id: string, options: CallOptions = {}) =>
  // Always from the API: an editor must never start from a cached version.
  edited<T>(t, `/v1/${plural}/${segment(id)}/source`, { ...options, fresh: true })

const update = <T>(t: Transport, plural: Plural, id: string, patch: unknown, options: EditOptions) =>
  edited<T>(t, `/v1/${plural}/${segment(id)}`, { method: 'PATCH', body: patch, contentType: 'application/merge-patch+json', ...options })

const remove = async (t: Transport, plural: Plural, id: string, options: EditOptions): Promise<void> => {
  await requestWithHeaders<void>(t, `/v1/${plural}/${segment(id)}`, { method: 'DELETE', ...options })
}

const restore = <T>(t: Transport, plural: Plural, id: string, options: Options = {}) =>
  // Restoring twice restores once: safe to retry.
  edited<T>(t, `/v1/${plural}/${segment(id)}/restore`, { method: 'POST', idempotent: true, ...options })

export const createProject = (t: Transport, organisationId: string, body: ProjectWrite, options?: CreateOptions) =>
  create<ProjectSource>(t, 'projects', organisationId, body, options)
export const getProjectSource = (t: Transport, id: string, options?: CallOptions) => source<ProjectSource>(t, 'projects', id, options)
export const updateProject = (t: Transport, id: string, patch: ProjectPatch, options: EditOptions) => update<ProjectSource>(t, 'projects', id, patch, options)
export const removeProject = (t: Transport, id: string, options: EditOptions) => remove(t, 'projects', id, options)
export const restoreProject = (t: Transport, id: string, options?: Options) => restore<ProjectSource>(t, 'projects', id, options)

export const createResource = (t: Transport, organisationId: string, body: ResourceWrite, options?: CreateOptions) =>
  create<ResourceSource>(t, 'resources', organisationId, body, options)
export const getResourceSource = (t: Transport, id: string, options?: CallOptions) => source<ResourceSource>(t, 'resources', id, options)
export const updateResource = (t: Transport, id: string, patch: ResourcePatch, options: EditOptions) => update<ResourceSource>(t, 'resources', id, patch, options)
export const removeResource = (t: Transport, id: string, options: EditOptions) => remove(t, 'resources', id, options)
export const restoreResource = (t: Transport, id: string, options?: Options) => restore<ResourceSource>(t, 'resources', id, options)

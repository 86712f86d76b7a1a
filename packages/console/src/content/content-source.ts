import type { components } from '@wegov/sdk'
import type { Lang } from '../shared/lang.js'

/**
 * The editable item as GET /v1/{projects|resources}/{id}/source answers it (publishing contract, issue 15):
 * every language's raw text, the state and the version.
 */
export type ContentType = 'projects' | 'resources'
export type Texts = Partial<Record<Lang, string | null>>
export type ContentState = 'draft' | 'published'

/** The generated OpenAPI types (one definition): a project and a resource as their editors edit them. */
export type ProjectSource = components['schemas']['ProjectSource']
/** `fileId`: the attached upload (POST /v1/organisations/{id}/files), written through the resource's own writes. */
export type ResourceSource = components['schemas']['ResourceSource']

export type ContentSource = ProjectSource | ResourceSource

/** An item and the ETag that names its version: the If-Match of the next write. */
export interface Versioned<T = ContentSource> {
  item: T
  etag: string
}

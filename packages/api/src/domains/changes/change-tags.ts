/**
 * The read cache's tags for content, in one place: the routes tag what they store with these, and the
 * change log's notifications forget them (change-invalidation.ts).
 */
export type FeedType = 'organisation' | 'project' | 'resource'

const LIST_TAGS = { project: 'projects', resource: 'resources', organisation: 'organisations' } as const

/** Every reply that reads the change log (/v1/deletions): any content change may add to it. */
export const CHANGES_TAG = 'changes'

export const listTag = (type: FeedType): string => LIST_TAGS[type]
export const itemTag = (type: FeedType, id: string): string => `${type}:${id}`

/** Tags an item's reply by the id in its body (it may have been asked for by slug). */
export const itemTagsOf =
  (type: FeedType) =>
  (body: unknown): string[] => [itemTag(type, (body as { id: string }).id)]

/**
 * What a change to this project or resource makes stale, for the writing instance to forget at once
 * (the NOTIFY reaches it too, but a moment later: the writer's next read must already see its write).
 */
export const changedItemTags = (type: 'project' | 'resource', id: string): string[] => [itemTag(type, id), listTag(type), CHANGES_TAG]

/**
 * What a change-log notification (`type:id`) makes stale: the item, its type's lists and the change
 * readers. An organisation is embedded in every project and resource (owner, participants, publisher),
 * so its change means everything ('all'). Other subjects (people, keys, memberships) are in no public
 * reply: nothing.
 */
export function staleTags(payload: string): string[] | 'all' {
  const colon = payload.indexOf(':')
  const type = payload.slice(0, colon)
  const id = payload.slice(colon + 1)
  if (colon < 0 || id === '') return 'all'
  if (type === 'organisation') return 'all'
  if (type === 'project' || type === 'resource') return changedItemTags(type, id)
  return []
}

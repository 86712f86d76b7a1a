import type { Static } from '@sinclair/typebox'
import type { Kysely, Transaction } from 'kysely'
import type { ContentState, DB, Lang } from '../../db/schema.js'
import type { ItemType } from './item-slugs.js'
import type { ProjectSourceSchema, ResourceSourceSchema } from './content-write-schemas.js'

export type ProjectSource = Static<typeof ProjectSourceSchema>
export type ResourceSource = Static<typeof ResourceSourceSchema>

/** An item as the write API reads it: what every write checks (owner, state, version, slug) and its source. */
export interface EditableItem<Source> {
  id: string
  version: number
  state: ContentState
  slug: string
  ownerId: string
  ownerSlug: string
  firstPublishedAt: Date | null
  deletedAt: Date | null
  source: Source
}

/** The columns every editable table has, as both kinds load them (with the owner's slug joined). */
export interface EditableRow {
  id: string
  version: number
  state: ContentState
  slug: string
  owner_organisation_id: string
  owner_slug: string
  first_published_at: Date | null
  deleted_at: Date | null
}

export const iso = (date: Date | null) => (date ? date.toISOString() : null)

/** The fields every source starts with: identity, owner, bookkeeping, state and original language. */
export function sourceHeader(row: EditableRow & { created_at: Date; updated_at: Date; original_lang: Lang }) {
  return {
    id: row.id,
    version: row.version,
    owner: { id: row.owner_organisation_id, slug: row.owner_slug },
    firstPublishedAt: iso(row.first_published_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    deletedAt: iso(row.deleted_at),
    slug: row.slug,
    state: row.state,
    originalLang: row.original_lang,
  }
}

export function editableItem<Source>(row: EditableRow, source: Source): EditableItem<Source> {
  return {
    id: row.id,
    version: row.version,
    state: row.state,
    slug: row.slug,
    ownerId: row.owner_organisation_id,
    ownerSlug: row.owner_slug,
    firstPublishedAt: row.first_published_at,
    deletedAt: row.deleted_at,
    source,
  }
}

/** A source's editable fields: what is neither identity, ownership, state nor bookkeeping. */
export function editableFields(source: { id: string; version: number; owner: unknown; firstPublishedAt: unknown; createdAt: unknown; updatedAt: unknown; deletedAt: unknown; state: unknown; slug: unknown }): WriteDocument {
  const { id: _id, version: _version, owner: _owner, firstPublishedAt: _f, createdAt: _c, updatedAt: _u, deletedAt: _d, state: _s, slug: _slug, ...write } = source
  return write
}

/** The write document of a body or a source: its editable fields only (no id, owner, version or dates). */
export type WriteDocument = Record<string, unknown>

/**
 * What the shared write mechanics (content-writes.ts) need to know of projects and of resources: how to
 * load one, which fields are translated, and how to check a whole write document and store it through
 * content/content-store.ts.
 */
export interface ContentKind<Source> {
  type: ItemType
  translatedFields: readonly string[]
  load(db: Kysely<DB>, id: string, options?: { lock?: boolean }): Promise<EditableItem<Source> | undefined>
  /** The editable fields of a source, as a write document (what a merge patch applies to). */
  writeOf(source: Source): WriteDocument
  /**
   * Checks a whole write document (the create body, or the source with a patch merged in) and returns its
   * clean form (texts trimmed, HTML sanitised, addresses trimmed) with what stores it. Throws the field errors.
   * `owner` is the organisation the item belongs to (what it may refer to can depend on it).
   */
  check(db: Kysely<DB>, write: WriteDocument, owner: { id: string }): Promise<{ clean: WriteDocument; store: Store }>
}

/** What a store call needs besides the checked document. */
export interface StoredItem {
  id: string
  slug: string
  ownerSlug: string
  state: ContentState
  /** The owner's id, when the write found the owner live in its own transaction (a create does). */
  liveOwnerId?: string
  /** A patch's changed fields (changedFields): a store may leave the rows of the others as they are. */
  changed?: readonly string[]
}

/** Stores a checked document: a new item, or the next version of one. */
export interface Store {
  insert(trx: Transaction<DB>, item: StoredItem): Promise<void>
  replace(trx: Transaction<DB>, item: StoredItem): Promise<boolean>
}

/**
 * The organisations a write has found live in its transaction (its checks', and the owner when known), id by
 * slug, for the store not to look them up again.
 */
export function liveOrganisationsOf(checked: ReadonlyMap<string, string>, item: StoredItem): Map<string, string> {
  const live = new Map(checked)
  if (item.liveOwnerId) live.set(item.ownerSlug, item.liveOwnerId)
  return live
}

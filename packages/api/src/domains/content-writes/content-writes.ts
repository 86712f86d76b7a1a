import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { type Kysely, type Transaction, sql } from 'kysely'
import type { ContentState, DB, TranslatedText } from '../../db/schema.js'
import { preparedAs } from '../../db/prepared-statements.js'
import { inTransaction } from '../../db/transaction.js'
import { WeGovError } from '../../errors.js'
import { recordChange } from '../changes/change-log.js'
import { liveOrganisationSlug } from '../organisations/organisation-refs.js'
import type { ContentKind, EditableItem, WriteDocument } from './content-kind.js'
import { checkIfMatch } from './etags.js'
import { claimSlug, keepOldSlug, slugFromTitle, TABLE_OF, uniqueItemSlug } from './item-slugs.js'
import { changedFields, mergePatch } from './write-checks.js'

/**
 * The write mechanics projects and resources share: create, merge-patch, publish and unpublish, delete and
 * restore. Each write is one transaction that also records its change-log event (with the item's new
 * version and whether the public saw it), so a write that fails leaves no event, and an event never
 * describes a write that did not happen.
 */

type Requester = Pick<FastifyRequest, 'actor' | 'id' | 'server'>

const isPublic = (state: ContentState, deleted: boolean) => state === 'published' && !deleted

async function event<S>(
  trx: Transaction<DB>,
  request: Requester,
  kind: ContentKind<S>,
  item: EditableItem<S>,
  verb: 'created' | 'updated' | 'published' | 'unpublished' | 'deleted' | 'restored',
  visibleBefore: boolean,
  fields?: string[],
): Promise<void> {
  await recordChange(trx, request, {
    action: `${kind.type}.${verb}`,
    subjectType: kind.type,
    subjectId: item.id,
    organisationId: item.ownerId,
    version: item.version,
    public: visibleBefore || isPublic(item.state, item.deletedAt !== null),
    ...(fields ? { after: { fields } } : {}),
  })
}

async function reload<S>(trx: Kysely<DB>, kind: ContentKind<S>, id: string): Promise<EditableItem<S>> {
  const item = await kind.load(trx, id)
  if (!item) throw new Error(`${kind.type} ${id} vanished inside its own write`)
  return item
}

/** A new item of `ownerId`: a draft unless the body says published. Returns it as its source. */
export async function createItem<S>(trx: Transaction<DB>, request: Requester, kind: ContentKind<S>, ownerId: string, body: WriteDocument): Promise<EditableItem<S>> {
  const ownerSlug = await liveOrganisationSlug(trx, ownerId)
  if (!ownerSlug) throw new WeGovError('WEGOV_NOT_FOUND')
  const { slug: askedSlug, state = 'draft', ...write } = body as WriteDocument & { slug?: string; state?: ContentState }
  const { clean, store } = await kind.check(trx, write, { id: ownerId })
  const id = randomUUID()
  const slug = askedSlug ? await claimSlug(trx, kind.type, askedSlug) : await uniqueItemSlug(trx, kind.type, slugFromTitle(clean.title as TranslatedText, kind.type, id))
  await store.insert(trx, { id, slug, ownerSlug, state, liveOwnerId: ownerId })
  const item = await reload(trx, kind, id)
  await event(trx, request, kind, item, 'created', false, changedFields({}, clean, kind.translatedFields))
  return item
}

/** Loads an item for a write, locked until the transaction ends; a deleted one is 410. */
async function lockLive<S>(trx: Transaction<DB>, kind: ContentKind<S>, id: string): Promise<EditableItem<S>> {
  const item = await kind.load(trx, id, { lock: true })
  if (!item) throw new WeGovError('WEGOV_NOT_FOUND')
  if (item.deletedAt) throw new WeGovError('WEGOV_GONE')
  return item
}

/**
 * Applies a JSON Merge Patch to the version named by If-Match. A patch that changes nothing (a sync that
 * sends what is already there) writes nothing: no new version, no event.
 */
export async function patchItem<S>(db: Kysely<DB>, request: FastifyRequest, kind: ContentKind<S>, id: string, patch: WriteDocument): Promise<EditableItem<S>> {
  return inTransaction(db, async (trx) => {
    const current = await lockLive(trx, kind, id)
    checkIfMatch(request, current)
    const { slug: askedSlug, state: askedState, ...fields } = patch as WriteDocument & { slug?: string; state?: ContentState }
    const before = kind.writeOf(current.source)
    const { clean, store } = await kind.check(trx, mergePatch(before, fields) as WriteDocument, { id: current.ownerId })
    const state = askedState ?? current.state
    const slug = await nextSlug(trx, kind, current, askedSlug, before.title as TranslatedText, clean.title as TranslatedText)
    const changed = changedFields(before, clean, kind.translatedFields)
    if (changed.length === 0 && state === current.state && slug === current.slug) return current
    if (slug !== current.slug && current.firstPublishedAt) await keepOldSlug(trx, kind.type, id, current.slug, slug)
    await store.replace(trx, { id, slug, ownerSlug: current.ownerSlug, state, changed })
    const item = await reload(trx, kind, id)
    const verb = state === current.state ? 'updated' : state === 'published' ? 'published' : 'unpublished'
    await event(trx, request, kind, item, verb, isPublic(current.state, false), [...changed, ...(slug !== current.slug ? ['slug'] : [])])
    return item
  })
}

/**
 * The slug after a patch: one asked for (it must be free); else, while the item was never published, the
 * one its new title gives, if it still had the one its old title gave; else the current one (stable).
 */
async function nextSlug<S>(trx: Transaction<DB>, kind: ContentKind<S>, current: EditableItem<S>, asked: string | undefined, oldTitle: TranslatedText, newTitle: TranslatedText): Promise<string> {
  if (asked !== undefined && asked !== current.slug) return claimSlug(trx, kind.type, asked, current.id)
  if (asked !== undefined || current.firstPublishedAt) return current.slug
  const oldBase = slugFromTitle(oldTitle, kind.type, current.id)
  const followsTitle = current.slug === oldBase || new RegExp(`^${oldBase}-\\d+$`).test(current.slug)
  const newBase = slugFromTitle(newTitle, kind.type, current.id)
  if (!followsTitle || newBase === oldBase) return current.slug
  return uniqueItemSlug(trx, kind.type, newBase, current.id)
}

/** Deletes the version named by If-Match, leaving a tombstone (deleted_at): its addresses then answer 410. */
export async function deleteItem<S>(db: Kysely<DB>, request: FastifyRequest, kind: ContentKind<S>, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const current = await lockLive(trx, kind, id)
    checkIfMatch(request, current)
    await setDeleted(trx, kind, id, true)
    await event(trx, request, kind, await reload(trx, kind, id), 'deleted', isPublic(current.state, false))
  })
}

/** Undoes a delete (the console's undo); an item that is not deleted is returned as it is. */
export async function restoreItem<S>(db: Kysely<DB>, request: FastifyRequest, kind: ContentKind<S>, id: string): Promise<EditableItem<S>> {
  return inTransaction(db, async (trx) => {
    const current = await kind.load(trx, id, { lock: true })
    if (!current) throw new WeGovError('WEGOV_NOT_FOUND')
    if (!current.deletedAt) return current
    await setDeleted(trx, kind, id, false)
    const item = await reload(trx, kind, id)
    await event(trx, request, kind, item, 'restored', false)
    return item
  })
}

async function setDeleted<S>(trx: Transaction<DB>, kind: ContentKind<S>, id: string, deleted: boolean): Promise<void> {
  await trx
    // Both tables have these columns: typed as one of them.
    .updateTable(TABLE_OF[kind.type] as 'projects')
    .set({ deleted_at: deleted ? sql<Date>`now()` : null, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute()
}

/** The owner of an item (deleted ones included, so that they can be restored), for the policy check. */
export async function ownerOf(db: Kysely<DB>, type: 'project' | 'resource', id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom(TABLE_OF[type] as 'projects')
    .select('owner_organisation_id')
    .where('id', '=', id)
    .modifyEnd(preparedAs(`${type}-owner`))
    .executeTakeFirst()
  return row?.owner_organisation_id
}

import type { Kysely } from 'kysely'
import type { Config } from '../../config.js'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import type { ReadCache } from '../../http/read-cache.js'
import { type PetitionCount, readCount } from '../signatures/signature-counts.js'
import type { SignerKeys } from '../signatures/signer-keys.js'
import type { SigningBatcher } from '../signatures/signing-batcher.js'
import { publicStatus } from './petition-lifecycle.js'
import { type PetitionRow, findPetition } from './petition-repository.js'
import { ValueCache } from './value-cache.js'

/** Seconds a shared cache (a CDN) may serve a count without asking, and the public signers list's life here. */
export const COUNT_MAX_AGE_SECONDS = 5
/** How long an instance reuses a count it read; the database's count is never more than this ahead. */
export const COUNT_TTL_MS = 2000
/**
 * The Cache-Control of every reply that carries a live count (a petition, the list, the count itself).
 *
 * Browsers revalidate on every use (max-age=0): with `max-age=5, stale-while-revalidate=10`, a signer who
 * confirmed by the emailed link and went back to the petition was shown the count from before, out of
 * their own browser's cache, for up to 15 s (stale-while-revalidate shows the stale copy first). A browser
 * gained little from keeping it: the widget polls once a minute, past any max-age worth having. And a
 * revalidation is cheap: a petition and its count are answered from the read cache in the first onRequest
 * hook, with a 304 while the ETag matches.
 *
 * Shared caches keep it 5 s (s-maxage): that is what shields WeGov from a surge of watchers behind a CDN,
 * and a CDN is where it matters (behind one, a signer may see a count up to 5 s old; never from their own
 * browser's cache). The UK e-petitions ratios stay for them: stale-if-error five times that.
 * No stale-while-revalidate: browsers apply it too (Chromium does), which is the bug above.
 */
export const COUNT_CACHE_CONTROL = `public, max-age=0, s-maxage=${COUNT_MAX_AGE_SECONDS}, stale-if-error=${COUNT_MAX_AGE_SECONDS * 5}`

/**
 * What the petition and signature routes share in one instance: the signer keys, the signing batcher and
 * the caches. Content caches are dropped on every content NOTIFY (like app.readCache); counts only live
 * for a couple of seconds, so a count is never more than that behind the database.
 */
export class PetitionsContext {
  readonly db: Kysely<DB>
  readonly config: Config
  readonly keys: SignerKeys
  readonly batcher: SigningBatcher
  readonly readCache: ReadCache
  /** Petition rows by id or slug (null: no such petition). */
  readonly rows: ValueCache<PetitionRow | null>
  /** List pages (rows and cursor) by URL. */
  readonly lists: ValueCache<{ items: PetitionRow[]; nextCursor: string | null }>
  readonly partners: ValueCache<ReadonlySet<string>>
  readonly counts = new ValueCache<PetitionCount>({ ttlMs: COUNT_TTL_MS })
  readonly signers = new ValueCache<unknown>({ ttlMs: COUNT_MAX_AGE_SECONDS * 1000, maxEntries: 500 })

  constructor(options: { db: Kysely<DB>; config: Config; keys: SignerKeys; batcher: SigningBatcher; readCache: ReadCache }) {
    this.db = options.db
    this.readCache = options.readCache
    this.config = options.config
    this.keys = options.keys
    this.batcher = options.batcher
    const ttlMs = options.config.cacheTtlSeconds * 1000
    this.rows = new ValueCache({ ttlMs })
    this.lists = new ValueCache({ ttlMs, maxEntries: 1000 })
    this.partners = new ValueCache({ ttlMs })
  }

  /**
   * This instance has just confirmed or withdrawn a signature: its next readers see the new count and
   * signers at once (other instances within a few seconds, by expiry).
   */
  signaturesChanged(petitionId: string): void {
    this.counts.delete(petitionId)
    this.readCache.forget(countTag(petitionId))
    this.signers.clear()
  }

  /** Content changed somewhere (any instance): forget every cached petition and organisation. */
  contentChanged(): void {
    this.rows.clear()
    this.lists.clear()
    this.partners.clear()
    this.signers.clear()
  }

  petition(idOrSlug: string): Promise<PetitionRow | null> {
    return this.rows.get(idOrSlug, async () => (await findPetition(this.db, idOrSlug)) ?? null)
  }

  /** A petition the public may see, or WEGOV_NOT_FOUND / WEGOV_GONE. */
  async publicPetition(idOrSlug: string): Promise<PetitionRow> {
    const row = await this.petition(idOrSlug)
    if (!row) throw new WeGovError('WEGOV_NOT_FOUND')
    if (row.deleted_at) throw new WeGovError('WEGOV_GONE')
    if (publicStatus(row) === null) throw new WeGovError('WEGOV_NOT_FOUND')
    return row
  }

  count(petitionId: string): Promise<PetitionCount> {
    return this.counts.get(petitionId, () => readCount(this.db, petitionId))
  }

  async isPartner(slug: string): Promise<boolean> {
    const slugs = await this.partners.get('all', async () => {
      const rows = await this.db.selectFrom('organisations').select('slug').where('deleted_at', 'is', null).execute()
      return new Set(rows.map((row) => row.slug))
    })
    return slugs.has(slug)
  }

}

/** The read-cache tag of a petition's count replies. */
export function countTag(petitionId: string): string {
  return `count:${petitionId}`
}

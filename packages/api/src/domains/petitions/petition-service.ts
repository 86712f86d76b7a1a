import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { ValueCache } from '../../http/value-cache.js'
import { publicStatus } from './petition-lifecycle.js'
import { type LaunchRules, type LaunchRow, findLaunch, sponsorsConfirmed } from './petition-launches.js'
import { type PetitionFilters, type PetitionRow, findPetition, listPetitions } from './petition-repository.js'
import type { SponsorLinks } from './sponsor-links.js'

export type PetitionPage = { items: PetitionRow[]; nextCursor: string | null }

/**
 * The petitions domain's one door: routes, other domains (signatures) and jobs read petitions through it,
 * never with their own SQL. It keeps this instance's copies of petition rows and list pages, dropped with
 * every clear of the read cache (petitions-plugin.ts: a content write anywhere, an organisation write here);
 * nothing in them is authoritative, so several stateless instances stay correct.
 */
export class PetitionService {
  readonly #db: Kysely<DB>
  /** Petition rows by id or slug (null: no such petition). */
  readonly #rows: ValueCache<PetitionRow | null>
  /** List pages by the request's URL, which holds every filter. */
  readonly #lists: ValueCache<PetitionPage>

  /** The private links of citizens' petitions collecting sponsors. */
  readonly links: SponsorLinks
  readonly rules: LaunchRules

  constructor(db: Kysely<DB>, options: { cacheTtlMs: number; links: SponsorLinks; rules: LaunchRules }) {
    this.#db = db
    this.links = options.links
    this.rules = options.rules
    this.#rows = new ValueCache({ ttlMs: options.cacheTtlMs })
    this.#lists = new ValueCache({ ttlMs: options.cacheTtlMs, maxEntries: 1000 })
  }

  /** Any petition, public or not, or null. */
  petition(idOrSlug: string): Promise<PetitionRow | null> {
    return this.#rows.get(idOrSlug, async () => (await findPetition(this.#db, idOrSlug)) ?? null)
  }

  /** A petition the public may see, or WEGOV_NOT_FOUND / WEGOV_GONE. */
  async publicPetition(idOrSlug: string): Promise<PetitionRow> {
    const row = await this.petition(idOrSlug)
    if (!row) throw new WeGovError('WEGOV_NOT_FOUND')
    if (row.deleted_at) throw new WeGovError('WEGOV_GONE')
    if (publicStatus(row) === null) throw new WeGovError('WEGOV_NOT_FOUND')
    return row
  }

  /** A page of public petitions; `key` names the page (the request URL) in this instance's cache. */
  list(key: string, filters: PetitionFilters, page: { limit: number; cursor?: string | undefined }): Promise<PetitionPage> {
    return this.#lists.get(key, () => listPetitions(this.#db, filters, page))
  }

  /**
   * The petition a sponsor link names, while it collects sponsors: WEGOV_NOT_FOUND for a token this server
   * did not make, WEGOV_SPONSORING_CLOSED once it has them (or was withdrawn, approved, rejected).
   */
  async sponsoring(token: string): Promise<LaunchRow> {
    const id = this.links.petitionOf(token)
    const row = id ? await findLaunch(this.#db, id) : undefined
    if (!row || row.owner_organisation_id !== null || row.status === 'draft') throw new WeGovError('WEGOV_NOT_FOUND')
    if (row.status !== 'collecting_sponsors') throw new WeGovError('WEGOV_SPONSORING_CLOSED')
    return row
  }

  /**
   * A signature on this petition was just confirmed. For a petition collecting sponsors, it may have been the
   * last one it needed: then it goes to moderation. `confirmed` is asked only then (the cached row says).
   */
  async signatureConfirmed(petitionId: string, confirmed: () => Promise<number>): Promise<void> {
    if ((await this.petition(petitionId))?.status !== 'collecting_sponsors') return
    if (await sponsorsConfirmed(this.#db, petitionId, await confirmed(), this.rules)) this.contentChanged()
  }

  /** The copy of one petition this instance holds is out of date (it was found closed when a signature was written). */
  forget(idOrSlug: string): void {
    this.#rows.delete(idOrSlug)
  }

  /** Content changed somewhere (any instance): forget every cached petition. */
  contentChanged(): void {
    this.#rows.clear()
    this.#lists.clear()
  }
}

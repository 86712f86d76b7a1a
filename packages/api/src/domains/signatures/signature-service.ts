import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { ReadCache } from '../../http/read-cache.js'
import { ValueCache } from '../../http/value-cache.js'
import { COUNT_MAX_AGE_SECONDS, COUNT_TTL_MS, countTag } from '../petitions/count-caching.js'
import { type ReconcileOptions, reconcileCounts } from './count-reconciliation.js'
import { type SettleOptions, type SettledSignatures, settleFlaggedSignatures } from './flagged-signatures.js'
import { flaggedCounts, flaggedSignatures, stillFlagged } from './flagged-signature-queue.js'
import { type LinkedSignature, confirmByCode, confirmByToken, findLinkedSignature, withdrawByToken } from './confirmation.js'
import { listPublicSignatures } from './public-signatures.js'
import { type PetitionCount, type Validity, readConfirmedBySource, readCount, readTotals } from './signature-counts.js'
import type { SignatureDraft } from './signature-input.js'
import { anonymiseSignatures, expirePendingSignatures } from './signature-maintenance.js'
import { setSignatureValidity } from './signature-validity.js'
import { signatureWrite } from './signature-write-builder.js'
import type { SignatureWrite, SignatureWriteOutcome } from './signature-writes.js'
import type { SignerKeys } from './signer-keys.js'
import type { SigningBatcher } from './signing-batcher.js'

/** A checked signing request: the petition is open (as far as the caller's copy says) and the abuse checks passed. */
export interface SignInput {
  petitionId: string
  draft: SignatureDraft
  /** emailHash(draft.email.canonical), which the abuse checks needed first. */
  emailHash: string
  /** Why the abuse checks hold this signature back, or null. */
  flag: string | null
  idempotency: SignatureWrite['idempotency']
  proofOfWork: SignatureWrite['proofOfWork']
}

/** Confirmation by the emailed link's token, or by the code typed where the person signed. */
export type ConfirmInput = { token: string } | { petitionId: string; canonicalEmail: string; code: string }

export type PublicSignerPage = Awaited<ReturnType<typeof listPublicSignatures>>

/**
 * The signatures domain's one door (`app.signatures`): signing, confirming, withdrawing, settling validity
 * and the counts. Routes, pages and jobs call it, never the signatures tables.
 *
 * Counts and public signers are kept here a few seconds per instance (COUNT_TTL_MS): a count is never
 * more than that behind the database. What this instance changes it forgets at once, so its next reader
 * sees the change; a validity change is also recorded in the change log, whose notification reaches every
 * instance (signatures-plugin.ts).
 */
export class SignatureService {
  readonly #db: Kysely<DB>
  readonly #keys: SignerKeys
  readonly #batcher: SigningBatcher
  readonly #readCache: ReadCache
  readonly #pendingDays: number
  readonly #baseUrl: () => string
  readonly #counts = new ValueCache<PetitionCount>({ ttlMs: COUNT_TTL_MS })
  readonly #signers = new ValueCache<PublicSignerPage>({ ttlMs: COUNT_MAX_AGE_SECONDS * 1000, maxEntries: 500 })
  readonly #sources: ValueCache<ReadonlySet<string>>
  readonly #liveOrganisationSlugs: () => Promise<ReadonlySet<string>>
  readonly #confirmed: ((petitionId: string) => Promise<void>) | undefined

  constructor(options: {
    db: Kysely<DB>
    keys: SignerKeys
    batcher: SigningBatcher
    readCache: ReadCache
    pendingDays: number
    cacheTtlMs: number
    /** The origin of emailed links: the configured one, never a request's Host (a forged one would carry the real token away). */
    baseUrl: () => string
    /** The slugs of the organisations that exist (app.organisations.liveSlugs): who may be named as a source. */
    liveOrganisationSlugs: () => Promise<ReadonlySet<string>>
    /** After a confirmation (the petitions domain moves a petition that has its sponsors on to moderation). */
    confirmed?: (petitionId: string) => Promise<void>
  }) {
    this.#db = options.db
    this.#keys = options.keys
    this.#batcher = options.batcher
    this.#readCache = options.readCache
    this.#pendingDays = options.pendingDays
    this.#baseUrl = options.baseUrl
    this.#liveOrganisationSlugs = options.liveOrganisationSlugs
    this.#confirmed = options.confirmed
    this.#sources = new ValueCache({ ttlMs: options.cacheTtlMs })
  }

  /** The keyed hash an address is known by (the abuse checks count by it before signing). */
  emailHash(canonicalEmail: string): string {
    return this.#keys.emailHash(canonicalEmail)
  }

  /** Whether a partner site named as a signature's source is an organisation WeGov knows. */
  async isKnownSource(slug: string): Promise<boolean> {
    return (await this.#sources.get('all', () => this.#liveOrganisationSlugs())).has(slug)
  }

  /**
   * Writes a signature and its confirmation email, in a batch with the requests arriving meanwhile
   * (signing-batcher.ts); resolves once the batch committed. It counts only once confirmed.
   */
  sign(input: SignInput): Promise<SignatureWriteOutcome> {
    const write = signatureWrite({ ...input, keys: this.#keys, baseUrl: this.#baseUrl(), pendingDays: this.#pendingDays })
    return this.#batcher.submit(write)
  }

  /**
   * Confirms a signature (twice is not an error). Throws WEGOV_CONFIRMATION_INVALID or
   * WEGOV_CONFIRMATION_EXPIRED. By token, it also says what the link's page shows (LinkedSignature).
   */
  async confirm(by: { token: string }): Promise<LinkedSignature>
  async confirm(by: ConfirmInput): Promise<{ petitionId: string }>
  async confirm(by: ConfirmInput): Promise<{ petitionId: string }> {
    if ('token' in by) {
      const linked = await confirmByToken(this.#db, by.token, this.#pendingDays)
      this.countChanged(linked.petitionId)
      await this.#confirmed?.(linked.petitionId)
      return linked
    }
    const emailHash = this.#keys.emailHash(by.canonicalEmail)
    const result = await confirmByCode(this.#db, this.#keys, { petitionId: by.petitionId, emailHash, code: by.code }, this.#pendingDays)
    this.countChanged(result.petitionId)
    await this.#confirmed?.(result.petitionId)
    return result
  }

  /** Withdraws a signature: its personal data is deleted and it comes off the count. Throws WEGOV_WITHDRAWAL_INVALID. */
  async withdraw(token: string): Promise<LinkedSignature> {
    const linked = await withdrawByToken(this.#db, token)
    this.countChanged(linked.petitionId)
    return linked
  }

  /** The signature an emailed link names, read only (opening a link changes nothing). */
  findLinked(action: 'confirm' | 'withdraw', token: string): Promise<LinkedSignature | undefined> {
    return findLinkedSignature(this.#db, action, token)
  }

  /**
   * Releases held signatures, or invalidates counted ones (a moderator, or the settling job with a null
   * request). The counts follow in the same transaction, and every instance hears of it.
   */
  setValidity(request: Parameters<typeof setSignatureValidity>[1], signatureIds: readonly string[], validity: Validity, reason?: string): Promise<number> {
    return this.#setValidity(this.#db, request, signatureIds, validity, reason)
  }

  /** Flagged signatures for the moderators' queue (flagged-signature-queue.ts): no email address. */
  flagged(filter: { petitionId?: string | undefined; limit: number }) {
    return flaggedSignatures(this.#db, filter)
  }

  /** Flagged signatures per petition, oldest burst first. */
  flaggedCounts() {
    return flaggedCounts(this.#db)
  }

  /** A moderator releases held signatures (they count from now on if confirmed) or invalidates them; only flagged ones change. */
  async settleHeld(request: Parameters<typeof setSignatureValidity>[1], signatureIds: readonly string[], validity: 'valid' | 'invalidated', reason?: string): Promise<number> {
    return this.#setValidity(this.#db, request, await stillFlagged(this.#db, signatureIds), validity, reason)
  }

  /** setValidity on a given connection (a job's), forgetting the changed counts all the same. */
  async #setValidity(db: Kysely<DB>, request: Parameters<typeof setSignatureValidity>[1], signatureIds: readonly string[], validity: Validity, reason?: string) {
    const changed = await setSignatureValidity(db, request, signatureIds, validity, reason)
    let total = 0
    for (const [petitionId, signatures] of changed) {
      this.countChanged(petitionId)
      total += signatures
    }
    return total
  }

  /** The settling job (flagged-signatures.ts): honeypot rows go, unreleased bursts are invalidated through setValidity. */
  settleFlagged(conn: Kysely<DB>, options?: SettleOptions): Promise<SettledSignatures> {
    return settleFlaggedSignatures(conn, (ids, reason) => this.#setValidity(conn, null, ids, 'invalidated', reason), options)
  }

  /** The expiring job: signatures left unconfirmed past the pending period go (signature-maintenance.ts). */
  expirePending(conn: Kysely<DB>): Promise<number> {
    return expirePendingSignatures(conn, this.#pendingDays)
  }

  /** Confirmed counts per petition of the signatures that came through a partner's site (webhooks' signature.confirmed). */
  confirmedBySource(conn: Kysely<DB>, source: string): Promise<Map<string, number>> {
    return readConfirmedBySource(conn, source)
  }

  /** Confirmed totals of several petitions (webhooks' petition.milestone). */
  totals(conn: Kysely<DB>, petitionIds: string[]): Promise<Map<string, number>> {
    return readTotals(conn, petitionIds)
  }

  /** The anonymising job: signers' personal data goes `retentionDays` after their petition ended. */
  anonymiseEnded(conn: Kysely<DB>, retentionDays: number): Promise<number> {
    return anonymiseSignatures(conn, retentionDays)
  }

  /** The reconciling job: drift between the signatures and their maintained counts is corrected (count-reconciliation.ts). */
  reconcileCounts(conn: Kysely<DB>, options?: ReconcileOptions): Promise<{ petitions: number; corrected: number }> {
    return reconcileCounts(conn, options)
  }

  /** The live count: at most COUNT_TTL_MS old. */
  count(petitionId: string): Promise<PetitionCount> {
    return this.#counts.get(petitionId, () => readCount(this.#db, petitionId))
  }

  /** Confirmed signers who chose to appear, newest first, in display form. */
  publicSigners(petitionId: string, page: { limit: number; cursor?: string | undefined }): Promise<PublicSignerPage> {
    return this.#signers.get(`${petitionId} ${page.limit} ${page.cursor ?? ''}`, () => listPublicSignatures(this.#db, petitionId, page))
  }

  /** A petition's count changed (here, or on another instance): its next readers here see the new one. */
  countChanged(petitionId: string): void {
    this.#counts.delete(petitionId)
    this.#readCache.forget(countTag(petitionId))
    this.#signers.clear()
  }

  /** Content changed somewhere: organisations may have come or gone. */
  contentChanged(): void {
    this.#sources.clear()
    this.#signers.clear()
  }

  /** Resolves once every signature submitted so far is written (at shutdown). */
  drain(): Promise<void> {
    return this.#batcher.drain()
  }
}

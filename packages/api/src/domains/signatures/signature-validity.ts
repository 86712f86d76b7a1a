import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { inTransaction } from '../../db/transaction.js'
import { recordChange } from '../changes/change-log.js'
import { petitionOwners } from '../petitions/petition-facts.js'
import { type Validity, addToCount, countedAs } from './signature-counts.js'

/** Who changed the validity: a moderator's request, or null for a job (the abuse checks' settling). */
type Requester = Parameters<typeof recordChange>[1]

/** The change-log action of a validity change; its subject is the petition whose count it changed. */
export const VALIDITY_CHANGED = 'signatures.validity_changed'

/**
 * Settles signatures held back by the abuse checks, or invalidates counted ones, keeping the counts exact
 * in the same transaction (a confirmed signature moves between `confirmed` and `invalidated`), and records
 * one event per petition in the change log, in that transaction too. The event says how many signatures
 * changed and why, never whose. It is what tells every instance that the petition's count changed
 * (signatures-plugin.ts hears it), and what the audit log shows. Returns the petitions and how many
 * signatures changed in each.
 *
 * @example
 * await setSignatureValidity(db, null, flaggedIds, 'valid') // cleared: they count from now on
 */
export async function setSignatureValidity(
  db: Kysely<DB>,
  request: Requester,
  signatureIds: readonly string[],
  validity: Validity,
  reason?: string,
): Promise<Map<string, number>> {
  const changed = new Map<string, number>()
  if (signatureIds.length === 0) return changed
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('signatures')
      .select(['id', 'petition_id', 'country', 'source_partner', 'status', 'validity'])
      .where('id', 'in', [...signatureIds])
      .where('validity', '<>', validity)
      .orderBy('id')
      .forUpdate()
      .execute()
    if (before.length === 0) return changed
    await trx
      .updateTable('signatures')
      .set({ validity, ...(reason !== undefined ? { flag_reason: reason } : {}) })
      .where('id', 'in', before.map((row) => row.id))
      .execute()
    for (const row of before) {
      changed.set(row.petition_id, (changed.get(row.petition_id) ?? 0) + 1)
      if (row.status !== 'confirmed') continue
      const was = countedAs(row.validity)
      const now = countedAs(validity)
      await addToCount(trx, {
        petitionId: row.petition_id,
        country: row.country,
        source: row.source_partner,
        confirmed: now.confirmed - was.confirmed,
        invalidated: now.invalidated - was.invalidated,
      })
    }
    const ownerOf = await petitionOwners(trx, [...changed.keys()])
    for (const [petitionId, signatures] of changed) {
      await recordChange(trx, request, {
        action: VALIDITY_CHANGED,
        subjectType: 'petition',
        subjectId: petitionId,
        organisationId: ownerOf.get(petitionId) ?? null,
        after: { validity, signatures, ...(reason !== undefined ? { reason } : {}) },
      })
    }
    return changed
  })
}

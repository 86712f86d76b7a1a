import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { AggregateState } from '../../db/webhook-tables.js'
import { organisationsByIds } from '../organisations/organisation-refs.js'
import { openPetitionIdsOwnedBy } from '../petitions/petition-facts.js'
import type { WebhookEventType } from './webhook-events.js'

/**
 * `signature.confirmed` and `petition.milestone` are periodic aggregates, not change-log events. The log
 * records no event per confirmed signature, and adding one would put a log row, a NOTIFY and a consumer
 * run on the signing hot path, and one request per signature on the partner during a surge. Instead, every
 * window (config.webhookAggregateWindowMs) the worker reads the sharded counters (a few rows per
 * petition, however many signatures) and compares them with what it saw last time (aggregate_state):
 *
 * - `signature.confirmed`: how many signatures confirmed through the organisation's own site (those whose
 *   source partner is its slug) since the last delivery, per petition: one delivery for the window.
 * - `petition.milestone`: the organisation's open petitions whose total crossed a milestone (100, 500,
 *   1,000, 5,000...) since the last delivery: one delivery for the window.
 *
 * Counts only, never a signer. The first window after subscribing records the counts as they are and
 * announces nothing: the history before the subscription is not news.
 */

export const AGGREGATED_EVENTS = ['signature.confirmed', 'petition.milestone'] as const satisfies readonly WebhookEventType[]

const MILESTONES = [100, 500, 1_000, 5_000, 10_000, 50_000, 100_000, 500_000, 1_000_000, 5_000_000, 10_000_000]

/** The highest milestone `total` has reached (0 below the first). */
export function milestoneOf(total: number): number {
  return MILESTONES.filter((milestone) => milestone <= total).at(-1) ?? 0
}

/** Where the counts come from: the signatures service, handed over at run time (each domain its tables). */
export interface AggregateSources {
  confirmedBySource(db: Kysely<DB>, source: string): Promise<Map<string, number>>
  totals(db: Kysely<DB>, petitionIds: string[]): Promise<Map<string, number>>
}

/** Endpoints aggregated per transaction: each is locked while its window is computed. */
const BATCH = 20

/**
 * Computes the due windows of endpoints subscribed to an aggregated event (their last window at least
 * `windowMs` ago), each in the transaction that moves its window on, with SKIP LOCKED so that the
 * instances share them and never compute one window twice. Returns the number of deliveries queued.
 */
export async function aggregateDueWindows(db: Kysely<DB>, sources: AggregateSources, windowMs: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const endpoints = await trx
      .selectFrom('webhook_endpoints')
      .select(['id', 'organisation_id', 'event_types', 'aggregate_state', 'aggregated_at'])
      .where('enabled', '=', true)
      .where(sql<boolean>`event_types && ${sql.val([...AGGREGATED_EVENTS])}::text[]`)
      .where((eb) => eb.or([eb('aggregated_at', 'is', null), eb('aggregated_at', '<=', sql<Date>`now() - ${Math.round(windowMs)}::integer * interval '1 millisecond'`)]))
      .orderBy('aggregated_at')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute()
    let queued = 0
    const organisations = await organisationsByIds(trx, endpoints.map((endpoint) => endpoint.organisation_id))
    for (const endpoint of endpoints) {
      const organisation = organisations.get(endpoint.organisation_id)
      if (!organisation) continue
      const previous: AggregateState = endpoint.aggregate_state ?? {}
      const next: AggregateState = {}
      const deliveries: { type: WebhookEventType; data: Record<string, unknown> }[] = []
      const since = endpoint.aggregated_at ? new Date(endpoint.aggregated_at).toISOString() : null

      if (endpoint.event_types.includes('signature.confirmed')) {
        const counts = Object.fromEntries(await sources.confirmedBySource(trx, organisation.slug))
        next['signature.confirmed'] = counts
        const seen = previous['signature.confirmed']
        if (seen) {
          const petitions = Object.entries(counts)
            .map(([id, total]) => ({ id, confirmed: total - (seen[id] ?? 0), total }))
            .filter((petition) => petition.confirmed > 0)
          if (petitions.length > 0) deliveries.push({ type: 'signature.confirmed', data: { organisationId: organisation.id, source: organisation.slug, since, petitions } })
        }
      }

      if (endpoint.event_types.includes('petition.milestone')) {
        const totals = await sources.totals(trx, await openPetitionIdsOwnedBy(trx, organisation.id))
        const reached = Object.fromEntries([...totals].map(([id, total]) => [id, milestoneOf(total)]))
        const seen = previous['petition.milestone']
        // A milestone once announced stays announced, even if invalidations take the total back below it.
        next['petition.milestone'] = Object.fromEntries(Object.entries(reached).map(([id, milestone]) => [id, Math.max(milestone, seen?.[id] ?? 0)]))
        if (seen) {
          const petitions = Object.entries(reached)
            .filter(([id, milestone]) => milestone > (seen[id] ?? 0))
            .map(([id, milestone]) => ({ id, milestone, total: totals.get(id) ?? 0 }))
          if (petitions.length > 0) deliveries.push({ type: 'petition.milestone', data: { organisationId: organisation.id, petitions } })
        }
      }

      if (deliveries.length > 0) {
        const timestamp = new Date().toISOString()
        await trx
          .insertInto('webhook_deliveries')
          .values(
            deliveries.map((delivery) => ({
              endpoint_id: endpoint.id,
              message_id: `msg_${randomUUID().replaceAll('-', '')}`,
              event_type: delivery.type,
              payload: JSON.stringify({ type: delivery.type, timestamp, data: delivery.data }),
              next_attempt_at: sql<Date>`now()`,
            })),
          )
          .execute()
        queued += deliveries.length
      }
      await trx.updateTable('webhook_endpoints').set({ aggregate_state: JSON.stringify(next), aggregated_at: sql`now()` }).where('id', '=', endpoint.id).execute()
    }
    return queued
  })
}

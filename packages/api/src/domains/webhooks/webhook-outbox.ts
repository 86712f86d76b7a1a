import { type Kysely, type Transaction, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { queueMail } from '../../mail/render-outbox-mail.js'
import type { WebhookDisabledMailPayload } from '../../mail/webhook-disabled-mail.js'
import { peopleByIds } from '../accounts/people-directory.js'
import { recordChange } from '../changes/change-log.js'
import type { ChangeHandler } from '../changes/change-consumers.js'
import { organisationsByIds, ownerIdsOf } from '../organisations/organisation-refs.js'
import { isWebhookEventType, webhookPayload } from './webhook-events.js'

/**
 * The deliveries outbox (webhook_deliveries). The `webhooks` change consumer turns each event into one row
 * per endpoint subscribed to it, in the transaction that advances its position in the log: each event
 * becomes its deliveries exactly once. Workers in every instance then take due rows with a lease (FOR
 * UPDATE SKIP LOCKED, then `locked_until`), as the mail outbox does: two workers never send the same row
 * at once, and a row taken by an instance that died is taken again when its lease runs out. That is
 * at-least-once delivery: receivers drop duplicates by `webhook-id`.
 */

export const WEBHOOKS_CONSUMER = 'webhooks'

/** The consumer: one delivery per event per enabled endpoint of the event's organisation that subscribes to it. */
export const queueWebhookDeliveries: ChangeHandler = async (trx, changes) => {
  const relevant = changes.filter((change) => isWebhookEventType(change.action) && change.organisation_id !== null)
  if (relevant.length === 0) return
  const endpoints = await trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'organisation_id', 'event_types', 'created_at'])
    .where('organisation_id', 'in', [...new Set(relevant.map((change) => change.organisation_id!))])
    .where('enabled', '=', true)
    .execute()
  const rows = relevant.flatMap((change) =>
    endpoints
      // An endpoint hears what happened after it was registered, even when the consumer reads it later.
      .filter((endpoint) => endpoint.organisation_id === change.organisation_id && endpoint.event_types.includes(change.action) && endpoint.created_at <= new Date(change.at))
      .map((endpoint) => ({
        endpoint_id: endpoint.id,
        message_id: `msg_${change.id}`,
        event_type: change.action,
        payload: JSON.stringify(webhookPayload(change as typeof change & { action: 'project.published' })),
        next_attempt_at: sql<Date>`now()`,
      })),
  )
  if (rows.length > 0) await trx.insertInto('webhook_deliveries').values(rows).execute()
}

export interface ClaimedDelivery {
  id: number
  endpointId: string
  organisationId: string
  url: string
  sealedSecret: string
  messageId: string
  eventType: string
  payload: Record<string, unknown>
  attempts: number
}

function leaseEnd(leaseMs: number) {
  return sql<Date>`now() + ${Math.round(leaseMs)}::integer * interval '1 millisecond'`
}

/** Claims up to `limit` due deliveries of enabled endpoints for `leaseMs`, counting the attempt. */
export async function claimDueDeliveries(db: Kysely<DB>, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const claimed = await db
    .updateTable('webhook_deliveries')
    .set({ locked_until: leaseEnd(leaseMs), attempts: sql`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .where((inner) => inner.or([inner('locked_until', 'is', null), inner('locked_until', '<', sql<Date>`now()`)]))
        .where('endpoint_id', 'in', (sub) => sub.selectFrom('webhook_endpoints as e').select('e.id').where('enabled', '=', true))
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'endpoint_id', 'message_id', 'event_type', 'payload', 'attempts'])
    .execute()
  if (claimed.length === 0) return []
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .select(['id', 'organisation_id', 'url', 'secret'])
    .where('id', 'in', [...new Set(claimed.map((row) => row.endpoint_id))])
    .execute()
  const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]))
  return claimed.flatMap((row) => {
    const endpoint = byId.get(row.endpoint_id)
    if (!endpoint) return []
    return [
      {
        id: Number(row.id),
        endpointId: row.endpoint_id,
        organisationId: endpoint.organisation_id,
        url: endpoint.url,
        sealedSecret: endpoint.secret,
        messageId: row.message_id,
        eventType: row.event_type,
        payload: row.payload,
        attempts: row.attempts,
      },
    ]
  })
}

/** What one attempt came to: the answer's status (null when there was none) or the error. */
export interface AttemptOutcome {
  statusCode: number | null
  error: string | null
  durationMs: number
  /** Retry-After of a 429 or 503, in milliseconds. */
  retryAfterMs?: number | undefined
}

export interface RetrySettings {
  maxAttempts: number
  retryBaseMs: number
  retryMaxMs: number
  disableAfterMs: number
  /** The public origin the owners' mail links to. */
  publicUrl: string
}

/** The wait after the `attempts`-th failed attempt: doubling from the base, capped, ±20 % jitter. */
export function retryDelayMs(attempts: number, settings: Pick<RetrySettings, 'retryBaseMs' | 'retryMaxMs'>): number {
  const delay = Math.min(settings.retryBaseMs * 2 ** Math.max(0, attempts - 1), settings.retryMaxMs)
  return Math.round(delay * (0.8 + Math.random() * 0.4))
}

const isSuccess = (status: number | null) => status !== null && status >= 200 && status < 300

/**
 * Records an attempt and what follows from it, in one transaction: delivered; or, on 410 Gone, the endpoint
 * disabled; or another attempt later (after Retry-After when the receiver gave one, else the backoff),
 * until the attempts run out. An endpoint whose deliveries have all failed for `disableAfterMs` is
 * disabled. Returns whether this attempt disabled the endpoint (its owners were mailed).
 */
export async function settleDelivery(db: Kysely<DB>, delivery: ClaimedDelivery, outcome: AttemptOutcome, settings: RetrySettings): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_attempts')
      .values({ delivery_id: delivery.id, status_code: outcome.statusCode, error: outcome.error?.slice(0, 500) ?? null, duration_ms: Math.round(outcome.durationMs) })
      .execute()
    const common = { locked_until: null, last_status_code: outcome.statusCode, last_error: outcome.error?.slice(0, 500) ?? null }
    if (isSuccess(outcome.statusCode)) {
      await trx.updateTable('webhook_deliveries').set({ ...common, status: 'delivered', completed_at: sql`now()` }).where('id', '=', delivery.id).execute()
      await trx.updateTable('webhook_endpoints').set({ failing_since: null }).where('id', '=', delivery.endpointId).where('failing_since', 'is not', null).execute()
      return false
    }
    if (outcome.statusCode === 410) {
      await trx.updateTable('webhook_deliveries').set({ ...common, status: 'failed', completed_at: sql`now()` }).where('id', '=', delivery.id).execute()
      return disableEndpoint(trx, delivery, 'gone', settings)
    }
    const giveUp = delivery.attempts >= settings.maxAttempts
    const delayMs = outcome.retryAfterMs ?? retryDelayMs(delivery.attempts, settings)
    await trx
      .updateTable('webhook_deliveries')
      .set({
        ...common,
        ...(giveUp ? { status: 'failed', completed_at: sql`now()` } : { next_attempt_at: sql<Date>`now() + ${Math.round(delayMs)}::integer * interval '1 millisecond'` }),
      })
      .where('id', '=', delivery.id)
      .execute()
    const endpoint = await trx
      .updateTable('webhook_endpoints')
      .set({ failing_since: sql`coalesce(failing_since, now())` })
      .where('id', '=', delivery.endpointId)
      .returning(['enabled', sql<boolean>`failing_since <= now() - ${Math.round(settings.disableAfterMs)}::integer * interval '1 millisecond'`.as('failing_too_long')])
      .executeTakeFirst()
    if (endpoint?.enabled && endpoint.failing_too_long) return disableEndpoint(trx, delivery, 'failing', settings)
    return false
  })
}

/**
 * Disables an endpoint WeGov gives up on: its pending deliveries stop (they stay in the log, to redeliver
 * once it works), its owners are mailed in their language, and the change log says so.
 */
async function disableEndpoint(trx: Transaction<DB>, delivery: ClaimedDelivery, reason: 'gone' | 'failing', settings: RetrySettings): Promise<boolean> {
  const disabled = await trx
    .updateTable('webhook_endpoints')
    .set({ enabled: false, disabled_reason: reason, updated_at: sql`now()` })
    .where('id', '=', delivery.endpointId)
    .where('enabled', '=', true)
    .returning(['url'])
    .executeTakeFirst()
  if (!disabled) return false
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', completed_at: sql`now()`, locked_until: null, last_error: 'endpoint disabled' })
    .where('endpoint_id', '=', delivery.endpointId)
    .where('status', '=', 'pending')
    .where('id', '!=', delivery.id)
    .execute()
  const organisation = (await organisationsByIds(trx, [delivery.organisationId])).get(delivery.organisationId)
  const owners = await peopleByIds(trx, await ownerIdsOf(trx, delivery.organisationId))
  if (organisation) {
    for (const owner of owners.values()) {
      const payload: WebhookDisabledMailPayload = { url: disabled.url, reason, organisationName: organisation.name, originalLang: organisation.original_lang, baseUrl: settings.publicUrl }
      await queueMail(trx, { kind: 'webhook-disabled', recipient: owner.email, locale: owner.lang, payload: { ...payload } })
    }
  }
  await recordChange(trx, null, {
    action: 'webhook.disabled',
    subjectType: 'webhook',
    subjectId: delivery.endpointId,
    organisationId: delivery.organisationId,
    after: { enabled: false, reason },
  })
  return true
}

/** How long a finished delivery stays in its endpoint's log (to read, to redeliver). */
const DELIVERY_LOG_DAYS = 30

/** Deletes deliveries (and their attempts) finished more than DELIVERY_LOG_DAYS ago: the maintenance job's share. */
export async function purgeOldDeliveries(db: Kysely<DB>): Promise<number> {
  const result = await db
    .deleteFrom('webhook_deliveries')
    .where('status', '!=', 'pending')
    .where('completed_at', '<', sql<Date>`now() - ${DELIVERY_LOG_DAYS}::integer * interval '1 day'`)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

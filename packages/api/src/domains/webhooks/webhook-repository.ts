import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { WebhookDeliveryStatus, WebhookEndpointTable } from '../../db/webhook-tables.js'
import { cursorValue } from '../../content/keyset.js'
import { WeGovError } from '../../errors.js'
import { decodeCursor, encodeCursor } from '../../http/cursor.js'
import { recordChange } from '../changes/change-log.js'
import type { WebhookEventType } from './webhook-events.js'

/**
 * The webhooks domain's tables: endpoints, and deliveries with their attempts (migration 0014). Every
 * write to an endpoint records its event in the change log (`webhook.created`...), never its secret.
 */

type Request = Pick<FastifyRequest, 'actor' | 'id'>
type EndpointRow = Selectable<WebhookEndpointTable>

export interface WebhookEndpoint {
  id: string
  url: string
  eventTypes: WebhookEventType[]
  enabled: boolean
  disabledReason: 'gone' | 'failing' | null
  createdAt: string
  updatedAt: string
}

function presentEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.event_types as WebhookEventType[],
    enabled: row.enabled,
    disabledReason: row.disabled_reason as WebhookEndpoint['disabledReason'],
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

/** What the change log says of an endpoint: never its secret. */
const described = (endpoint: WebhookEndpoint) => ({ url: endpoint.url, eventTypes: endpoint.eventTypes, enabled: endpoint.enabled })

export async function listEndpoints(db: Kysely<DB>, organisationId: string): Promise<WebhookEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoints').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at').orderBy('id').execute()
  return rows.map(presentEndpoint)
}

async function endpointRow(db: Kysely<DB>, organisationId: string, webhookId: string, lock = false): Promise<EndpointRow> {
  let query = db.selectFrom('webhook_endpoints').selectAll().where('id', '=', webhookId).where('organisation_id', '=', organisationId)
  if (lock) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  if (!row) throw new WeGovError('WEGOV_NOT_FOUND')
  return row
}

export async function findEndpoint(db: Kysely<DB>, organisationId: string, webhookId: string): Promise<WebhookEndpoint> {
  return presentEndpoint(await endpointRow(db, organisationId, webhookId))
}

export async function createEndpoint(
  db: Kysely<DB>,
  request: Request,
  input: { organisationId: string; url: string; eventTypes: readonly string[]; sealedSecret: string },
): Promise<WebhookEndpoint> {
  const id = randomUUID()
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('webhook_endpoints')
      .values({ id, organisation_id: input.organisationId, url: input.url, event_types: [...new Set(input.eventTypes)].sort(), secret: input.sealedSecret })
      .returningAll()
      .executeTakeFirstOrThrow()
    const endpoint = presentEndpoint(row)
    await recordChange(trx, request, { action: 'webhook.created', subjectType: 'webhook', subjectId: id, organisationId: input.organisationId, after: described(endpoint) })
    return endpoint
  })
}

/** Changes an endpoint's URL, events or enabled flag; enabling it again forgets why WeGov had disabled it. */
export async function updateEndpoint(
  db: Kysely<DB>,
  request: Request,
  input: { organisationId: string; webhookId: string; url?: string | undefined; eventTypes?: readonly string[] | undefined; enabled?: boolean | undefined },
): Promise<WebhookEndpoint> {
  return db.transaction().execute(async (trx) => {
    const before = presentEndpoint(await endpointRow(trx, input.organisationId, input.webhookId, true))
    const row = await trx
      .updateTable('webhook_endpoints')
      .set({
        ...(input.url === undefined ? {} : { url: input.url }),
        ...(input.eventTypes === undefined ? {} : { event_types: [...new Set(input.eventTypes)].sort() }),
        ...(input.enabled === undefined ? {} : { enabled: input.enabled, disabled_reason: null, failing_since: null }),
        updated_at: sql`now()`,
      })
      .where('id', '=', input.webhookId)
      .returningAll()
      .executeTakeFirstOrThrow()
    const after = presentEndpoint(row)
    await recordChange(trx, request, {
      action: 'webhook.updated',
      subjectType: 'webhook',
      subjectId: input.webhookId,
      organisationId: input.organisationId,
      before: described(before),
      after: described(after),
    })
    return after
  })
}

/** A new signing secret for an endpoint (the old one stops signing at once). */
export async function replaceSecret(db: Kysely<DB>, request: Request, input: { organisationId: string; webhookId: string; sealedSecret: string }): Promise<WebhookEndpoint> {
  return db.transaction().execute(async (trx) => {
    await endpointRow(trx, input.organisationId, input.webhookId, true)
    const row = await trx
      .updateTable('webhook_endpoints')
      .set({ secret: input.sealedSecret, updated_at: sql`now()` })
      .where('id', '=', input.webhookId)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordChange(trx, request, { action: 'webhook.secret_rotated', subjectType: 'webhook', subjectId: input.webhookId, organisationId: input.organisationId })
    return presentEndpoint(row)
  })
}

/** Deletes an endpoint and its delivery log. */
export async function deleteEndpoint(db: Kysely<DB>, request: Request, input: { organisationId: string; webhookId: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = presentEndpoint(await endpointRow(trx, input.organisationId, input.webhookId, true))
    await trx.deleteFrom('webhook_endpoints').where('id', '=', input.webhookId).execute()
    await recordChange(trx, request, { action: 'webhook.deleted', subjectType: 'webhook', subjectId: input.webhookId, organisationId: input.organisationId, before: described(before) })
  })
}

export interface WebhookDeliveryLog {
  id: string
  messageId: string
  eventType: string
  status: WebhookDeliveryStatus
  createdAt: string
  nextAttemptAt: string | null
  payload: Record<string, unknown>
  attempts: { at: string; statusCode: number | null; error: string | null; durationMs: number }[]
}

/**
 * An endpoint's deliveries, newest first, each with its attempts in order, a page at a time. A delivery's
 * id only grows, so it is the whole sort key and the cursor (as in the audit log): a page never skips or
 * repeats a delivery queued while someone reads.
 */
export async function listDeliveries(
  db: Kysely<DB>,
  input: { organisationId: string; webhookId: string; limit: number; cursor?: string | undefined },
): Promise<{ items: WebhookDeliveryLog[]; nextCursor: string | null }> {
  await endpointRow(db, input.organisationId, input.webhookId)
  let query = db
    .selectFrom('webhook_deliveries')
    .select(['id', 'message_id', 'event_type', 'status', 'created_at', 'next_attempt_at', 'payload'])
    .where('endpoint_id', '=', input.webhookId)
  if (input.cursor) {
    const [lastId] = decodeCursor(input.cursor, ['number'] as const)
    query = query.where(sql<boolean>`id < ${cursorValue.integer(lastId)}`)
  }
  const rows = await query.orderBy('id', 'desc').limit(input.limit + 1).execute()
  const deliveries = rows.slice(0, input.limit)
  const last = deliveries.at(-1)
  const nextCursor = rows.length > input.limit && last ? encodeCursor([Number(last.id)]) : null
  const ids = deliveries.map((delivery) => Number(delivery.id))
  const attempts =
    ids.length === 0
      ? []
      : await db.selectFrom('webhook_attempts').select(['delivery_id', 'at', 'status_code', 'error', 'duration_ms']).where('delivery_id', 'in', ids).orderBy('id').execute()
  const items = deliveries.map((delivery) => ({
    id: String(delivery.id),
    messageId: delivery.message_id,
    eventType: delivery.event_type,
    status: delivery.status,
    createdAt: new Date(delivery.created_at).toISOString(),
    nextAttemptAt: delivery.status === 'pending' ? new Date(delivery.next_attempt_at).toISOString() : null,
    payload: delivery.payload,
    attempts: attempts
      .filter((attempt) => String(attempt.delivery_id) === String(delivery.id))
      .map((attempt) => ({ at: new Date(attempt.at).toISOString(), statusCode: attempt.status_code, error: attempt.error, durationMs: attempt.duration_ms })),
  }))
  return { items, nextCursor }
}

/**
 * Sends a logged delivery again: a new delivery of the same message (same `webhook-id`, so a receiver that
 * already has it can tell), due now. Returns its id.
 */
export async function redeliver(db: Kysely<DB>, request: Request, input: { organisationId: string; webhookId: string; deliveryId: string }): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await endpointRow(trx, input.organisationId, input.webhookId)
    const original = /^\d{1,18}$/.test(input.deliveryId)
      ? await trx
          .selectFrom('webhook_deliveries')
          .select(['message_id', 'event_type', 'payload'])
          .where('id', '=', Number(input.deliveryId))
          .where('endpoint_id', '=', input.webhookId)
          .executeTakeFirst()
      : undefined
    if (!original) throw new WeGovError('WEGOV_NOT_FOUND')
    const { id } = await trx
      .insertInto('webhook_deliveries')
      .values({ endpoint_id: input.webhookId, message_id: original.message_id, event_type: original.event_type, payload: JSON.stringify(original.payload), next_attempt_at: sql`now()` })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordChange(trx, request, {
      action: 'webhook.redelivered',
      subjectType: 'webhook',
      subjectId: input.webhookId,
      organisationId: input.organisationId,
      after: { deliveryId: String(id), messageId: original.message_id },
    })
    return String(id)
  })
}

import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, T | string, T | string>

/** Per aggregated event type, a count per petition id. */
export type AggregateState = Record<string, Record<string, number>>

/** An organisation's webhook endpoint (migration 0014). */
export interface WebhookEndpointTable {
  id: string
  organisation_id: string
  url: string
  event_types: string[]
  enabled: Generated<boolean>
  /** The `whsec_…` secret sealed with AES-256-GCM (domains/webhooks/webhook-secrets.ts). */
  secret: string
  /** Why it was disabled by WeGov ('gone': a 410; 'failing': a day of failures); null when an owner did. */
  disabled_reason: string | null
  /** The first failure since the last success; null while deliveries succeed. */
  failing_since: Timestamp | null
  /** The counts the last aggregate saw, per aggregated event type, by petition (webhook-aggregates.ts). */
  aggregate_state: ColumnType<AggregateState | null, AggregateState | string | null | undefined, AggregateState | string | null>
  aggregated_at: Timestamp | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed'

/** One event for one endpoint: the outbox row and its log entry. */
export interface WebhookDeliveryTable {
  id: Generated<number>
  endpoint_id: string
  /** The `webhook-id` header: the same on every attempt and redelivery, so that receivers can drop duplicates. */
  message_id: string
  event_type: string
  payload: Json<Record<string, unknown>>
  status: ColumnType<WebhookDeliveryStatus, WebhookDeliveryStatus | undefined, WebhookDeliveryStatus>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  locked_until: Timestamp | null
  last_status_code: number | null
  last_error: string | null
  created_at: Generated<Date>
  completed_at: Timestamp | null
}

export interface WebhookAttemptTable {
  id: Generated<number>
  delivery_id: number
  at: Generated<Date>
  status_code: number | null
  error: string | null
  duration_ms: number
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointTable
  webhook_deliveries: WebhookDeliveryTable
  webhook_attempts: WebhookAttemptTable
}

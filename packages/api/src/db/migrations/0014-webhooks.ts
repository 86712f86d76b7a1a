import { type Kysely, sql } from 'kysely'

/**
 * Webhooks (issue 16): an organisation's endpoints, and an outbox of deliveries the `webhooks` change
 * consumer fills from the change log and the delivery worker empties (domains/webhooks).
 *
 * - webhook_endpoints.secret holds the signing secret sealed with AES-256-GCM under a key derived from the
 *   master secret (webhook-secrets.ts): the worker must compute HMACs with it, so a hash would not do.
 * - webhook_deliveries is the outbox and the delivery log at once: one row per event per endpoint, claimed
 *   with a lease (FOR UPDATE SKIP LOCKED), kept after delivery so that owners can read it and redeliver.
 * - webhook_attempts records each attempt (status code, error, time) for the delivery log.
 * - aggregate_state and aggregated_at: what the last periodic aggregate (signature.confirmed,
 *   petition.milestone) saw, and when (webhook-aggregates.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE webhook_endpoints (
    id uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    url text NOT NULL,
    event_types text[] NOT NULL,
    enabled boolean NOT NULL DEFAULT true,
    secret text NOT NULL,
    disabled_reason text,
    failing_since timestamptz,
    aggregate_state jsonb,
    aggregated_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db)
  await sql`CREATE INDEX webhook_endpoints_organisation_idx ON webhook_endpoints (organisation_id)`.execute(db)

  await sql`CREATE TABLE webhook_deliveries (
    id bigserial PRIMARY KEY,
    endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    message_id text NOT NULL,
    event_type text NOT NULL,
    payload jsonb NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    last_status_code integer,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz
  )`.execute(db)
  await sql`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`.execute(db)
  await sql`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id DESC)`.execute(db)

  await sql`CREATE TABLE webhook_attempts (
    id bigserial PRIMARY KEY,
    delivery_id bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    at timestamptz NOT NULL DEFAULT now(),
    status_code integer,
    error text,
    duration_ms integer NOT NULL
  )`.execute(db)
  await sql`CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS webhook_attempts`.execute(db)
  await sql`DROP TABLE IF EXISTS webhook_deliveries`.execute(db)
  await sql`DROP TABLE IF EXISTS webhook_endpoints`.execute(db)
}

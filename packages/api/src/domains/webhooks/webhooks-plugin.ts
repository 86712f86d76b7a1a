import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import { loadSecret } from '../../secrets.js'
import { WEBHOOK_SUBJECTS } from './webhook-events.js'
import { WEBHOOKS_CONSUMER, queueWebhookDeliveries } from './webhook-outbox.js'
import { webhookRoutes } from './webhook-routes.js'
import { type WebhookSecrets, webhookSecrets } from './webhook-secrets.js'
import { webhookSender } from './webhook-sender.js'
import { WebhookWorker } from './webhook-worker.js'

export interface Webhooks {
  readonly secrets: WebhookSecrets
  /** Wakes this instance's worker: deliveries were just queued. */
  nudge(): void
  /** Sends every delivery due now; resolves with the number of attempts made. */
  deliverDue(): Promise<number>
}

declare module 'fastify' {
  interface FastifyInstance {
    webhooks: Webhooks
  }
}

/**
 * Webhooks (issue 16): the `webhooks` change consumer queues a delivery per event per subscribed endpoint,
 * and a worker in every instance sends them (webhook-worker.ts). Its routes are under /v1.
 */
export const webhooksPlugin = fp(
  async function webhooks(app: FastifyInstance, { config }: { config: Config }) {
    const secrets = webhookSecrets(await loadSecret(app.db, config.secret))
    const worker = new WebhookWorker({
      db: app.db,
      log: app.log,
      secrets,
      send: webhookSender({ production: config.production, timeoutMs: config.webhookTimeoutMs, caCertificates: config.webhookCaCertificates }),
      settings: {
        maxAttempts: config.webhookMaxAttempts,
        retryBaseMs: config.webhookRetryBaseMs,
        retryMaxMs: config.webhookRetryMaxMs,
        disableAfterMs: config.webhookDisableAfterMs,
        publicUrl: config.publicUrl,
      },
      pollMs: config.webhookPollMs,
      leaseMs: Math.max(60_000, config.webhookTimeoutMs * 3),
      mailed: () => app.mail.nudge(),
      aggregates: { confirmedBySource: (conn, source) => app.signatures.confirmedBySource(conn, source), totals: (conn, ids) => app.signatures.totals(conn, ids) },
      aggregateWindowMs: config.webhookAggregateWindowMs,
    })
    app.decorate('webhooks', { secrets, nudge: () => worker.nudge(), deliverDue: () => worker.deliverDue() } satisfies Webhooks)
    app.changeConsumers.add(WEBHOOKS_CONSUMER, queueWebhookDeliveries, { subjects: WEBHOOK_SUBJECTS, handled: () => worker.nudge() })
    app.addHook('onReady', async () => worker.start())
    app.addHook('onClose', async () => worker.stop())
    await app.register(webhookRoutes, { prefix: '/v1', production: config.production })
  },
  { name: 'wegov-webhooks', dependencies: ['wegov-database', 'wegov-change-consumers', 'wegov-mail', 'wegov-signatures'] },
)

/** Queues the deliveries of every event committed so far, then sends every delivery due now (tests drain with it). */
export async function deliverPendingWebhooks(app: FastifyInstance): Promise<number> {
  await app.changeConsumers.catchUp()
  return app.webhooks.deliverDue()
}

import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { devMailboxRoutes } from './dev-mailbox-routes.js'
import { MAIL_CONSUMER, MAIL_SUBJECTS, mailFromChanges } from './mail-from-changes.js'
import { MailWorker } from './mail-worker.js'
import { devMailboxTransport, smtpTransport } from './transports.js'

export interface Mail {
  /** 'none': production without SMTP_URL, where mail waits in the outbox until SMTP is configured. */
  readonly transport: 'smtp' | 'dev-mailbox' | 'none'
  /** Wakes this instance's worker: mail was just committed. */
  nudge(): void
  /** Delivers everything due now; resolves with the number of messages sent. */
  deliverDue(): Promise<number>
  /** The worker pauses between claims while `busy()` holds (the signing batcher waiting for the database). */
  giveWayTo(busy: () => boolean): void
}

declare module 'fastify' {
  interface FastifyInstance {
    mail: Mail
  }
}

/**
 * Mail delivery: SMTP when SMTP_URL is set, otherwise the development mailbox (GET /dev/mailbox), which
 * exists only outside production. The worker starts when the app is ready and stops when it closes.
 */
export const mailPlugin = fp(
  async function mail(app: FastifyInstance, { config }: { config: Config }) {
    if (!config.smtpUrl && config.production) {
      app.log.warn('SMTP_URL is not set: confirmation emails are kept undelivered in the outbox until it is')
    }
    const transport = config.smtpUrl
      ? smtpTransport(app.db, config.smtpUrl, config.mailFrom)
      : devMailboxTransport(app.db)
    const worker = new MailWorker({ db: app.db, transport, log: app.log, pollMs: config.mailPollMs, leaseMs: config.mailLeaseMs, fanoutChunk: config.mailFanoutChunk })
    const useWorker = Boolean(config.smtpUrl) || !config.production
    app.decorate('mail', {
      transport: useWorker ? transport.kind : 'none',
      nudge: () => (useWorker ? worker.nudge() : undefined),
      deliverDue: () => (useWorker ? worker.deliverDue() : Promise.resolve(0)),
      giveWayTo: (busy) => worker.giveWayTo(busy),
    } satisfies Mail)
    // Announcements come from the change log (mail-from-changes.ts); sent as soon as they are queued.
    app.changeConsumers.add(MAIL_CONSUMER, mailFromChanges(app.publicOrigin.url), { subjects: MAIL_SUBJECTS, handled: () => app.mail.nudge() })
    if (useWorker) {
      app.addHook('onReady', async () => worker.start())
      app.addHook('onClose', async () => worker.stop())
    }
    if (!config.smtpUrl && !config.production) await app.register(devMailboxRoutes)
  },
  { name: 'wegov-mail', dependencies: ['wegov-database', 'wegov-change-consumers', 'wegov-public-origin'] },
)

/**
 * Queues the announcements of every event committed so far, then delivers every message due now through the
 * app's worker (tests use it to drain the outbox).
 */
export async function deliverPendingMail(app: FastifyInstance): Promise<number> {
  await app.changeConsumers.catchUp()
  return app.mail.deliverDue()
}

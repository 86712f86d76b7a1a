import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import { loadSecret } from '../../secrets.js'
import { CHANGES_CHANNEL } from '../changes/change-invalidation.js'
import { SignatureService } from './signature-service.js'
import { signerKeys } from './signer-keys.js'
import { SigningBatcher } from './signing-batcher.js'

declare module 'fastify' {
  interface FastifyInstance {
    signatures: SignatureService
  }
}

/** Signing counts as a surge for this long after its last sign of one (SigningBatcher#surgingWithin). */
const SIGNING_SURGE_WINDOW_MS = 500

/**
 * The signatures service, as `app.signatures`, with the signing batcher it writes through. Its routes
 * (signature-routes.ts, signature-count-routes.ts) and the pages the emailed links open
 * (confirmation-pages.ts) are registered by app.ts.
 */
export const signaturesPlugin = fp(
  async function signatures(app: FastifyInstance, { config }: { config: Config }) {
    const secret = await loadSecret(app.db, config.secret)
    const batcher = new SigningBatcher(app.db, {
      onMailQueued: () => app.mail.nudge(),
      onError: (error) => app.log.error({ err: error }, 'signature batch failed: retrying its requests one by one'),
    })
    // During a signing surge the mail worker waits: confirmation emails queue in the outbox (durable, sent
    // after the surge) rather than taking database time from the writes that acknowledge signatures.
    app.mail.giveWayTo(() => batcher.surgingWithin(SIGNING_SURGE_WINDOW_MS))
    const service: SignatureService = new SignatureService({
      db: app.db,
      keys: signerKeys(secret),
      batcher,
      readCache: app.readCache,
      pendingDays: config.pendingSignatureDays,
      cacheTtlMs: config.cacheTtlSeconds * 1000,
      baseUrl: () => app.publicOrigin.url,
      liveOrganisationSlugs: () => app.organisations.liveSlugs(),
      // The sponsors of a citizen's petition are its first signers: the petitions domain moves it on once
      // enough of them confirmed (the count is read only for a petition collecting sponsors).
      confirmed: (petitionId: string): Promise<void> => app.petitions.signatureConfirmed(petitionId, async () => (await service.count(petitionId)).total),
    })

    // Organisations come and go with the content: whatever clears the read cache (a content NOTIFY, an
    // organisation's change on this instance) clears what the service knows of them.
    const unsubscribe = app.readCache.onClear(() => service.contentChanged())
    // A validity change on any instance (a moderator, the settling job) is recorded against its petition.
    const unlisten = await app.database.listen(CHANGES_CHANNEL, (payload) => {
      if (payload.startsWith('petition:')) service.countChanged(payload.slice('petition:'.length))
    })
    app.addHook('onClose', async () => {
      await service.drain()
      unsubscribe()
      await unlisten()
    })
    app.decorate('signatures', service)
  },
  { name: 'wegov-signatures', dependencies: ['wegov-database', 'wegov-mail', 'wegov-read-cache', 'wegov-public-origin', 'wegov-organisations', 'wegov-petitions'] },
)

import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.js'
import { CONTENT_CHANNEL } from '../../http/read-cache.js'
import { loadSecret } from '../../secrets.js'
import { confirmationPages } from '../signatures/confirmation-pages.js'
import { signatureRoutes } from '../signatures/signature-routes.js'
import { signerKeys } from '../signatures/signer-keys.js'
import { SigningBatcher } from '../signatures/signing-batcher.js'
import { petitionRoutes } from './petition-routes.js'
import { PetitionsContext } from './petitions-context.js'

/**
 * The petitions domain: public reads and signing under /v1, and the pages the emailed links open.
 * Needs app.abuse (register the abuse plugin first) and app.mail.
 */
export async function petitionsPlugin(app: FastifyInstance, { config }: { config: Config }) {
  const secret = await loadSecret(app.db, config.secret)
  const batcher = new SigningBatcher(app.db, {
    onMailQueued: () => app.mail.nudge(),
    onError: (error) => app.log.error({ err: error }, 'signature batch failed: retrying its requests one by one'),
  })
  const context = new PetitionsContext({ db: app.db, config, keys: signerKeys(secret), batcher, readCache: app.readCache })

  const unlisten = await app.database.listen(CONTENT_CHANNEL, () => context.contentChanged())
  app.addHook('onClose', async () => {
    await batcher.drain()
    await unlisten()
  })

  await app.register(petitionRoutes, { prefix: '/v1', context })
  await app.register(signatureRoutes, { prefix: '/v1', context })
  await app.register(confirmationPages, { context })
}

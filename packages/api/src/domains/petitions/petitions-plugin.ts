import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import { deriveKey, loadSecret } from '../../secrets.js'
import { PetitionService } from './petition-service.js'
import { SponsorLinks } from './sponsor-links.js'

declare module 'fastify' {
  interface FastifyInstance {
    petitions: PetitionService
  }
}

/**
 * The petitions service, as `app.petitions`. Its routes (petition-routes.ts) are registered under /v1
 * by app.ts, like every domain's; the signatures domain builds on it (signatures-plugin.ts).
 */
export const petitionsPlugin = fp(
  async function petitions(app: FastifyInstance, { config }: { config: Config }) {
    const secret = await loadSecret(app.db, config.secret)
    const service = new PetitionService(app.db, {
      cacheTtlMs: config.cacheTtlSeconds * 1000,
      links: new SponsorLinks(deriveKey(secret, 'petition-sponsor-link')),
      rules: { sponsorsNeeded: config.petitionSponsors, moderationDays: config.moderationDays, maxMonths: config.petitionMaxMonths, responseThreshold: config.responseThreshold },
    })
    // Dropped with the read cache, not on a NOTIFY of its own: an organisation write clears the cache at
    // once on the writing instance (organisations/after-commit.ts), and a petition embeds its organisation.
    const unsubscribe = app.readCache.onClear(() => service.contentChanged())
    app.addHook('onClose', async () => unsubscribe())
    app.decorate('petitions', service)
  },
  { name: 'wegov-petitions', dependencies: ['wegov-database', 'wegov-read-cache'] },
)

import type { FastifyInstance } from 'fastify'
import { startPartnerSite } from '../examples/portal/server/partner-site.js'
import { portalPlugin } from '../examples/portal/server/portal-plugin.js'
import type { Config } from '../packages/api/src/config.js'

/**
 * How `npm start` puts WeGov together, in one place that the API's tests use too (test/helpers/
 * test-app.ts): the API from buildApp, then the portal registered last on the same Fastify instance.
 * The portal reads the API through the SDK, in process (app.inject, no TCP round trip); the API imports
 * nothing of the portal, the widgets or examples/.
 */
export async function composePortal(app: FastifyInstance, config: Pick<Config, 'videoEmbedOrigins'>): Promise<void> {
  await app.register(portalPlugin, {
    api: 'in-process',
    // Read when needed: with PORT=0 the public URL names the real port only once the server listens.
    publicUrl: () => app.publicOrigin.url,
    videoEmbedOrigins: config.videoEmbedOrigins,
  })
}

/** The example partner site on a second origin (WEGOV_PARTNER_PORT); a busy port only costs the example. */
export async function startPartner(app: FastifyInstance, config: Pick<Config, 'partnerPort' | 'host'>) {
  if (config.partnerPort === undefined) return undefined
  try {
    // After listen: with PORT=0 the public origin names the port actually listened on.
    const site = await startPartnerSite({ port: config.partnerPort, host: config.host, wegovOrigin: app.publicOrigin.url })
    app.log.info({ url: site.url }, 'example partner site (cross-origin widgets)')
    return site
  } catch (error) {
    app.log.warn({ err: error }, 'example partner site not started')
    return undefined
  }
}

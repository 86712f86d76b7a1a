import type { FastifyPluginAsync } from 'fastify'
import type { Config } from '../../config.js'
import { loadSecret } from '../../secrets.js'
import { meRoutes } from './me-routes.js'
import { signInKeys } from './sign-in-codes.js'
import { signInRoutes } from './sign-in-routes.js'

/** Signing in and one's own account, under /v1. */
export const accountsRoutes: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  const keys = signInKeys(await loadSecret(app.db, config.secret))
  await app.register(signInRoutes, { config, keys })
  await app.register(meRoutes)
}

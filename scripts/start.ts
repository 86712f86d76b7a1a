import { loadConfig } from '../packages/api/src/config.js'
import { runUntilSignalled, startWeGov } from '../packages/api/src/server.js'
import { composePortal, startPartner } from './compose.js'

/**
 * `npm start`: the API and the portal in one process and one port (the portal registered after the API,
 * see compose.ts), and the example partner site on WEGOV_PARTNER_PORT. `npm start -w @wegov/api` runs
 * the API alone.
 */
const config = loadConfig()
runUntilSignalled(
  await startWeGov(config, {
    compose: (app) => composePortal(app, config),
    alongside: (app) => startPartner(app, config),
  }),
)

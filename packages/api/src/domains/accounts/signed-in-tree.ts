import type { FastifyInstance } from 'fastify'
import { WeGovError } from '../../errors.js'

/**
 * Makes a whole route tree signed-in only, as fastify/demo's autohooks do for a folder: call it first in
 * the plugin that registers the tree. Every request in it must carry a session or an API key (401
 * WEGOV_UNAUTHENTICATED, after the rate limits and before its body is read); and every route in it must
 * name the permission it needs (`config: { policy }`, decided in policy.ts), or the app refuses to start.
 * So a route added to such a tree can never be open by omission, and who may do what is still decided in
 * one place.
 */
export function signedInTree(tree: FastifyInstance): void {
  tree.addHook('onRoute', (route) => {
    if (route.config?.policy === undefined) {
      throw new Error(`${String(route.method)} ${route.url}: a route in a signed-in tree names its permission (config.policy)`)
    }
  })
  // preParsing: after every onRequest hook, so the rate limits count anonymous callers too (and a flood of
  // them is answered 429); before the body is read, so nobody anonymous gets an upload parsed.
  tree.addHook('preParsing', async (request, _reply, payload) => {
    if (request.actor.kind === 'anonymous') throw new WeGovError('WEGOV_UNAUTHENTICATED')
    return payload
  })
}

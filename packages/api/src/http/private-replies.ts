import type { FastifyInstance, onSendHookHandler } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The reply is about the caller (whoami, sign-in): never stored by a browser, proxy or CDN. */
    private?: true
  }
}

/** Replies under these paths are always about the caller: one's account, sessions and sign-in. */
const PRIVATE_PATHS = /^\/v1\/(me|auth)(\/|$)/

const noStore: onSendHookHandler = (_request, reply, payload, done) => {
  reply.header('cache-control', 'no-store')
  done(null, payload)
}

/**
 * `Cache-Control: no-store` on every reply that depends on who asks: routes that declare a policy (keys,
 * members, the audit log…), routes that say `config: { private: true }`, and everything under /v1/me and
 * /v1/auth. A shared cache must never keep one person's answer for the next, nor a browser keep it on disk
 * after sign-out. Register it before those routes: it hooks routes as they are added.
 */
export const privateRepliesPlugin = fp(
  async function privateReplies(app: FastifyInstance) {
    app.addHook('onRoute', (route) => {
      const isPrivate = route.config?.policy !== undefined || route.config?.private === true || PRIVATE_PATHS.test(route.url)
      if (!isPrivate) return
      route.onSend = [...(route.onSend === undefined ? [] : Array.isArray(route.onSend) ? route.onSend : [route.onSend]), noStore]
    })
  },
  { name: 'wegov-private-replies' },
)

import { Server as NetServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { sendProblem } from './problem.js'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Lets the open connections go before the app closes: stops accepting new ones and answers every
     * request 503 with `Connection: close`, until the last connection is gone or `graceMs` has passed.
     */
    drain(graceMs: number): Promise<void>
  }
}

/** What a client is told to wait before retrying (another instance, or this one restarted). */
const RETRY_AFTER_SECONDS = '5'

/**
 * Graceful shutdown without resets. Closing an idle kept-alive socket races with a client that is just
 * sending its next request on it, and that client gets ECONNRESET, not knowing whether the request was
 * handled. So while draining, no open socket is closed by the server: each is closed after the reply to
 * its next request (a WEGOV_UNAVAILABLE problem with `Connection: close`), or by the client when its
 * keep-alive timeout runs out. New connections are refused, which a load balancer retries elsewhere.
 * Only after `graceMs` are the sockets still idle closed (by app.close(), whose own 503 stays behind this).
 */
export const drainingPlugin = fp(
  async function draining(app: FastifyInstance) {
    let draining = false
    // A callback hook, not an async one: it runs on every request, and a promise per request shows on the read path.
    app.addHook('onRequest', (request, reply, done) => {
      if (!draining) return done()
      reply.header('connection', 'close')
      sendProblem(request, reply, 'WEGOV_UNAVAILABLE', { headers: { 'retry-after': RETRY_AFTER_SECONDS } })
    })
    app.decorate('drain', async function drain(graceMs: number) {
      draining = true
      if (!app.server.listening) return
      // net.Server's close, not http.Server's: the latter also closes the idle kept-alive sockets at once.
      const drained = new Promise<void>((resolve) => NetServer.prototype.close.call(app.server, () => resolve()))
      const grace = new AbortController()
      await Promise.race([drained, sleep(graceMs, undefined, { signal: grace.signal }).catch(() => undefined)])
      grace.abort()
    })
  },
  { name: 'wegov-draining' },
)

import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Database } from '../db/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    database: Database
    db: Database['db']
  }
}

/** Lifts the connected database to every plugin. The app does not own it: whoever opened it closes it. */
export const databasePlugin = fp(
  async function databasePlugin(app: FastifyInstance, options: { database: Database }) {
    app.decorate('database', options.database)
    app.decorate('db', options.database.db)
    // The database recovers from these by itself; they are logged, and requests meanwhile get 503.
    const unsubscribe = options.database.onConnectionError((error, connection) => {
      app.log.warn({ err: error, connection }, 'database connection lost')
    })
    app.addHook('onClose', async () => unsubscribe())
  },
  { name: 'wegov-database' },
)

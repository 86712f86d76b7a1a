import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { NOTIFICATIONS_MISSED } from '../../db/notification-listener.js'
import { staleTags } from './change-tags.js'

/** The channel the change log's insert trigger notifies with `subject_type:subject_id` (migration 0009). */
export const CHANGES_CHANNEL = 'wegov_changes'

/**
 * The read cache's main invalidation: every instance hears each change-log event (NOTIFY from the
 * database at commit, so also the writes of other instances) and forgets only what that item makes
 * stale. When the LISTEN connection drops, events may have been missed: everything goes.
 */
export const changeInvalidationPlugin = fp(
  async function changeInvalidationPlugin(app: FastifyInstance) {
    const unlisten = await app.database.listen(CHANGES_CHANNEL, (payload) => {
      const stale = payload === NOTIFICATIONS_MISSED ? 'all' : staleTags(payload)
      if (stale === 'all') app.readCache.clear()
      else if (stale.length > 0) app.readCache.forget(...stale)
    })
    app.addHook('onClose', async () => {
      await unlisten()
    })
  },
  { name: 'wegov-change-invalidation', dependencies: ['wegov-database', 'wegov-read-cache'] },
)

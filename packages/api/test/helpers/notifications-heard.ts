import type { Test } from 'tap'
import type { Database } from '../../src/db/database.js'

/**
 * What a database's LISTEN connection hears on `channel` from now on, as a check: `heard('project:<id>')`.
 * On PostgreSQL a write's NOTIFY reaches the app a moment after the write returns, and may drop what a
 * test cached meanwhile. Notifications reach one connection in commit order, and its subscribers in the
 * order they subscribed: once a test (subscribed after the app) hears a write's own, the app has handled
 * it and every earlier one. Wait with eventuallyTrue(() => heard(payload)).
 */
export async function notificationsHeard(t: Test, database: Pick<Database, 'listen'>, channel: string): Promise<(payload: string) => boolean> {
  const payloads = new Set<string>()
  t.teardown(await database.listen(channel, (payload) => payloads.add(payload)))
  return (payload) => payloads.has(payload)
}

import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { hashToken, newSecretToken } from './secret-tokens.js'

export interface SessionLifetime {
  idleMinutes: number
  maxMinutes: number
}

/** A new session for a person who just proved who they are. The token goes in the cookie, its hash in the row. */
export async function createSession(
  db: Kysely<DB>,
  { personId, method, userAgent, lifetime }: { personId: string; method: 'code' | 'passkey'; userAgent: string | undefined; lifetime: SessionLifetime },
): Promise<{ id: string; token: string }> {
  const token = newSecretToken()
  const id = randomUUID()
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: hashToken(token),
      person_id: personId,
      method,
      user_agent: (userAgent ?? '').slice(0, 200),
      expires_at: sql<Date>`now() + ${lifetime.maxMinutes}::integer * interval '1 minute'`,
    })
    .execute()
  await db.updateTable('people').set({ last_sign_in_at: sql`now()` }).where('id', '=', personId).execute()
  return { id, token }
}

export interface LiveSession {
  id: string
  personId: string
  lastSeenAt: Date
}

/**
 * The live session a cookie token names, or undefined when there is none: unknown, past its absolute
 * lifetime, or unused for longer than the idle timeout (both ended sessions are deleted on the way).
 * Marks the session seen at most once a minute, so a busy console does not write on every request.
 */
export async function findLiveSession(db: Kysely<DB>, token: string, lifetime: SessionLifetime): Promise<LiveSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'person_id', 'last_seen_at', sql<boolean>`expires_at <= now() OR last_seen_at <= now() - ${lifetime.idleMinutes}::integer * interval '1 minute'`.as('ended'), sql<boolean>`last_seen_at < now() - interval '1 minute'`.as('stale')])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row) return undefined
  if (row.ended) {
    await db.deleteFrom('sessions').where('id', '=', row.id).execute()
    return undefined
  }
  if (row.stale) await db.updateTable('sessions').set({ last_seen_at: sql`now()` }).where('id', '=', row.id).execute()
  return { id: row.id, personId: row.person_id, lastSeenAt: row.last_seen_at }
}

import { createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { type Kysely, type Transaction, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { inTransaction } from '../../db/transaction.js'
import { WeGovError } from '../../errors.js'
import { isUniqueViolation } from '../organisations/organisation-slug.js'

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/
/** How long a POST's reply is kept for a retry. */
export const IDEMPOTENCY_HOURS = 24

export interface StoredReply {
  status: number
  body: unknown
}

/** Rolls back a write whose key a concurrent retry stored first (the retry's reply is then replayed). */
class RetryCommittedFirst extends Error {}

/** Who made the request, as the store keys it: a person or an API key (never anonymous: writes need either). */
function actorOf(request: FastifyRequest): string {
  const { actor } = request
  if (actor.kind === 'person') return `person:${actor.personId}`
  if (actor.kind === 'key') return `key:${actor.keyId}`
  throw new WeGovError('WEGOV_UNAUTHENTICATED')
}

/**
 * Runs a POST at most once per Idempotency-Key: the same key and body from the same actor within 24 h gets
 * the first reply again (a retry after a lost response never creates a second item); the same key with
 * another body or path is 422 WEGOV_IDEMPOTENCY_KEY_REUSED. The reply is stored in the transaction that
 * makes the item, so either both exist or neither. Without the header, `run` simply runs.
 */
export async function oncePerIdempotencyKey(
  db: Kysely<DB>,
  request: FastifyRequest,
  run: (trx: Transaction<DB>) => Promise<StoredReply>,
): Promise<StoredReply & { replayed: boolean }> {
  const header = request.headers['idempotency-key']
  if (header === undefined) return { ...(await inTransaction(db, run)), replayed: false }
  const key = Array.isArray(header) ? header[0]! : header
  if (!KEY.test(key)) throw new WeGovError('WEGOV_IDEMPOTENCY_KEY_INVALID')
  const actor = actorOf(request)
  const methodPath = `${request.method} ${request.routeOptions.url ?? ''} ${JSON.stringify(request.params)}`
  const bodySha = createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex')

  const replay = async (): Promise<(StoredReply & { replayed: boolean }) | undefined> => {
    const stored = await db
      .selectFrom('content_idempotency')
      .select(['method_path', 'body_sha256', 'status', 'response'])
      .where('actor', '=', actor)
      .where('key', '=', key)
      .where('created_at', '>', sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`)
      .executeTakeFirst()
    if (!stored) return undefined
    if (stored.method_path !== methodPath || stored.body_sha256 !== bodySha) throw new WeGovError('WEGOV_IDEMPOTENCY_KEY_REUSED')
    return { status: stored.status, body: stored.response, replayed: true }
  }

  const earlier = await replay()
  if (earlier) return earlier
  try {
    const result = await inTransaction(db, async (trx) => {
      const reply = await run(trx)
      // An expired use of the key is overwritten, so that the key can serve again. A live one is kept: a
      // concurrent retry then waits for the first to commit, stores nothing, and replays the first reply.
      const stored = await trx
        .insertInto('content_idempotency')
        .values({ key, actor, method_path: methodPath, body_sha256: bodySha, status: reply.status, response: JSON.stringify(reply.body) })
        .onConflict((conflict) =>
          conflict
            .columns(['actor', 'key'])
            .doUpdateSet((eb) => ({
              method_path: eb.ref('excluded.method_path'),
              body_sha256: eb.ref('excluded.body_sha256'),
              status: eb.ref('excluded.status'),
              response: eb.ref('excluded.response'),
              created_at: sql<Date>`now()`,
            }))
            .where('content_idempotency.created_at', '<=', sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`),
        )
        .executeTakeFirst()
      if (Number(stored.numInsertedOrUpdatedRows) === 0) throw new RetryCommittedFirst()
      return reply
    })
    return { ...result, replayed: false }
  } catch (error) {
    // The same retry raced us and committed first: its reply is the one.
    if (error instanceof RetryCommittedFirst || isUniqueViolation(error)) {
      const raced = await replay()
      if (raced) return raced
    }
    throw error
  }
}

/** The content-writes domain's share of the stale-row purge (jobs/purge-stale-rows.ts): replies past any retry. */
export async function purgeExpiredReplies(db: Kysely<DB>): Promise<number> {
  const result = await db
    .deleteFrom('content_idempotency')
    .where(sql<boolean>`created_at < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

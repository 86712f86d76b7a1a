import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { sql } from 'kysely'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { ProblemSchema } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { recordChange } from '../changes/change-log.js'
import { SessionListSchema, UpdateMeRequestSchema } from './account-schemas.js'
import type { PersonActor } from './actor.js'
import { loadMe, MeSchema } from './me.js'
import { signedInTree } from './signed-in-tree.js'

const Problem = Type.Ref(ProblemSchema)
const SessionParams = Type.Object({ sessionId: Type.String({ format: 'uuid' }) })

/** Control characters and bidi overrides: a name shown in lists must read as what it is. */
const HIDDEN_IN_NAMES = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

/** A name as typed, trimmed and with runs of spaces made one; empty clears it. WEGOV_INVALID_NAME otherwise. */
function accountName(raw: string): string {
  if (HIDDEN_IN_NAMES.test(raw)) throw new WeGovError('WEGOV_INVALID_NAME', { errors: [{ field: 'name', message: 'no control characters or direction overrides' }] })
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ')
}

/** The policy 'account.manage' lets only a signed-in person through: the actor is a person. */
function person(actor: unknown): PersonActor {
  return actor as PersonActor
}

/** One's own account and sessions. Every route needs a signed-in person (an API key gets 403). */
export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  signedInTree(app)
  const lifetime = app.auth.lifetime

  app.get(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'getMe',
        summary: 'The signed-in person: account, platform role and organisations',
        response: { 200: Type.Ref(MeSchema), 401: Problem, 403: Problem },
      },
      config: { policy: 'account.manage' },
    },
    async (request, reply) => {
      const me = await loadMe(app.db, app.organisations, person(request.actor).personId, requestLanguage(request))
      if (!me) throw new WeGovError('WEGOV_UNAUTHENTICATED')
      return reply.header('cache-control', 'no-store').send(me)
    },
  )

  app.patch(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'updateMe',
        summary: 'Change one’s name or language',
        description: 'The language is the one WeGov writes to this person in (emails) and the console’s default.',
        body: Type.Ref(UpdateMeRequestSchema),
        response: { 200: Type.Ref(MeSchema), 400: Problem, 401: Problem, 403: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.write, policy: 'account.manage' },
    },
    async (request, reply) => {
      const { personId } = person(request.actor)
      const name = request.body.name === undefined ? undefined : accountName(request.body.name)
      const lang = request.body.lang
      await app.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('people').select(['name', 'lang']).where('id', '=', personId).forUpdate().executeTakeFirst()
        if (!before) throw new WeGovError('WEGOV_UNAUTHENTICATED')
        const after = { name: name ?? before.name, lang: lang ?? before.lang }
        if (after.name === before.name && after.lang === before.lang) return
        await trx.updateTable('people').set(after).where('id', '=', personId).execute()
        await recordChange(trx, request, { action: 'person.updated', subjectType: 'person', subjectId: personId, before, after })
      })
      const me = await loadMe(app.db, app.organisations, personId, requestLanguage(request))
      if (!me) throw new WeGovError('WEGOV_UNAUTHENTICATED')
      return reply.header('cache-control', 'no-store').send(me)
    },
  )

  app.get(
    '/me/sessions',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'listMySessions',
        summary: 'One’s live sessions (browsers signed in), newest first',
        response: { 200: Type.Ref(SessionListSchema), 401: Problem, 403: Problem },
      },
      config: { policy: 'account.manage' },
    },
    async (request, reply) => {
      const actor = person(request.actor)
      const rows = await app.db
        .selectFrom('sessions')
        .select(['id', 'method', 'user_agent', 'created_at', 'last_seen_at', 'expires_at'])
        .where('person_id', '=', actor.personId)
        .where('expires_at', '>', sql<Date>`now()`)
        .where('last_seen_at', '>', sql<Date>`now() - ${lifetime.idleMinutes}::integer * interval '1 minute'`)
        .orderBy('created_at', 'desc')
        .execute()
      const items = rows.map((row) => ({
        id: row.id,
        method: row.method,
        userAgent: row.user_agent,
        createdAt: row.created_at.toISOString(),
        lastSeenAt: row.last_seen_at.toISOString(),
        expiresAt: new Date(row.expires_at).toISOString(),
        current: row.id === actor.sessionId,
      }))
      return reply.header('cache-control', 'no-store').send({ items })
    },
  )

  app.delete(
    '/me/sessions/:sessionId',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'revokeMySession',
        summary: 'End one of one’s sessions (sign that browser out)',
        description: 'Ending the current session also clears its cookie. Another person’s session, or an ended one, is 404.',
        params: SessionParams,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.write, policy: 'account.manage' },
    },
    async (request, reply) => {
      const actor = person(request.actor)
      const { sessionId } = request.params
      await app.db.transaction().execute(async (trx) => {
        const ended = await trx.deleteFrom('sessions').where('id', '=', sessionId).where('person_id', '=', actor.personId).executeTakeFirst()
        if (ended.numDeletedRows === 0n) throw new WeGovError('WEGOV_NOT_FOUND')
        await recordChange(trx, request, { action: 'session.revoked', subjectType: 'session', subjectId: sessionId, after: { reason: 'revoked' } })
      })
      await app.auth.changed(actor.personId)
      if (sessionId === actor.sessionId) app.auth.clearCookie(reply)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/me/sessions/revoke-all',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'revokeAllMySessions',
        summary: 'Sign out everywhere: end every session, this one included',
        response: { 204: Type.Null(), 401: Problem, 403: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.write, policy: 'account.manage' },
    },
    async (request, reply) => {
      const actor = person(request.actor)
      await app.db.transaction().execute(async (trx) => {
        const ended = await trx.deleteFrom('sessions').where('person_id', '=', actor.personId).returning('id').execute()
        for (const session of ended) {
          await recordChange(trx, request, { action: 'session.revoked', subjectType: 'session', subjectId: session.id, after: { reason: 'sign-out-everywhere' } })
        }
      })
      await app.auth.changed(actor.personId)
      app.auth.clearCookie(reply)
      return reply.code(204).send(null)
    },
  )
}

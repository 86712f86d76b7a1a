import cookie from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import { WeGovError } from '../../errors.js'
import { ANONYMOUS, type Actor } from './actor.js'
import { AUTH_CHANNEL, Authenticator } from './authenticator.js'
import { comesFromWeGov, isUnsafeMethod } from './csrf.js'
import { decide, isOrganisationPermission, PERMISSIONS, type Permission } from './policy.js'
import { sessionCookie, type SessionCookie } from './session-cookie.js'
import { createSession, type SessionLifetime } from './sessions.js'

export interface Auth {
  readonly cookie: SessionCookie
  readonly lifetime: SessionLifetime
  /** Opens a session for a person who just proved who they are, and sets its cookie on the reply. */
  startSession(request: FastifyRequest, reply: FastifyReply, personId: string, method: 'code' | 'passkey'): Promise<{ sessionId: string }>
  /** Clears the session cookie on the reply (the caller deletes the session row). */
  clearCookie(reply: FastifyReply): void
  /**
   * After a session, key, role or membership changed: every instance forgets what it knew of this person or
   * key (by id). Call it after the change committed.
   */
  changed(id: string): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth
  }
  interface FastifyRequest {
    /** Who is asking: a person (session cookie), an API key, or nobody. */
    actor: Actor
  }
  interface FastifyContextConfig {
    /** The permission this route needs (domains/accounts/policy.ts); checked before the handler. */
    policy?: Permission
    /**
     * For an organisation permission on a route without `:organisationId` (`/v1/projects/:id`): loads the
     * organisation the permission applies to (the item's owner); undefined when there is no such item (404).
     * Called only for a signed-in actor: anonymous requests get 401 before any lookup.
     */
    policyOrganisation?: (request: FastifyRequest) => Promise<string | undefined>
  }
}

/**
 * Authentication and authorization for every route:
 * - `Authorization: Bearer wgk_…` is an API key (401 WEGOV_INVALID_API_KEY when unknown or revoked);
 * - otherwise the session cookie, if any, is a person; an unsafe request carrying it must come from a
 *   WeGov page (403 WEGOV_CSRF), because a browser would attach it to a cross-site form too;
 * - a route that declares `config: { policy }` runs only when policy.ts allows the actor (401/403), checked
 *   before its input is validated.
 * Register it before the read cache, so that a bad credential is refused even where a cached reply exists.
 */
export const authPlugin = fp(
  async function auth(app: FastifyInstance, { config }: { config: Config }) {
    const cookieSettings = sessionCookie(config)
    const lifetime: SessionLifetime = { idleMinutes: config.sessionIdleMinutes, maxMinutes: config.sessionMaxMinutes }
    const authenticator = new Authenticator(app.db, lifetime, (personId) => app.organisations.membershipsOf(personId))
    await app.register(cookie)

    const unlisten = await app.database.listen(AUTH_CHANNEL, (id) => authenticator.forget(id || undefined))
    app.addHook('onClose', async () => unlisten())

    app.decorate('auth', {
      cookie: cookieSettings,
      lifetime,
      async startSession(request, reply, personId, method) {
        const session = await createSession(app.db, { personId, method, userAgent: request.headers['user-agent'], lifetime })
        reply.setCookie(cookieSettings.name, session.token, cookieSettings.options)
        return { sessionId: session.id }
      },
      clearCookie(reply) {
        reply.clearCookie(cookieSettings.name, { ...cookieSettings.options, maxAge: 0 })
      },
      async changed(id) {
        authenticator.forget(id)
        await app.database.notify(app.db, AUTH_CHANNEL, id)
      },
    } satisfies Auth)

    // null, not ANONYMOUS: Fastify refuses an object as a request decoration's default (it would be shared).
    app.decorateRequest('actor', null as never)
    app.addHook('onRequest', async (request, reply) => {
      request.actor = ANONYMOUS
      const authorization = request.headers.authorization
      if (authorization !== undefined) {
        const secret = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1]
        const actor = secret ? await authenticator.apiKey(secret) : null
        if (!actor) {
          reply.header('www-authenticate', 'Bearer realm="WeGov", error="invalid_token"')
          throw new WeGovError('WEGOV_INVALID_API_KEY')
        }
        request.actor = actor
        return
      }
      const token = request.cookies[cookieSettings.name]
      if (token === undefined) return
      if (isUnsafeMethod(request.method) && !comesFromWeGov(request)) throw new WeGovError('WEGOV_CSRF')
      request.actor = (await authenticator.session(token)) ?? ANONYMOUS
    })

    app.addHook('onRoute', (route) => {
      const permission = route.config?.policy
      if (permission === undefined) return
      if (!(permission in PERMISSIONS)) throw new Error(`${route.method} ${route.url}: unknown permission ${permission}`)
      const scoped = isOrganisationPermission(permission)
      const loadOrganisation = route.config?.policyOrganisation
      if (scoped && !route.url.includes(':organisationId') && !loadOrganisation) {
        throw new Error(`${route.method} ${route.url}: ${permission} needs an :organisationId parameter or a policyOrganisation`)
      }
      const organisationOf = async (request: FastifyRequest): Promise<string | undefined> => {
        if (!scoped) return undefined
        if (!loadOrganisation) return (request.params as { organisationId?: string }).organisationId
        // Nobody learns whether an item exists before showing who they are.
        if (request.actor.kind === 'anonymous') throw new WeGovError('WEGOV_UNAUTHENTICATED')
        const organisationId = await loadOrganisation(request)
        if (organisationId === undefined) throw new WeGovError('WEGOV_NOT_FOUND')
        return organisationId
      }
      const check = async (request: FastifyRequest) => {
        const organisationId = await organisationOf(request)
        const decision = decide(request.actor, permission, organisationId)
        if (!decision.allowed) throw new WeGovError(decision.code)
      }
      // Before validation: a caller who may not use the route learns nothing from its validation errors.
      route.preValidation = [check, ...(route.preValidation === undefined ? [] : Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation])]
      // The OpenAPI document says which credentials and which permission each protected operation takes.
      // A GET's HEAD route shares its schema object: the note is written once.
      if (route.schema && !route.schema.description?.includes('Permission: `')) {
        const keyAllowed = 'scope' in PERMISSIONS[permission]
        route.schema.security = keyAllowed ? [{ session: [] }, { apiKey: [] }] : [{ session: [] }]
        route.schema.description = [route.schema.description, `Permission: \`${permission}\` (see docs/ARCHITECTURE.md, Accounts).`].filter(Boolean).join('\n\n')
      }
    })
  },
  { name: 'wegov-auth', dependencies: ['wegov-database', 'wegov-organisations'] },
)

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../../config.js'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { ProblemSchema } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { loadMe, MeSchema } from './me.js'
import {
  AddPasskeyRequestSchema,
  PasskeyCreationOptionsSchema,
  PasskeyListSchema,
  PasskeyRequestOptionsSchema,
  PasskeySchema,
  PasskeySignInRequestSchema,
  passkeySchemas,
} from './passkey-schemas.js'
import { addPasskey, authenticationOptions, listPasskeys, registrationOptions, relyingParty, removePasskey, signInWithPasskey } from './passkeys.js'
import { signedInTree } from './signed-in-tree.js'

const Problem = Type.Ref(ProblemSchema)

export { passkeySchemas }

/** The person a route's policy ('account.manage') already let in. */
function personId(request: FastifyRequest): string {
  if (request.actor.kind !== 'person') throw new WeGovError('WEGOV_UNAUTHENTICATED')
  return request.actor.personId
}

/**
 * Passkeys (WebAuthn, with @simplewebauthn/server): a signed-in person registers and removes them; anybody
 * signs in with one, without typing an address. The relying party is the configured public URL.
 */
export const passkeyRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const rp = relyingParty(config)
  // Personal answers: never kept by a shared cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
  })

  // Registering, listing and removing one's own passkeys: signed in only.
  const ownPasskeyRoutes: FastifyPluginAsyncTypebox = async (mine) => {
    signedInTree(mine)
    mine.post(
      '/me/passkeys/options',
      {
        schema: {
          tags: ['accounts'],
          operationId: 'passkeyRegistrationOptions',
          summary: 'Start registering a passkey: options for navigator.credentials.create()',
          description: 'A discoverable credential, with user verification preferred; the person’s own passkeys are excluded. The challenge is valid 5 minutes, once.',
          response: { 200: Type.Ref(PasskeyCreationOptionsSchema), 401: Problem, 403: Problem, 429: Problem },
        },
        config: { rateLimit: rateLimits.passkey, policy: 'account.manage' },
      },
      async (request) => registrationOptions(app.db, rp, personId(request)),
    )

    mine.post(
      '/me/passkeys',
      {
        schema: {
          tags: ['accounts'],
          operationId: 'addPasskey',
          summary: 'Register a passkey: the answer of navigator.credentials.create()',
          description:
            'WEGOV_PASSKEY_INVALID (400): the answer does not verify (another origin, another challenge, a passkey already registered). ' +
            'WEGOV_PASSKEY_CHALLENGE_EXPIRED (410): the challenge is unknown, used or older than 5 minutes; ask for new options.',
          body: Type.Ref(AddPasskeyRequestSchema),
          response: { 201: Type.Ref(PasskeySchema), 400: Problem, 401: Problem, 403: Problem, 410: Problem, 413: Problem, 415: Problem, 429: Problem },
        },
        config: { rateLimit: rateLimits.passkey, policy: 'account.manage' },
      },
      async (request, reply) => {
        const { challengeId, name, response } = request.body
        const passkey = await addPasskey(app.db, rp, request, { personId: personId(request), challengeId, name: name.trim(), response: response as RegistrationResponseJSON })
        return reply.code(201).send(passkey)
      },
    )

    mine.get(
      '/me/passkeys',
      {
        schema: {
          tags: ['accounts'],
          operationId: 'listPasskeys',
          summary: 'The signed-in person’s passkeys, oldest first',
          response: { 200: Type.Ref(PasskeyListSchema), 401: Problem, 403: Problem },
        },
        config: { policy: 'account.manage' },
      },
      async (request) => ({ items: await listPasskeys(app.db, personId(request)) }),
    )

    mine.delete(
      '/me/passkeys/:passkeyId',
      {
        schema: {
          tags: ['accounts'],
          operationId: 'removePasskey',
          summary: 'Remove one of the signed-in person’s passkeys',
          description: 'Another person’s passkey is answered like an unknown one: 404.',
          params: Type.Object({ passkeyId: Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 200 }) }),
          response: { 204: Type.Null({ description: 'Removed.' }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem },
        },
        config: { rateLimit: rateLimits.write, policy: 'account.manage' },
      },
      async (request, reply) => {
        await removePasskey(app.db, request, { personId: personId(request), passkeyId: request.params.passkeyId })
        return reply.code(204).send(null)
      },
    )
  }
  await app.register(ownPasskeyRoutes)

  app.post(
    '/auth/passkey/options',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'passkeySignInOptions',
        summary: 'Start signing in with a passkey: options for navigator.credentials.get()',
        description: 'No address is asked: the authenticator offers the passkeys it holds for WeGov. The challenge is valid 5 minutes, once.',
        response: { 200: Type.Ref(PasskeyRequestOptionsSchema), 429: Problem },
      },
      config: { rateLimit: rateLimits.passkey },
    },
    async () => authenticationOptions(app.db, rp),
  )

  app.post(
    '/auth/passkey/verify',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'signInWithPasskey',
        summary: 'Sign in with the answer of navigator.credentials.get(); sets the session cookie',
        description:
          'WEGOV_PASSKEY_INVALID (400): an unknown passkey, or an answer that does not verify. ' +
          'WEGOV_PASSKEY_CHALLENGE_EXPIRED (410): the challenge is unknown, used or older than 5 minutes; ask for new options.',
        body: Type.Ref(PasskeySignInRequestSchema),
        response: { 200: Type.Ref(MeSchema), 400: Problem, 403: Problem, 410: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.passkey },
    },
    async (request, reply) => {
      const { challengeId, response } = request.body
      const { personId } = await signInWithPasskey(app.db, rp, request, { challengeId, response: response as AuthenticationResponseJSON })
      await app.auth.startSession(request, reply, personId, 'passkey')
      const me = await loadMe(app.db, app.organisations, personId, requestLanguage(request))
      if (!me) throw new WeGovError('WEGOV_UNAUTHENTICATED')
      return me
    },
  )
}

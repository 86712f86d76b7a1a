import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Config } from '../../config.js'
import type { Lang } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { requestLanguage } from '../../http/request-language.js'
import { ProblemSchema } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { recordChange } from '../changes/change-log.js'
import { parseEmail } from '../signatures/canonical-email.js'
import { SignInCodeRequestSchema, SignInCodeSentSchema, VerifySignInRequestSchema } from './account-schemas.js'
import { loadMe, MeSchema } from './me.js'
import { signInPerson, type SignedIn } from './people.js'
import { countCodeSent, type SignInKeys, type SignInStep, sendSignInCode, signInWithCode, signInWithToken } from './sign-in-codes.js'

const Problem = Type.Ref(ProblemSchema)

const SENT: Record<Lang, string> = {
  en: 'If this address can receive email, a sign-in code is on its way. It is valid for 10 minutes.',
  fr: 'Si cette adresse peut recevoir des e-mails, un code de connexion est en route. Il est valable 10 minutes.',
  ar: 'إذا كان هذا العنوان يستقبل الرسائل، فإن رمز تسجيل الدخول في طريقه إليك. وهو صالح لمدة 10 دقائق.',
}

/** The address people sign in with: validated, then lowercased (not the gmail-canonical form: it is mailed). */
function signInAddress(raw: string): string {
  const parsed = parseEmail(raw)
  if (!parsed) throw new WeGovError('WEGOV_INVALID_EMAIL')
  return parsed.address.toLowerCase()
}

/** Asking for a code, using it (or the emailed link), and signing out. */
export const signInRoutes: FastifyPluginAsyncTypebox<{ config: Config; keys: SignInKeys }> = async (app, { config, keys }) => {
  app.post(
    '/auth/code',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'requestSignInCode',
        summary: 'Email a sign-in code and link to an address',
        description:
          'Sends a 6-digit code, valid 10 minutes, and a link to the console page that signs in with it (that page POSTs; opening the link signs nobody in). ' +
          'The answer is the same whether or not the address has an account: the first sign-in creates it. ' +
          'The email is in `lang`, else in the Accept-Language of the request. A new code replaces the previous one. ' +
          'Limited per IP and to 5 codes per hour per address (429 WEGOV_RATE_LIMITED with Retry-After).',
        body: Type.Ref(SignInCodeRequestSchema),
        response: { 202: Type.Ref(SignInCodeSentSchema), 400: Problem, 403: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.signIn },
    },
    async (request, reply) => {
      const address = signInAddress(request.body.email)
      const lang = request.body.lang ?? requestLanguage(request)
      if (app.abuse.settings.rateLimit) await countCodeSent(app.abuse.hits, keys.emailHash(address), request.log)
      // Links point at the configured origin, never at the Host header (a forged one would carry the token away).
      await sendSignInCode(app.db, keys, { address, lang, baseUrl: app.publicOrigin.url })
      app.mail.nudge()
      return reply.code(202).header('cache-control', 'no-store').send({ detail: SENT[lang] })
    },
  )

  app.post(
    '/auth/code/verify',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'verifySignInCode',
        summary: 'Sign in with the emailed code, or with the token of the emailed link',
        description:
          'Send `{email, code}` or `{token}`. On success the session cookie is set and the account is returned; the first sign-in creates it. ' +
          'A wrong code, an address no code was sent to, and a code after 5 wrong attempts all answer 400 WEGOV_SIGN_IN_CODE_INVALID ' +
          '(ask for a new code); a right code past its 10 minutes answers 410 WEGOV_SIGN_IN_CODE_EXPIRED.',
        body: Type.Ref(VerifySignInRequestSchema),
        response: { 200: Type.Ref(MeSchema), 400: Problem, 403: Problem, 410: Problem, 413: Problem, 415: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.signIn },
    },
    async (request, reply) => {
      const { email, code, token } = request.body
      const step: SignInStep<SignedIn> = (trx, proven) => signInPerson(trx, request, { ...proven, method: 'code' }, config.adminEmails)
      let signedIn: SignedIn
      if (token !== undefined && email === undefined && code === undefined) {
        signedIn = await signInWithToken(app.db, keys, token, step)
      } else if (token === undefined && email !== undefined && code !== undefined) {
        signedIn = await signInWithCode(app.db, keys, { address: signInAddress(email), code }, step)
      } else {
        throw new WeGovError('WEGOV_VALIDATION', { errors: [{ field: 'token', message: 'send either email and code, or token' }] })
      }
      if (signedIn.roleChanged) await app.auth.changed(signedIn.personId)
      await app.auth.startSession(request, reply, signedIn.personId, 'code')
      const me = await loadMe(app.db, app.organisations, signedIn.personId, requestLanguage(request))
      if (!me) throw new WeGovError('WEGOV_SIGN_IN_CODE_INVALID')
      return reply.header('cache-control', 'no-store').send(me)
    },
  )

  app.post(
    '/auth/sign-out',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'signOut',
        summary: 'Sign out: end this session and clear its cookie',
        description: 'Ends the session of this request (if any) and clears the cookie. Signing out when not signed in is not an error.',
        response: { 204: Type.Null(), 403: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.write },
    },
    async (request, reply) => {
      const actor = request.actor
      if (actor.kind === 'key') throw new WeGovError('WEGOV_FORBIDDEN')
      if (actor.kind === 'person') {
        await app.db.transaction().execute(async (trx) => {
          const ended = await trx.deleteFrom('sessions').where('id', '=', actor.sessionId).executeTakeFirst()
          if (ended.numDeletedRows > 0n) {
            await recordChange(trx, request, { action: 'session.revoked', subjectType: 'session', subjectId: actor.sessionId, after: { reason: 'sign-out' } })
          }
        })
        await app.auth.changed(actor.personId)
      }
      app.auth.clearCookie(reply)
      return reply.code(204).send(null)
    },
  )
}

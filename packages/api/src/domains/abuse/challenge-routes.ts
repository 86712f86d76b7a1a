import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ProblemSchema } from '../../http/schemas.js'
import { issueChallenge } from './proof-of-work.js'
import { rateLimits } from './rate-limits.js'

const ChallengeSchema = Type.Object(
  {
    algorithm: Type.Literal('SHA-256'),
    challenge: Type.String({ description: 'SHA-256 of salt + the secret number, in hex.' }),
    maxnumber: Type.Integer({ description: 'The difficulty: the secret number is at most this.' }),
    salt: Type.String({ description: 'Random salt; it carries the expiry, covered by the signature.' }),
    signature: Type.String({ description: "The server's HMAC of the challenge, in hex." }),
  },
  { description: 'An ALTCHA challenge, as the altcha widget (challengeurl) and altcha-lib expect it.' },
)

/** GET /v1/challenge: the self-hosted proof of work a signer solves before POSTing a signature. */
export const challengeRoutes: FastifyPluginAsyncTypebox<{ powKey: string; maxNumber: number }> = async (app, { powKey, maxNumber }) => {
  app.get(
    '/challenge',
    {
      schema: {
        tags: ['petitions'],
        operationId: 'getChallenge',
        summary: 'A proof-of-work challenge to solve before signing',
        description:
          'Solve it (find the number n such that SHA-256(salt + n) = challenge), then send base64(JSON {algorithm, ' +
          'challenge, number, salt, signature}) as `altcha` with the signature. A solution is accepted once, ' +
          'before the expiry carried in the salt. No cookie, no third party.',
        response: { 200: ChallengeSchema, 429: Type.Ref(ProblemSchema) },
      },
      config: { rateLimit: rateLimits.challenge },
    },
    async (_request, reply) => {
      // Each challenge is single-use: a cached one would be spent by whoever used it first.
      reply.header('cache-control', 'no-store')
      const challenge = await issueChallenge(powKey, maxNumber)
      return { ...challenge, algorithm: 'SHA-256' as const, maxnumber: challenge.maxnumber ?? maxNumber }
    },
  )
}

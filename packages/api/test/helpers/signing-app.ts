import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import type { Database } from '../../src/db/database.js'
import { rateLimits } from '../../src/domains/abuse/rate-limits.js'
import { openTestDatabase, testConfig } from './test-app.js'

export const TEST_SIGN_URL = (petitionId: string) => `/test/petitions/${petitionId}/signatures`

/**
 * An app with one extra, test-only route that calls app.abuse.checkSignature the way the signing route
 * does, answering 202 with the flag. It tests the abuse interface through HTTP before (and independently
 * of) the petitions domain.
 */
export async function buildSigningApp(
  t: Test,
  options: { database?: Database; config?: Partial<Config>; routeLimit?: boolean } = {},
): Promise<FastifyInstance> {
  const database = options.database ?? (await openTestDatabase(t))
  const app = await buildApp({ config: testConfig(options.config), database, logger: false })
  t.teardown(() => app.close())
  app.post<{ Params: { petitionId: string }; Body: { email: string; altcha?: string; website?: string } }>(
    '/test/petitions/:petitionId/signatures',
    // routeLimit: false leaves only checkSignature's own per-IP backstop.
    { config: { rateLimit: options.routeLimit === false ? false : rateLimits.sign } },
    async (request, reply) => {
      const email = request.body.email.toLowerCase()
      const { flag } = await app.abuse.checkSignature(request, {
        petitionId: request.params.petitionId,
        emailHash: createHash('sha256').update(email).digest('hex'),
        emailDomain: email.split('@')[1] ?? '',
        altcha: request.body.altcha,
        honeypot: request.body.website,
      })
      return reply.code(202).send({ flag })
    },
  )
  await app.ready()
  return app
}

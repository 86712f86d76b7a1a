import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import type { Database } from '../../src/db/database.js'
import { spendProofOfWork } from '../../src/domains/abuse/proof-of-work.js'
import { rateLimits } from '../../src/domains/abuse/rate-limits.js'
import { openTestDatabase, testConfig } from './test-app.js'

export const TEST_SIGN_URL = (petitionId: string) => `/test/petitions/${petitionId}/signatures`

/**
 * An app with one extra, test-only route that calls app.abuse.checkSignature the way the signing route
 * does, then spends the proof of work on its own (the signing route spends it in its batch), answering 202
 * with the flag. It tests the abuse interface through HTTP before (and independently of) the petitions domain.
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
      const { flag, proofOfWork } = await app.abuse.checkSignature(request, {
        petitionId: request.params.petitionId,
        emailHash: createHash('sha256').update(email).digest('hex'),
        emailDomain: email.split('@')[1] ?? '',
        altcha: request.body.altcha,
        honeypot: request.body.website,
      })
      if (proofOfWork) await spendProofOfWork(app.db, proofOfWork)
      return reply.code(202).send({ flag })
    },
  )
  await app.ready()
  return app
}

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

export type App = Awaited<ReturnType<typeof buildSigningApp>>
export interface Attempt {
  petition?: string
  email?: string
  ip?: string
  website?: string
  lang?: string
}

export const sign = (app: App, { petition = 'petition-1', email = `${randomUUID()}@example.org`, ip = '198.51.100.7', website, lang = 'en' }: Attempt = {}) =>
  app.inject({
    method: 'POST',
    url: TEST_SIGN_URL(petition),
    remoteAddress: ip,
    headers: { 'accept-language': lang },
    payload: { email, ...(website === undefined ? {} : { website }) },
  })

/** A Redis key prefix of this run only, its keys deleted at teardown, so parallel runs never collide. */
export async function redisPrefix(t: Test): Promise<string> {
  const prefix = `wegov-test:${randomBytes(6).toString('hex')}:`
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 })
  await redis.connect()
  t.teardown(async () => {
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
    await redis.quit()
  })
  return prefix
}

export function assertRateLimited(t: Test, response: Awaited<ReturnType<typeof sign>>, windowSeconds: number) {
  t.equal(response.statusCode, 429)
  t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(response.json().code, 'WEGOV_RATE_LIMITED')
  const retryAfter = Number(response.headers['retry-after'])
  t.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowSeconds, `Retry-After ${retryAfter} is within the window`)
}

import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'
import type { Config } from '../../config.js'
import { deriveKey, loadSecret } from '../../secrets.js'
import { blockedEmailDomains } from './blocked-email-domains.js'
import { challengeRoutes } from './challenge-routes.js'
import { type HitCounter, memoryHitCounter, redisHitCounter } from './hit-counter.js'
import { registerRateLimits } from './rate-limits.js'
import { type SignatureAttempt, type SignatureCheck, type SignatureLimits, signatureChecks } from './signature-checks.js'

export interface Abuse {
  /**
   * Runs every abuse check on one signing attempt. Throws a WeGovError (WEGOV_POW_REQUIRED,
   * WEGOV_POW_INVALID, WEGOV_EMAIL_DOMAIN_BLOCKED, WEGOV_RATE_LIMITED with Retry-After) or says whether
   * to keep the signature aside, and why, and hands back the verified proof of work for the caller to
   * spend with its write (proof-of-work.ts: WEGOV_POW_REPLAYED when it was spent before).
   */
  checkSignature(request: FastifyRequest, attempt: SignatureAttempt): Promise<SignatureCheck>
  readonly settings: Readonly<SignatureLimits>
  /** The fixed-window counters the checks use (shared through Redis when configured), for other per-key limits. */
  readonly hits: HitCounter
}

declare module 'fastify' {
  interface FastifyInstance {
    abuse: Abuse
  }
}

/**
 * Abuse control without third parties: rate limits (@fastify/rate-limit, opt-in per route), proof of work
 * (self-hosted ALTCHA, GET /v1/challenge), honeypot, email-domain blocklist and burst flags. Counts are
 * shared through Redis when REDIS_URL is set, and kept in this process otherwise.
 * Register it before the routes that use `config: { rateLimit }`: the limiter hooks routes as they are added.
 */
export const abusePlugin = fp(
  async function abuse(app: FastifyInstance, { config }: { config: Config }) {
    refuseUnsafeProduction(app, config)
    const secret = await loadSecret(app.db, config.secret)
    const powKey = deriveKey(secret, 'pow')
    const ipKey = deriveKey(secret, 'client-ip')
    const redis = config.redisUrl ? await connectRedis(app, config.redisUrl) : undefined

    if (config.rateLimit) {
      await registerRateLimits(app, { redis, nameSpace: `${config.redisKeyPrefix}rate-limit:`, hashKey: ipKey })
    }
    const settings: SignatureLimits = {
      pow: config.pow,
      rateLimit: config.rateLimit,
      signIpFlagAt: config.signIpFlagAt,
      signIpRefuseAt: config.signIpRefuseAt,
      signPetitionFlagAt: config.signPetitionFlagAt,
      signEmailRefuseAt: config.signEmailRefuseAt,
    }
    const hits = redis ? redisHitCounter(redis, `${config.redisKeyPrefix}abuse:`) : memoryHitCounter()
    const checkSignature = signatureChecks({
      powKey,
      ipKey,
      counter: hits,
      blockedDomains: blockedEmailDomains(config.blockedEmailDomains),
      limits: settings,
    })
    app.decorate('abuse', { checkSignature, settings: Object.freeze(settings), hits } satisfies Abuse)


    await app.register(challengeRoutes, { prefix: '/v1', powKey, maxNumber: config.powMaxNumber })
  },
  { name: 'wegov-abuse', dependencies: ['wegov-database'] },
)

/** Benchmark switches must never reach production by accident. */
function refuseUnsafeProduction(app: FastifyInstance, config: Config) {
  const unsafe = [!config.pow && 'WEGOV_POW=off', !config.rateLimit && 'WEGOV_RATE_LIMIT=off'].filter(Boolean).join(' and ')
  if (unsafe === '') return
  if (config.production && !config.forceUnsafe) {
    throw new Error(`${unsafe} removes abuse protection and is refused in production (NODE_ENV=production). Set WEGOV_FORCE_UNSAFE=1 to start anyway.`)
  }
  app.log.warn(`${unsafe}: abuse protection is off. Use this for benchmarks only, never in production.`)
}

async function connectRedis(app: FastifyInstance, url: string): Promise<Redis> {
  // Fail fast per command while Redis is away (callers then let the attempt through) rather than queueing.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableAutoPipelining: true })
  redis.on('error', (error) => app.log.warn({ err: error }, 'redis error'))
  // An unreachable Redis at start-up is a configuration error: better to refuse to start than to
  // silently count per instance.
  try {
    await redis.connect()
  } catch (error) {
    redis.disconnect() // or it keeps reconnecting, and keeps the process alive
    throw new Error(`Cannot reach Redis at REDIS_URL: ${(error as Error).message}`, { cause: error })
  }
  app.addHook('onClose', async () => {
    await redis.quit()
  })
  return redis
}

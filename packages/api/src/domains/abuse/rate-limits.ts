import { createHmac } from 'node:crypto'
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import { WeGovError } from '../../errors.js'

const MINUTE = 60_000
const TEN_MINUTES = 10 * MINUTE

/**
 * Per-IP limits of each write route, for `config: { rateLimit: rateLimits.sign }`. They are generous on
 * purpose: in the region many honest people share one IP behind carrier-grade NAT, so a per-IP limit can
 * only stop floods. Finer abuse (bursts, one email address) is handled by app.abuse.checkSignature.
 */
export const rateLimits = {
  /** Refuses only far past what a shared IP produces; below that, bursts are flagged, not refused. */
  sign: { max: perIpCeiling(1), timeWindow: TEN_MINUTES },
  /** Every signer behind a shared IP also confirms: the same ceiling. Wrong codes are limited per signature. */
  confirm: { max: perIpCeiling(1), timeWindow: TEN_MINUTES },
  withdraw: { max: perIpCeiling(1), timeWindow: TEN_MINUTES },
  /** A signer may fetch a second challenge (an expired one, a reload): twice the signing ceiling. */
  challenge: { max: perIpCeiling(2), timeWindow: TEN_MINUTES },
  /**
   * Asking for a sign-in code and using one. Far rarer than signing, so a fixed ceiling; each address also
   * has its own limit (sign-in-codes.ts), and each code five attempts.
   */
  signIn: { max: 30, timeWindow: TEN_MINUTES },
  /**
   * Passkey options and answers (registering, signing in). A guessed answer is worthless (it must be signed by
   * a registered key), so this only stops floods of challenges: the write ceiling, counted per route.
   */
  passkey: { max: 60, timeWindow: MINUTE },
  /** Document uploads: each one is up to WEGOV_UPLOAD_MAX_BYTES of work for storage, so fewer than other writes. */
  upload: { max: 20, timeWindow: MINUTE },
  /** Any other POST. */
  write: { max: 60, timeWindow: MINUTE },
  /**
   * Content writes (the publishing API): per actor (a person or an API key), not per IP, so a partner's
   * sync script and an office of editors behind one address do not share a budget.
   */
  contentWrite: { max: 120, timeWindow: MINUTE, keyGenerator: actorKey },
  /**
   * OAI-PMH asked by POST (the protocol allows a form body): a read, but one no cache answers, so it is
   * limited like a write; 120 pages a minute is a harvest of 24,000 records a minute. GET is cached.
   */
  harvest: { max: 120, timeWindow: MINUTE },
  /** The console's reads of private data (profiles, members, invitations): floods only. */
  consoleRead: { max: 300, timeWindow: MINUTE },
} as const satisfies Record<string, RateLimitOptions>

/** Who a write is counted against: its person or key (content writes always have one), else its address. */
function actorKey(request: FastifyRequest): string {
  const { actor } = request
  if (actor.kind === 'person') return `person:${actor.personId}`
  if (actor.kind === 'key') return `key:${actor.keyId}`
  return `ip:${rateLimit.normalizeIP(request.ip)}`
}

/** A multiple of WEGOV_SIGN_IP_REFUSE_AT, read when the limit is checked (each app has its own config). */
function perIpCeiling(times: number) {
  return (request: FastifyRequest) => request.server.abuse.settings.signIpRefuseAt * times
}

/**
 * The key every limit counts under: the client address (an IPv6 /64 counts as one, as a household gets a
 * whole /64), keyed-hashed so that no address is written to Redis or kept in memory in the clear.
 */
export function clientKey(request: FastifyRequest, hashKey: string): string {
  return createHmac('sha256', hashKey).update(rateLimit.normalizeIP(request.ip)).digest('base64url').slice(0, 22)
}

/**
 * Registers @fastify/rate-limit for the routes that opt in (`global: false`), counting in Redis when one
 * is given so that every instance shares the counts. Over the limit, the answer is the catalogue's
 * WEGOV_RATE_LIMITED problem with Retry-After.
 */
export async function registerRateLimits(app: FastifyInstance, options: { redis: Redis | undefined; nameSpace: string; hashKey: string }) {
  await app.register(rateLimit, {
    global: false,
    enableDraftSpec: true,
    ...(options.redis ? { redis: options.redis, nameSpace: options.nameSpace } : { cache: 10_000 }),
    keyGenerator: (request) => clientKey(request, options.hashKey),
    // If Redis is briefly unreachable, signing stays open (proof of work still applies) rather than failing.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new WeGovError('WEGOV_RATE_LIMITED', { headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) } }),
  })
}

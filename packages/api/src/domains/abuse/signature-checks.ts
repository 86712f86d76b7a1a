import { createSecretKey } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { WeGovError } from '../../errors.js'
import { isBlockedEmailDomain } from './blocked-email-domains.js'
import type { HitCounter } from './hit-counter.js'
import { type ProofOfWork, verifyProofOfWork } from './proof-of-work.js'
import { clientKey } from './rate-limits.js'

/** What the signing route passes for each attempt. The email itself never reaches this module. */
export interface SignatureAttempt {
  petitionId: string
  /** A keyed hash of the canonical email address. */
  emailHash: string
  emailDomain: string
  /** The ALTCHA solution (base64 JSON) the widget posts. */
  altcha: string | undefined
  /** The hidden `website` field: people leave it empty, naive bots fill it in. */
  honeypot: string | undefined
}

/**
 * Why a signature is kept aside rather than counted: a burst from one IP (checked, because IPs are shared),
 * a burst on one petition, or a filled honeypot (answered as a success, so the bot learns nothing).
 */
export type SignatureFlag = 'ip-burst' | 'petition-burst' | 'honeypot'

export interface SignatureCheck {
  flag: SignatureFlag | null
  /**
   * The verified proof of work (null when WEGOV_POW=off). It is not spent yet: the caller spends it in the
   * statement that writes the signature (the signing batch does), and refuses the attempt if it was spent.
   */
  proofOfWork: ProofOfWork | null
}

export interface SignatureLimits {
  pow: boolean
  rateLimit: boolean
  signIpFlagAt: number
  signIpRefuseAt: number
  signPetitionFlagAt: number
  signEmailRefuseAt: number
}

export const SIGNATURE_WINDOWS_MS = {
  ip: 10 * 60_000,
  petition: 60_000,
  email: 60 * 60_000,
} as const

export interface SignatureChecksDependencies {
  powKey: string
  ipKey: string
  counter: HitCounter
  blockedDomains: ReadonlySet<string>
  limits: SignatureLimits
}

/**
 * The checks every signing attempt goes through, in this order:
 * 1. proof of work, verified (WEGOV_POW_REQUIRED, WEGOV_POW_INVALID); it is spent with the write, which
 *    answers WEGOV_POW_REPLAYED to all uses but one (so a replayed proof is counted below before it is
 *    refused: the per-IP limits bound that, as they bound a solver's fresh proofs);
 * 2. the honeypot: flagged 'honeypot', nothing else is checked or counted;
 * 3. the email domain blocklist (WEGOV_EMAIL_DOMAIN_BLOCKED);
 * 4. counters shared by every instance: one email address is refused past its limit, one IP is flagged
 *    past a generous limit and refused only far beyond it, one petition is only ever flagged.
 */
export function signatureChecks(deps: SignatureChecksDependencies) {
  const { ipKey, counter, blockedDomains, limits } = deps
  // Made once: given as a string, every verification would convert the key again.
  const powKey = createSecretKey(Buffer.from(deps.powKey))

  return async function checkSignature(request: FastifyRequest, attempt: SignatureAttempt): Promise<SignatureCheck> {
    const proofOfWork = limits.pow ? verifyProofOfWork(powKey, attempt.altcha) : null
    const flag = await flagOrRefuse(request, attempt)
    return { flag, proofOfWork }
  }

  async function flagOrRefuse(request: FastifyRequest, attempt: SignatureAttempt): Promise<SignatureFlag | null> {
    if (attempt.honeypot !== undefined && attempt.honeypot.trim() !== '') return 'honeypot'
    if (isBlockedEmailDomain(blockedDomains, attempt.emailDomain)) throw new WeGovError('WEGOV_EMAIL_DOMAIN_BLOCKED')
    if (!limits.rateLimit) return null

    const [email, ip, petition] = await Promise.all([
      countOrSkip(request, counter, `sign-email:${attempt.emailHash}`, SIGNATURE_WINDOWS_MS.email),
      countOrSkip(request, counter, `sign-ip:${clientKey(request, ipKey)}`, SIGNATURE_WINDOWS_MS.ip),
      countOrSkip(request, counter, `sign-petition:${attempt.petitionId}`, SIGNATURE_WINDOWS_MS.petition),
    ])
    if (email.count > limits.signEmailRefuseAt) throw rateLimited(email.resetInMs)
    // The route's own per-IP limit (rateLimits.sign) normally refuses first; this is the backstop for a
    // route that forgot it.
    if (ip.count > limits.signIpRefuseAt) throw rateLimited(ip.resetInMs)
    if (ip.count > limits.signIpFlagAt) return 'ip-burst'
    if (petition.count > limits.signPetitionFlagAt) return 'petition-burst'
    return null
  }
}

/** A counter that cannot be reached lets the attempt through (and says so): signing stays open. */
async function countOrSkip(request: FastifyRequest, counter: HitCounter, key: string, windowMs: number) {
  try {
    return await counter.hit(key, windowMs)
  } catch (error) {
    request.log.error({ err: error }, 'abuse counter unavailable: attempt not counted')
    return { count: 0, resetInMs: 0 }
  }
}

function rateLimited(resetInMs: number): WeGovError {
  return new WeGovError('WEGOV_RATE_LIMITED', { headers: { 'retry-after': String(Math.max(1, Math.ceil(resetInMs / 1000))) } })
}

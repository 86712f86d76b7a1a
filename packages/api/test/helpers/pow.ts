import { solveChallenge } from 'altcha-lib'
import type { FastifyInstance } from 'fastify'

export interface IssuedChallenge {
  algorithm: 'SHA-256'
  challenge: string
  maxnumber: number
  salt: string
  signature: string
}

/** Fetches GET /v1/challenge as the widget does. Keep WEGOV_POW_MAX_NUMBER small in tests (powMaxNumber). */
export async function fetchChallenge(app: FastifyInstance): Promise<IssuedChallenge> {
  const response = await app.inject({ method: 'GET', url: '/v1/challenge' })
  if (response.statusCode !== 200) throw new Error(`GET /v1/challenge answered ${response.statusCode}: ${response.body}`)
  return response.json()
}

/** Solves a challenge with altcha-lib's own solver and encodes it as the widget posts it (base64 JSON). */
export async function solve(challenge: IssuedChallenge): Promise<string> {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise
  if (!solution) throw new Error('altcha-lib found no solution')
  return encodeAltcha({ ...challenge, number: solution.number })
}

/** A solved proof of work, ready to send as `altcha` in a signing request. */
export async function solvedAltcha(app: FastifyInstance): Promise<string> {
  return solve(await fetchChallenge(app))
}

export function encodeAltcha(payload: Record<string, unknown>): string {
  const { algorithm, challenge, number, salt, signature } = payload
  return Buffer.from(JSON.stringify({ algorithm, challenge, number, salt, signature })).toString('base64')
}

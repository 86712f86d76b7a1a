import { createHash, randomBytes } from 'node:crypto'

/**
 * Session tokens, link tokens and API keys are 256 random bits: a plain SHA-256 of one cannot be reversed
 * or guessed, so that is what the database keeps. Whoever reads the database learns no usable secret.
 */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

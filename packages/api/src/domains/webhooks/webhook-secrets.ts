import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import { deriveKey } from '../../secrets.js'

/** Standard Webhooks' prefix of a signing secret; the base64 after it is the HMAC key. */
export const SECRET_PREFIX = 'whsec_'

/** A new signing secret, `whsec_` and 32 random bytes in base64 (the Standard Webhooks form). */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`
}

/**
 * Seals and opens endpoints' signing secrets. A signing secret cannot be kept as a hash like an API key's:
 * the worker computes an HMAC with the secret itself on every delivery. It is kept sealed with AES-256-GCM
 * under a key derived from the master secret (secrets.ts), so that a copy of the database alone (a
 * backup, a dump shared for debugging) does not let anyone forge WeGov's deliveries.
 */
export interface WebhookSecrets {
  seal(secret: string): string
  open(sealed: string): string
}

export function webhookSecrets(masterSecret: string): WebhookSecrets {
  const key = Buffer.from(deriveKey(masterSecret, 'webhook-secrets'), 'hex')
  return {
    seal(secret) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
      return `v1.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url')}`
    },
    open(sealed) {
      const bytes = Buffer.from(sealed.slice('v1.'.length), 'base64url')
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12))
      decipher.setAuthTag(bytes.subarray(bytes.length - 16))
      return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8')
    },
  }
}

/**
 * The Standard Webhooks signature of one delivery: `v1,` and the base64 HMAC-SHA256 of
 * `${id}.${timestamp}.${body}`, keyed with the base64-decoded part of the secret after `whsec_`. The
 * receiver recomputes it (the `standardwebhooks` libraries' Webhook#verify) and checks the timestamp.
 *
 * @example
 * signature('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')
 * // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
 */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64')
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

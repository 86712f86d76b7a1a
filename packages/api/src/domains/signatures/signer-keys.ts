import { createHmac, createSecretKey, hash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { deriveKey } from '../../secrets.js'

/**
 * The keyed hashes that let WeGov recognise a signer without keeping what it recognises.
 *
 * - The canonical email is stored as an HMAC (key derived from the master secret shared by every
 *   instance), so a leaked signatures table cannot be matched against a list of addresses without the key.
 * - A 6-digit code has only a million values: a plain hash would be reversed instantly, so it is an HMAC
 *   too, bound to its signature.
 * - Links carry 256-bit random tokens: a plain SHA-256 is enough to store them.
 */
export interface SignerKeys {
  emailHash(canonicalEmail: string): string
  codeHash(signatureId: string, code: string): string
  sameCode(signatureId: string, code: string, storedHash: string): boolean
}

export function signerKeys(secret: string): SignerKeys {
  // Made key objects once: given as strings, each HMAC would convert its key again (every signature
  // computes two). The key's bytes, and so the hashes, are the same.
  const emailKey = createSecretKey(Buffer.from(deriveKey(secret, 'email-hash')))
  const codeKey = createSecretKey(Buffer.from(deriveKey(secret, 'confirmation-code')))
  const codeHash = (signatureId: string, code: string) => createHmac('sha256', codeKey).update(`${signatureId}:${code}`).digest('hex')
  return {
    emailHash: (canonicalEmail) => createHmac('sha256', emailKey).update(canonicalEmail).digest('hex'),
    codeHash,
    sameCode(signatureId, code, storedHash) {
      const computed = Buffer.from(codeHash(signatureId, code))
      const stored = Buffer.from(storedHash)
      return computed.length === stored.length && timingSafeEqual(computed, stored)
    },
  }
}

// Each call to the CSPRNG costs a system call: under a surge it showed in profiles. Like Node's own
// randomUUID, draw entropy in blocks and hand out slices; every byte is used once.
const ENTROPY_BLOCK = 16 * 1024
let entropy = Buffer.alloc(0)
let entropyOffset = 0

function randomSlice(size: number): Buffer {
  if (entropyOffset + size > entropy.length) {
    entropy = randomBytes(ENTROPY_BLOCK)
    entropyOffset = 0
  }
  const slice = entropy.subarray(entropyOffset, entropyOffset + size)
  entropyOffset += size
  return slice
}

/** Link tokens: 32 random bytes each, base64url (43 characters). */
export function newTokens(count: number): string[] {
  return Array.from({ length: count }, () => randomSlice(32).toString('base64url'))
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

export function tokenHash(token: string): string {
  return hash('sha256', token, 'hex')
}

/** A 6-digit code, uniformly drawn (leading zeros kept). */
export function newCode(): string {
  return String(randomInt(1_000_000)).padStart(6, '0')
}

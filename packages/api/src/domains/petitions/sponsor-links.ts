import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The private link a citizen sends to their sponsors. Its token is the petition's id and a keyed HMAC of it,
 * so it needs no table and no stored secret (a stored token would be a secret kept in the clear), the creator
 * can be shown it again at any time, and nobody can make one for a petition without the server's key.
 *
 * @example
 * const links = new SponsorLinks(deriveKey(secret, 'petition-sponsor-link'))
 * links.petitionOf(links.tokenFor(id)) // id
 */
export class SponsorLinks {
  readonly #key: Buffer

  constructor(hexKey: string) {
    this.#key = Buffer.from(hexKey, 'hex')
  }

  tokenFor(petitionId: string): string {
    const id = Buffer.from(petitionId.replaceAll('-', ''), 'hex')
    return Buffer.concat([id, this.#mac(id)]).toString('base64url')
  }

  /** The petition a token names, or undefined for a token this server did not make. */
  petitionOf(token: string): string | undefined {
    const bytes = Buffer.from(token, 'base64url')
    if (bytes.length !== 34) return undefined
    const id = bytes.subarray(0, 16)
    if (!timingSafeEqual(bytes.subarray(16), this.#mac(id))) return undefined
    const hex = id.toString('hex')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }

  #mac(id: Buffer): Buffer {
    return createHmac('sha256', this.#key).update('sponsor:').update(id).digest().subarray(0, 18)
  }
}

import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto'
import { isoCBOR } from '@simplewebauthn/server/helpers'

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest()

/** The JSON forms of the options WeGov sends (only the members an authenticator reads). */
interface CreationOptions {
  challenge: string
  rp: { id?: string }
  user: { id: string }
}
interface RequestOptions {
  challenge: string
  rpId?: string
}

/**
 * A passkey authenticator in the test process: a P-256 key, "none" attestation, a signature counter, and the
 * JSON answers a browser's PublicKeyCredential.toJSON() gives. The API tests use it to answer real challenges
 * (the Chromium test uses Chromium's own virtual authenticator instead).
 */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(16)
  readonly #key: KeyObject
  readonly #publicJwk: { x: string; y: string }
  #userHandle = ''
  counter = 0

  constructor(readonly origin: string) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    this.#key = privateKey
    this.#publicJwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string }
  }

  get id(): string {
    return b64url(this.credentialId)
  }

  /** The answer of navigator.credentials.create(options). */
  register(options: CreationOptions, { origin = this.origin, rpId = options.rp.id ?? '' } = {}) {
    this.#userHandle = options.user.id
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false }))
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(this.#publicJwk.x, 'base64url')],
      [-3, Buffer.from(this.#publicJwk.y, 'base64url')],
    ])
    const idLength = Buffer.alloc(2)
    idLength.writeUInt16BE(this.credentialId.length)
    const authData = Buffer.concat([this.#authData(rpId, 0x45), Buffer.alloc(16), idLength, this.credentialId, Buffer.from(isoCBOR.encode(cose))])
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', new Uint8Array(authData)]]) as never)
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ['internal'] },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    }
  }

  /** The answer of navigator.credentials.get(options), signed with this passkey (the counter moves on). */
  authenticate(options: RequestOptions, { origin = this.origin, rpId = options.rpId ?? '', counter = this.counter + 1 } = {}) {
    this.counter = counter
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }))
    const authenticatorData = this.#authData(rpId, 0x05)
    const signature = sign('sha256', Buffer.concat([authenticatorData, sha256(clientDataJSON)]), this.#key)
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authenticatorData), signature: b64url(signature), userHandle: this.#userHandle },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    }
  }

  /** rpIdHash, flags (UP 0x01, UV 0x04, AT 0x40), signature counter. */
  #authData(rpId: string, flags: number): Buffer {
    const counter = Buffer.alloc(4)
    counter.writeUInt32BE(this.counter)
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), counter])
  }
}

import { createHmac, timingSafeEqual } from 'node:crypto'

/** What a resumption token carries: the whole query and where the next page starts. */
export interface ListState {
  verb: 'ListRecords' | 'ListIdentifiers'
  metadataPrefix: string
  /** ISO instants: from inclusive, until exclusive (pinned at the first page, so the list cannot grow under the harvester). */
  from: string | undefined
  until: string
  set: string | undefined
  /** The last record sent: its exact datestamp and id (the keyset position). */
  after: [string, string]
  /** Records sent before the next page. */
  cursor: number
  /** The list's size, counted at the first page. */
  completeListSize: number
  /** Seconds since the epoch after which the token is refused. */
  expires: number
}

/**
 * Stateless resumption tokens: the query and the keyset position, in the token itself, with a keyed HMAC
 * so that nobody can forge one. No table and no per-process memory: any instance behind the load balancer
 * answers any token, and the same token always gives the same page (idempotent, as OAI-PMH asks).
 *
 * @example
 * const tokens = new ResumptionTokens(deriveKey(secret, 'oai-resumption-token'))
 * tokens.read(tokens.write(state), Date.now()) // state
 */
export class ResumptionTokens {
  readonly #key: Buffer

  constructor(hexKey: string) {
    this.#key = Buffer.from(hexKey, 'hex')
  }

  write(state: ListState): string {
    const payload = Buffer.from(JSON.stringify(state))
    return `${payload.toString('base64url')}.${this.#mac(payload).toString('base64url')}`
  }

  /** The state a token carries, or undefined for a token this server did not make or that has expired. */
  read(token: string, now: number): ListState | undefined {
    const [encoded, mac, ...rest] = token.split('.')
    if (!encoded || !mac || rest.length > 0) return undefined
    const payload = Buffer.from(encoded, 'base64url')
    const given = Buffer.from(mac, 'base64url')
    const expected = this.#mac(payload)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
    const state = JSON.parse(payload.toString('utf8')) as ListState
    return state.expires * 1000 > now ? state : undefined
  }

  #mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.#key).update('oai-resumption:').update(payload).digest().subarray(0, 18)
  }
}

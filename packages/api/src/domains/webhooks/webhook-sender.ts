import http from 'node:http'
import https from 'node:https'
import { rootCertificates } from 'node:tls'
import { type OutboundPolicy, type Resolver, OutboundRefused, checkOutboundUrl, guardedLookup, systemResolver } from '../../http/outbound-guard.js'
import type { AttemptOutcome } from './webhook-outbox.js'
import { signature } from './webhook-secrets.js'

/** Retry-After above this is not believed: the delivery is tried again then anyway. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000

export interface SenderOptions extends OutboundPolicy {
  timeoutMs: number
  /** PEM certificates trusted besides the usual roots (config.webhookCaCertificates). */
  caCertificates?: string | undefined
  /** How names are resolved (tests give a fixed table). */
  resolve?: Resolver
}

export interface WebhookMessage {
  url: string
  secret: string
  messageId: string
  body: string
}

export type WebhookSender = (message: WebhookMessage) => Promise<AttemptOutcome>

/**
 * Sends one signed delivery: a POST of the JSON body with the Standard Webhooks headers (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`). The URL is checked again, its name resolved and every address
 * checked (outbound-guard.ts), and the socket connects to a checked address. Redirects are not followed (a
 * 3xx is a failure: a redirect could lead anywhere), and the whole exchange has `timeoutMs`. The answer's
 * body is read and dropped, never kept: a receiver could echo anything.
 */
export function webhookSender(options: SenderOptions): WebhookSender {
  const policy: OutboundPolicy = { production: options.production }
  const lookup = guardedLookup(policy, options.resolve ?? systemResolver)
  const ca = options.caCertificates ? [...rootCertificates, options.caCertificates] : undefined
  return async (message) => {
    const started = performance.now()
    const outcome = (fields: Omit<AttemptOutcome, 'durationMs'>): AttemptOutcome => ({ ...fields, durationMs: performance.now() - started })
    let url: URL
    try {
      url = checkOutboundUrl(message.url, policy)
    } catch (error) {
      return outcome({ statusCode: null, error: `refused: ${(error as Error).message}` })
    }
    const timestamp = Math.floor(Date.now() / 1000)
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(message.body)),
      'user-agent': 'WeGov-Webhooks/1',
      'webhook-id': message.messageId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature(message.secret, message.messageId, timestamp, message.body),
    }
    return new Promise<AttemptOutcome>((resolve) => {
      const transport = url.protocol === 'https:' ? https : http
      const request = transport.request(
        url,
        {
          method: 'POST',
          headers,
          // A socket of its own per delivery: no pooled connection outlives the address check that made it.
          agent: false,
          lookup: lookup as never,
          ...(ca ? { ca } : {}),
          timeout: options.timeoutMs,
          signal: AbortSignal.timeout(options.timeoutMs),
        },
        (response) => {
          const statusCode = response.statusCode ?? 0
          response.resume()
          response.on('end', () => {
            const retryAfterMs = statusCode === 429 || statusCode === 503 ? retryAfter(response.headers['retry-after']) : undefined
            const error = statusCode >= 200 && statusCode < 300 ? null : statusCode >= 300 && statusCode < 400 ? `redirect (${statusCode}) not followed` : `HTTP ${statusCode}`
            resolve(outcome({ statusCode, error, retryAfterMs }))
          })
          response.on('error', (error) => resolve(outcome({ statusCode, error: describe(error) })))
        },
      )
      request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)))
      request.on('error', (error) => resolve(outcome({ statusCode: null, error: describe(error) })))
      request.end(message.body)
    })
  }
}

function describe(error: Error): string {
  if (error instanceof OutboundRefused || (error as { code?: string }).code === 'WEGOV_OUTBOUND_REFUSED') return `refused: ${error.message}`
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return 'timed out'
  const code = (error as { code?: string }).code
  return code ? `${code}: ${error.message}` : error.message
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function retryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - Date.now()
  if (!Number.isFinite(ms)) return undefined
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS)
}

import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { sendProblem } from './problem.js'

/** Names a developer's own browser uses; answered outside production, on the port the request came in on. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])
/** `name` or `name:port`, where name is a DNS name, an IPv4 address or a bracketed IPv6 address. */
const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/

/** A Host the server answers: `port` undefined means any port. */
interface HostRule {
  name: string
  port: string | undefined
}

/**
 * Where WeGov is reached from outside, and which Host headers it answers.
 *
 * Every absolute URL WeGov writes (email links, feeds, sitemap, canonical and Open Graph links) starts
 * with `url`, which comes from configuration only (WEGOV_PUBLIC_URL). The Host header is the client's to
 * write: a link built from it would let anyone make WeGov mail out a link to their own site carrying a
 * real confirmation token, or have a CDN cache pages pointing elsewhere. The Host check on top of that
 * refuses requests for names WeGov does not serve (DNS rebinding, a misrouted proxy) with 421.
 */
export class PublicOrigin {
  #url: string
  readonly #rules: HostRule[]
  readonly #loopback: boolean

  constructor(config: Pick<Config, 'publicUrl' | 'allowedHosts' | 'production'>) {
    const publicUrl = new URL(config.publicUrl)
    this.#url = withoutTrailingSlash(publicUrl)
    this.#rules = [
      { name: publicUrl.hostname, port: publicUrl.port || (publicUrl.protocol === 'https:' ? '443' : '80') },
      ...config.allowedHosts.map(hostRule),
    ]
    this.#loopback = !config.production
  }

  /** The public origin (and path), without a trailing slash: `https://wegov.example.org`. */
  get url(): string {
    return this.#url
  }

  /** With PORT=0 the development default names port 0 until the server listens; then the real one. */
  listening(port: number): void {
    const url = new URL(this.#url)
    if (url.port !== '0') return
    url.port = String(port)
    this.#url = withoutTrailingSlash(url)
  }

  /** Answers already worked out, by Host header and local port: every request asks, with few distinct values. */
  readonly #decided = new Map<string, boolean>()

  /** Whether a request with this Host header, arriving on this local port, is one WeGov answers. */
  allows(hostHeader: string | undefined, localPort: number | undefined): boolean {
    const key = `${localPort} ${hostHeader}`
    let allowed = this.#decided.get(key)
    if (allowed === undefined) {
      allowed = this.#decide(hostHeader, localPort)
      // Bounded: a client can send any number of distinct Host headers.
      if (this.#decided.size >= 64) this.#decided.clear()
      this.#decided.set(key, allowed)
    }
    return allowed
  }

  #decide(hostHeader: string | undefined, localPort: number | undefined): boolean {
    const match = HOST_PATTERN.exec(hostHeader?.toLowerCase() ?? '')
    if (!match) return false
    const [, name, port] = match as unknown as [string, string, string | undefined]
    if (this.#loopback && LOOPBACK_NAMES.has(name) && localPort !== undefined && (port ?? '80') === String(localPort)) return true
    return this.#rules.some(
      // A Host without a port came on the scheme's default port, 80 or 443 (a TLS proxy may sit in front).
      (rule) => rule.name === name && (rule.port === undefined || rule.port === port || (port === undefined && (rule.port === '80' || rule.port === '443'))),
    )
  }
}

function withoutTrailingSlash(url: URL): string {
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

function hostRule(entry: string): HostRule {
  const match = HOST_PATTERN.exec(entry)
  if (!match) throw new Error(`WEGOV_ALLOWED_HOSTS: not a host name or host:port: ${entry}`)
  return { name: match[1]!, port: match[2] }
}

declare module 'fastify' {
  interface FastifyInstance {
    publicOrigin: PublicOrigin
  }
}

/**
 * Decorates `app.publicOrigin` and answers 421 WEGOV_MISDIRECTED_REQUEST to a Host it does not serve.
 * Registered before the read cache (app.ts), so that a cached reply is never served to such a request.
 */
export const publicOriginPlugin = fp(
  async function publicOriginPlugin(app: FastifyInstance, { config }: { config: Config }) {
    const origin = new PublicOrigin(config)
    app.decorate('publicOrigin', origin)
    app.addHook('onListen', function (done) {
      const address = this.server.address()
      if (address && typeof address === 'object') origin.listening(address.port)
      done()
    })
    // A callback hook, not an async one: it runs on every request, and a promise per request shows on the read path.
    app.addHook('onRequest', (request, reply, done) => {
      // Probes from an orchestrator name the instance by its own address; they carry no links.
      // The raw Host header: X-Forwarded-Host is never read, whatever WEGOV_TRUST_PROXY says.
      if (request.url.startsWith('/health/') || origin.allows(request.headers.host, request.socket.localPort)) return done()
      sendProblem(request, reply, 'WEGOV_MISDIRECTED_REQUEST')
    })
  },
  { name: 'wegov-public-origin' },
)

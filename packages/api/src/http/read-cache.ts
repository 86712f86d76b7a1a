import { createHash } from 'node:crypto'
import { brotliCompress, constants as zlibConstants, gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type Encoding, chooseEncoding } from './content-encoding.js'
import { requestLanguage } from './request-language.js'
import { REQUEST_ID_HEADER } from './request-id.js'

/** The channel the content tables notify on a write that recorded no change-log event (migrations 0001, 0009). */
export const CONTENT_CHANNEL = 'wegov_content'

/** Below this size compression saves too little to be worth a header. */
const MIN_GZIP_BYTES = 1024

/**
 * Brotli at quality 10 makes a 40 KB Arabic list 18% smaller than gzip, but takes ~15 ms of CPU where gzip
 * takes 0.5: too slow for every miss (each search is one), right for replies read again and again. So a
 * reply is brotli-compressed off the event loop (zlib's thread pool) on its second hit, a few at a time,
 * and served gzipped until then.
 */
const BROTLI_QUALITY = 10
const BROTLI_AFTER_HITS = 2
const MAX_BROTLI_IN_FLIGHT = 2

type Headers = Record<string, string | number | string[]>

/** One encoding of an entry, as it goes on the wire. */
interface Representation {
  body: Buffer
  /** Each representation has its own strong ETag (RFC 9110 8.8.3): the compressed bytes are not the plain ones. */
  etag: string
  /** Every header of a 200, content-length included (and the hooks' when replayable). */
  headers: Headers
  /** The same as [name, value, name, value, …], the cheapest form for Node's writeHead. */
  headerList: (string | number | string[])[]
  /** The same without those describing the body, for a 304. */
  notModifiedHeaders: Headers
}

interface Entry {
  identity: Representation
  /** Gzipped once, when it is worth it: lists in Arabic run to tens of kilobytes, and phones pay for each. */
  gzip: Representation | null
  /** Once the entry has proved popular (see BROTLI_QUALITY); until then null. */
  br: Representation | null
  contentType: string
  hits: number
  /** Whether a hit may skip the other onRequest hooks: their headers are then in each representation's. */
  replayable: boolean
  tags: readonly string[]
  expiresAt: number
}

export interface ReadCacheOptions {
  /** Seconds an entry lives even if no invalidation arrives (a safety net, not the main mechanism). */
  ttlSeconds: number
  maxEntries?: number
}

export interface ReplyOptions {
  /** What clients and CDNs are told (max-age); stale-while-revalidate is five times that. */
  maxAgeSeconds?: number
  /** A whole Cache-Control value, for replies with their own policy (live counts). */
  cacheControl?: string
  /** Seconds this instance keeps the entry, when less than the cache's TTL (live counts). */
  ttlSeconds?: number
  /**
   * Names `forget(tag)` drops the entry by: `project:<id>`, `projects`, a petition's count… A function
   * names them from the built body (an item read by slug is tagged with its id).
   */
  tags?: readonly string[] | ((body: unknown) => readonly string[])
  contentType?: string
}

/**
 * A response cache for public reads, shared by nothing: each instance keeps its own copy, and every
 * instance drops it when PostgreSQL notifies a content write (LISTEN wegov_content). That keeps several
 * stateless instances consistent without Redis, and lets a list read skip the database entirely.
 *
 * A hit is answered in the first onRequest hook (`serveHit`), before validation, the handler and the
 * other hooks: only URLs that were once validated and answered 200 are ever stored, so the same URL needs
 * no second check, and the headers the other hooks gave that answer are stored with it and replayed.
 * Serving a list this way costs about half a bare-Fastify hello-world (docs/BENCHMARKS.md).
 *
 * A build that started before an invalidation is not stored (the generation check), so a slow read can
 * never put stale content back into the cache.
 */
export class ReadCache {
  readonly #entries = new Map<string, Entry>()
  /** Builds under way; `tags` undefined while they depend on the body being built. */
  readonly #inFlight = new Map<string, { promise: Promise<Entry>; tags: readonly string[] | undefined }>()
  /**
   * The invalidation count when each tag was last forgotten: a build that started before its tags' last
   * forget is not stored (its body may predate the write). Other tags' builds are.
   */
  readonly #tagForgottenAt = new Map<string, number>()
  #invalidations = 0
  readonly #ttlMs: number
  readonly #maxEntries: number
  #generation = 0
  #brotliInFlight = 0
  readonly #clearListeners = new Set<() => void>()

  constructor(options: ReadCacheOptions) {
    this.#ttlMs = options.ttlSeconds * 1000
    this.#maxEntries = options.maxEntries ?? 5000
  }

  clear(): void {
    this.#generation++
    this.#entries.clear()
    this.#inFlight.clear()
    for (const listener of this.#clearListeners) listener()
  }

  /**
   * Calls `listener` on every clear(), for the values a domain caches besides replies (the petitions'
   * rows, which embed their organisation): whatever clears the replies (a content NOTIFY, an organisation's
   * change, this instance's own organisation write) makes them stale too. Returns the unsubscribe.
   */
  onClear(listener: () => void): () => void {
    this.#clearListeners.add(listener)
    return () => this.#clearListeners.delete(listener)
  }

  /** Drops the entries stored with any of these tags (an item changed: its own tag and its type's lists). */
  forget(...tags: string[]): void {
    const at = ++this.#invalidations
    for (const tag of tags) this.#tagForgottenAt.set(tag, at)
    const hit = (entryTags: readonly string[] | undefined) => entryTags === undefined || entryTags.some((tag) => tags.includes(tag))
    // A request arriving now must not join a build that may have read the item before the write.
    for (const [key, pending] of this.#inFlight) if (hit(pending.tags)) this.#inFlight.delete(key)
    for (const [key, entry] of this.#entries) if (entry.tags.length > 0 && hit(entry.tags)) this.#entries.delete(key)
  }

  /** Whether a fresh entry answers this language and URL (for tests and the bench: what an invalidation kept). */
  has(lang: string, url: string): boolean {
    return this.#fresh(`${lang} ${url}`) !== undefined
  }

  get size(): number {
    return this.#entries.size
  }

  /**
   * Replies with the cached body for this request, or builds it with `build`, serialises it with the
   * route's response schema, and caches it. Answers If-None-Match with 304.
   */
  async reply(request: FastifyRequest, reply: FastifyReply, build: () => Promise<unknown>, options: ReplyOptions = {}): Promise<FastifyReply> {
    const key = cacheKey(request)
    const cached = this.#fresh(key)
    const entry = cached ? this.#countHit(cached) : await this.#build(key, reply, build, options)
    return send(request, reply, choose(request, entry))
  }

  /**
   * Answers a GET from the cache if it can; otherwise leaves the request alone. Called before the other
   * onRequest hooks: a hit replays their headers (see replayableHeaders) rather than running them.
   */
  serveHit(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    if (request.method !== 'GET' || this.#entries.size === 0) return undefined
    const entry = this.#fresh(cacheKey(request))
    // An entry whose headers cannot be replayed is left to the route handler, after the hooks, to reply().
    if (!entry?.replayable) return undefined
    const representation = choose(request, this.#countHit(entry))
    // A 304 carries no body: it goes the ordinary way.
    if (notModified(request, representation)) return send(request, reply, representation)
    // A hit is a finished response, bytes and headers: it is written as is, past Fastify's serialiser and
    // onSend stage, which are most of what a reply costs. Fastify still runs the onResponse hooks and
    // logs the request.
    reply.hijack()
    reply.raw.writeHead(200, [...representation.headerList, REQUEST_ID_HEADER, request.id])
    reply.raw.end(representation.body)
    return reply
  }

  #countHit(entry: Entry): Entry {
    if (++entry.hits >= BROTLI_AFTER_HITS && entry.br === null && entry.gzip !== null) this.#compressHot(entry)
    return entry
  }

  /** Adds the brotli form to a popular entry, in the background; a lost race or a failure only means gzip. */
  #compressHot(entry: Entry): void {
    if (this.#brotliInFlight >= MAX_BROTLI_IN_FLIGHT) return
    this.#brotliInFlight++
    entry.hits = -Infinity // not again while this one runs, nor after
    const { body, etag, notModifiedHeaders } = entry.identity
    const params = { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length }
    brotliCompress(body, { params }, (error, compressed) => {
      this.#brotliInFlight--
      if (!error) entry.br = encoded(compressed, 'br', etag, notModifiedHeaders, entry.contentType)
    })
  }

  #fresh(key: string): Entry | undefined {
    const entry = this.#entries.get(key)
    if (entry && Date.now() < entry.expiresAt) return entry
    if (entry) this.#entries.delete(key)
    return undefined
  }

  #build(key: string, reply: FastifyReply, build: () => Promise<unknown>, options: ReplyOptions): Promise<Entry> {
    const pending = this.#inFlight.get(key)
    if (pending) return pending.promise
    const generation = this.#generation
    const startedAt = this.#invalidations
    const current = (entry: Entry) =>
      generation === this.#generation && entry.tags.every((tag) => (this.#tagForgottenAt.get(tag) ?? 0) <= startedAt)
    const promise = this.#serialise(key, reply, build, options)
      .then((entry) => {
        if (current(entry)) this.#store(key, entry)
        return entry
      })
      .finally(() => {
        if (this.#inFlight.get(key)?.promise === promise) this.#inFlight.delete(key)
      })
    this.#inFlight.set(key, { promise, tags: typeof options.tags === 'function' ? undefined : (options.tags ?? []) })
    return promise
  }

  async #serialise(key: string, reply: FastifyReply, build: () => Promise<unknown>, options: ReplyOptions): Promise<Entry> {
    // Bytes, not the string: a client that takes no compression would otherwise pay an encoding per hit.
    const built = await build()
    const body = Buffer.from(String(reply.serialize(built)))
    const maxAge = options.maxAgeSeconds ?? 60
    const ttlMs = Math.min(this.#ttlMs, (options.ttlSeconds ?? Infinity) * 1000)
    const contentType = options.contentType ?? 'application/json; charset=utf-8'
    const hookHeaders = replayableHeaders(reply)
    const hookVary = reply.getHeader('vary')
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
    const notModifiedHeaders: Headers = {
      ...hookHeaders,
      etag,
      'cache-control': options.cacheControl ?? `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 5}`,
      vary: hookVary === undefined ? 'Accept-Language, Accept-Encoding' : `${String(hookVary)}, Accept-Language, Accept-Encoding`,
      'content-language': key.slice(0, key.indexOf(' ')),
    }
    return {
      identity: encoded(body, 'identity', etag, notModifiedHeaders, contentType),
      gzip: body.length >= MIN_GZIP_BYTES ? encoded(gzipSync(body, { level: 6 }), 'gzip', etag, notModifiedHeaders, contentType) : null,
      br: null,
      contentType,
      hits: 0,
      replayable: hookHeaders !== null,
      tags: typeof options.tags === 'function' ? options.tags(built) : (options.tags ?? []),
      expiresAt: Date.now() + ttlMs,
    }
  }

  #store(key: string, entry: Entry): void {
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
    this.#entries.set(key, entry)
  }
}

/**
 * The language is part of the key because Accept-Language picks it when `?lang=` does not. The Host is
 * not: absolute links come from the configured public origin, so a reply is the same whatever the Host.
 */
function cacheKey(request: FastifyRequest): string {
  return `${requestLanguage(request)} ${request.url}`
}

/** A body in one encoding, with its headers; `identityEtag` and `identityHeaders` are the plain body's. */
function encoded(body: Buffer, encoding: Encoding, identityEtag: string, identityHeaders: Headers, contentType: string): Representation {
  const etag = encoding === 'identity' ? identityEtag : `${identityEtag.slice(0, -1)}-${encoding}"`
  const notModifiedHeaders = { ...identityHeaders, etag }
  const headers: Headers = { ...notModifiedHeaders, 'content-type': contentType, 'content-length': String(body.length) }
  if (encoding !== 'identity') headers['content-encoding'] = encoding
  return { body, etag, headers, headerList: Object.entries(headers).flat(), notModifiedHeaders }
}

/** The best representation this client accepts. */
function choose(request: FastifyRequest, entry: Entry): Representation {
  if (entry.gzip === null) return entry.identity
  const encoding = chooseEncoding(request.headers['accept-encoding'], entry.br !== null)
  return entry[encoding] ?? entry.identity
}

function notModified(request: FastifyRequest, representation: Representation): boolean {
  return request.headers['if-none-match'] === representation.etag
}

/** Sends a representation through Fastify's reply: misses, hits that ran every hook, and 304s. */
function send(request: FastifyRequest, reply: FastifyReply, representation: Representation): FastifyReply {
  if (notModified(request, representation)) return reply.headers(representation.notModifiedHeaders).code(304).send()
  return reply.headers(representation.headers).send(representation.body)
}

/**
 * The headers the onRequest hooks (security, CORS) gave the request that built an entry, for hits to
 * replay without running those hooks again, as a shared HTTP cache stores a whole response. That is
 * only sound if they do not depend on the request beyond what the cache key holds: a hook whose headers
 * do would have to say so in Vary (CORS reflecting an Origin does), and then hits run every hook (null).
 */
function replayableHeaders(reply: FastifyReply): Headers | null {
  const { [REQUEST_ID_HEADER]: _perRequest, ...headers } = reply.getHeaders() as Headers
  return 'vary' in headers || 'set-cookie' in headers ? null : headers
}

declare module 'fastify' {
  interface FastifyInstance {
    readCache: ReadCache
  }
}

/** Decorates `app.readCache` and wires it to the database's change notifications. */
export const readCachePlugin = fp(
  async function readCachePlugin(app: FastifyInstance, options: ReadCacheOptions) {
    const cache = new ReadCache(options)
    app.decorate('readCache', cache)
    // Registered before the security-header and CORS hooks (see app.ts): a hit replays their headers.
    app.addHook('onRequest', (request, reply, done) => {
      if (!cache.serveHit(request, reply)) done()
    })
    const unlisten = await app.database.listen(CONTENT_CHANNEL, () => cache.clear())
    app.addHook('onClose', async () => {
      await unlisten()
    })
  },
  { name: 'wegov-read-cache', dependencies: ['wegov-database'] },
)

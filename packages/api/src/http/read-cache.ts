import { createHash } from 'node:crypto'
import { brotliCompress, constants as zlibConstants, gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { requestLanguage } from './request-language.js'

/** The channel the content tables' triggers notify on every write (see migration 0001). */
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

interface Entry {
  body: string
  /** The body gzipped once, when it is worth it: lists in Arabic run to tens of kilobytes, and phones pay for each. */
  gzipped: Buffer | null
  /** The body in brotli, once the entry has proved popular (see BROTLI_QUALITY); until then null. */
  brotli: Buffer | null
  hits: number
  etag: string
  lang: string
  contentType: string
  cacheControl: string
  tag: string | undefined
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
  /** A name `forget(tag)` drops the entry by, for data that changes without a content NOTIFY. */
  tag?: string
  contentType?: string
}

/**
 * A response cache for public reads, shared by nothing: each instance keeps its own copy, and every
 * instance drops it when PostgreSQL notifies a content write (LISTEN wegov_content). That keeps several
 * stateless instances consistent without Redis, and lets a list read skip the database entirely.
 *
 * A hit is answered in an onRequest hook (`serveHit`), before validation and the handler: only URLs that
 * were once validated and answered 200 are ever stored, so the same URL needs no second check.
 *
 * A build that started before an invalidation is not stored (the generation check), so a slow read can
 * never put stale content back into the cache.
 */
export class ReadCache {
  readonly #entries = new Map<string, Entry>()
  readonly #inFlight = new Map<string, { promise: Promise<Entry>; tag: string | undefined }>()
  /** Bumped by forget(tag): a build of that tag started before it is not stored. Other tags' builds are. */
  readonly #tagGenerations = new Map<string, number>()
  readonly #ttlMs: number
  readonly #maxEntries: number
  #generation = 0
  #brotliInFlight = 0

  constructor(options: ReadCacheOptions) {
    this.#ttlMs = options.ttlSeconds * 1000
    this.#maxEntries = options.maxEntries ?? 5000
  }

  clear(): void {
    this.#generation++
    this.#entries.clear()
    this.#inFlight.clear()
  }

  /** Drops the entries stored with this tag (e.g. a petition's count, after this instance changed it). */
  forget(tag: string): void {
    this.#tagGenerations.set(tag, (this.#tagGenerations.get(tag) ?? 0) + 1)
    for (const [key, pending] of this.#inFlight) if (pending.tag === tag) this.#inFlight.delete(key)
    for (const [key, entry] of this.#entries) if (entry.tag === tag) this.#entries.delete(key)
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
    const entry = this.#fresh(key) ?? (await this.#build(key, reply, build, options))
    return send(request, reply, entry)
  }

  /** Answers a GET from the cache if it can; otherwise leaves the request alone. */
  serveHit(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    if (request.method !== 'GET' || this.#entries.size === 0) return undefined
    const entry = this.#fresh(cacheKey(request))
    if (!entry) return undefined
    if (++entry.hits >= BROTLI_AFTER_HITS && entry.brotli === null && entry.gzipped !== null) this.#compressHot(entry)
    return send(request, reply, entry)
  }

  /** Adds the brotli form to a popular entry, in the background; a lost race or a failure only means gzip. */
  #compressHot(entry: Entry): void {
    if (this.#brotliInFlight >= MAX_BROTLI_IN_FLIGHT) return
    this.#brotliInFlight++
    entry.hits = -Infinity // not again while this one runs, nor after
    const params = { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(entry.body) }
    brotliCompress(entry.body, { params }, (error, compressed) => {
      this.#brotliInFlight--
      if (!error) entry.brotli = compressed
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
    const { tag } = options
    const generation = this.#generation
    const tagGeneration = tag === undefined ? 0 : (this.#tagGenerations.get(tag) ?? 0)
    const current = () => generation === this.#generation && (tag === undefined || tagGeneration === (this.#tagGenerations.get(tag) ?? 0))
    const promise = this.#serialise(key, reply, build, options)
      .then((entry) => {
        if (current()) this.#store(key, entry)
        return entry
      })
      .finally(() => {
        if (this.#inFlight.get(key)?.promise === promise) this.#inFlight.delete(key)
      })
    this.#inFlight.set(key, { promise, tag })
    return promise
  }

  async #serialise(key: string, reply: FastifyReply, build: () => Promise<unknown>, options: ReplyOptions): Promise<Entry> {
    const body = String(reply.serialize(await build()))
    const gzipped = Buffer.byteLength(body) >= MIN_GZIP_BYTES ? gzipSync(body, { level: 6 }) : null
    const maxAge = options.maxAgeSeconds ?? 60
    const ttlMs = Math.min(this.#ttlMs, (options.ttlSeconds ?? Infinity) * 1000)
    return {
      body,
      gzipped,
      brotli: null,
      hits: 0,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      lang: key.slice(0, key.indexOf(' ')),
      contentType: options.contentType ?? 'application/json; charset=utf-8',
      cacheControl: options.cacheControl ?? `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 5}`,
      tag: options.tag,
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
 * The language is part of the key because Accept-Language picks it when `?lang=` does not. So is the
 * origin: feeds and pages embed absolute links built from it, and a forged Host header must not be able
 * to plant its links in what other readers get.
 */
function cacheKey(request: FastifyRequest): string {
  return `${requestLanguage(request)} ${request.protocol}://${request.host}${request.url}`
}

function send(request: FastifyRequest, reply: FastifyReply, entry: Entry): FastifyReply {
  const encoding = entry.gzipped === null ? 'identity' : chooseEncoding(request.headers['accept-encoding'], entry.brotli !== null)
  // Each representation has its own strong ETag (RFC 9110 8.8.3): the compressed bytes are not the plain ones.
  const etag = encoding === 'identity' ? entry.etag : `${entry.etag.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gzip'}"`
  reply
    .header('etag', etag)
    .header('cache-control', entry.cacheControl)
    .header('vary', 'Accept-Language, Accept-Encoding')
    .header('content-language', entry.lang)
  if (request.headers['if-none-match'] === etag) return reply.code(304).send()
  reply.header('content-type', entry.contentType)
  if (encoding === 'br') return reply.header('content-encoding', 'br').send(entry.brotli)
  if (encoding === 'gzip') return reply.header('content-encoding', 'gzip').send(entry.gzipped)
  return reply.send(entry.body)
}

/**
 * The best encoding the client accepts (RFC 9110 12.5.3): brotli when it is ready, then gzip, then none.
 * A coding listed with q=0 is refused, and `*` stands for any coding not listed.
 */
function chooseEncoding(header: string | undefined, brotliReady: boolean): 'br' | 'gzip' | 'identity' {
  if (!header) return 'identity'
  const quality = new Map<string, number>()
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((param) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined)
    quality.set(coding.trim(), q === undefined ? 1 : Number(q))
  }
  const accepts = (coding: string) => (quality.get(coding) ?? quality.get('*') ?? 0) > 0
  if (brotliReady && accepts('br')) return 'br'
  return accepts('gzip') || accepts('x-gzip') ? 'gzip' : 'identity'
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
    // Registered after the CORS and security-header hooks, so a hit carries their headers.
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

import { errorFromResponse, networkError, RateLimitedError, ServerError, NetworkError, WeGovError } from './errors.js'
import type { Lang } from './types.js'

/** How to reach the API: createClient's and createTransport's options. */
export interface ClientOptions {
  /** Where the API is, e.g. https://wegov.example.org (no /v1). */
  baseUrl: string
  /** The reader's language, sent as ?lang= on reads; the API otherwise uses Accept-Language. */
  lang?: Lang
  /** Sent as `Authorization: Bearer …` (partner servers only: never put a key in a web page). */
  apiKey?: string
  /** A fetch to use instead of globalThis.fetch (tests, proxies, instrumentation). */
  fetch?: typeof fetch
  /**
   * Whether the browser sends WeGov's session cookie. The console, on the WeGov origin, uses 'include';
   * the default 'omit' keeps widgets and partner pages from ever acting as the signed-in visitor.
   */
  credentials?: RequestCredentials
  /** Per attempt, body included. Default 10000. */
  timeoutMs?: number
  /** Extra attempts after a network error, a 429 or a 5xx: reads always, POSTs only with an idempotency key. Default 2. */
  retries?: number
}

export interface TransportConfig {
  baseUrl: string
  lang: Lang | undefined
  apiKey: string | undefined
  fetch: typeof fetch
  credentials: RequestCredentials
  timeoutMs: number
  retries: number
}

/** Where the API is and how to reach it: what every operation (reads.ts, signing.ts) takes first. */
export type Transport = TransportConfig

/** A transport from createClient's options. */
export function createTransport(options: ClientOptions): Transport {
  return {
    baseUrl: options.baseUrl,
    lang: options.lang,
    apiKey: options.apiKey,
    // Bound: some browsers throw "Illegal invocation" when fetch is called as a method of another object.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    credentials: options.credentials ?? 'omit',
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: options.retries ?? 2,
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  query?: object | undefined
  body?: unknown
  /** Makes a POST safe to retry: the API answers a repeated key with the first outcome. */
  idempotencyKey?: string | undefined
  /** A POST the API documents as safe to repeat (confirming twice is not an error): retried like a read. */
  idempotent?: boolean
  signal?: AbortSignal | undefined
  lang?: Lang | undefined
  /** Revalidate past the HTTP cache (`cache: 'no-cache'`). */
  fresh?: boolean | undefined
  /** Preconditions of an edit: the ETag of the version edited. */
  ifMatch?: string | undefined
  /** The body's media type when it is not plain JSON (`application/merge-patch+json`). */
  contentType?: string | undefined
}

const BACKOFF_BASE_MS = 250
const BACKOFF_MAX_MS = 4000
/** Beyond this a Retry-After is not waited for: the caller gets the RateLimitedError and its retryAfter. */
const RETRY_AFTER_MAX_MS = 10_000

/**
 * One API call: builds the URL, applies the timeout and the caller's signal, turns failures into
 * WeGovErrors, and retries what is safe to retry. GETs stay CORS "simple requests" (no custom header
 * unless an apiKey is set), so a browser sends no preflight for a read.
 */
export async function request<T>(config: TransportConfig, path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestWithHeaders<T>(config, path, options)).body
}

/** request(), with the response's headers too (an edit needs the ETag of what it wrote). */
export async function requestWithHeaders<T>(config: TransportConfig, path: string, options: RequestOptions = {}): Promise<{ body: T; headers: Headers }> {
  const method = options.method ?? 'GET'
  // Every method but GET carries its parameters in the body and is not repeated unless safe (below).
  const post = method !== 'GET'
  const lang = options.lang ?? config.lang
  const url = buildUrl(config.baseUrl, path, post ? options.query : { lang, ...options.query })
  const headers: Record<string, string> = { accept: 'application/json' }
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`
  if (post) {
    headers['content-type'] = options.contentType ?? 'application/json'
    if (options.ifMatch) headers['if-match'] = options.ifMatch
    // A POST's errors come back in the reader's language too; its query string belongs to the route.
    if (lang) headers['accept-language'] = lang
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey
  }
  const init: RequestInit = { method, headers, credentials: config.credentials, body: post && method !== 'DELETE' ? JSON.stringify(options.body ?? {}) : null }
  if (method === 'DELETE') delete headers['content-type']
  if (options.fresh) init.cache = 'no-cache'
  // A POST without an idempotency key may have been applied before its response was lost: never resend it.
  const retryable = !post || !!options.idempotencyKey || !!options.idempotent
  for (let attempt = 0; ; attempt++) {
    try {
      return (await send(config, url, init, options.signal)) as { body: T; headers: Headers }
    } catch (error) {
      const wait = retryable && attempt < config.retries ? retryDelay(error as WeGovError, attempt) : undefined
      if (wait === undefined) throw error
      await sleep(wait, options.signal)
    }
  }
}

/** Milliseconds to wait before the next attempt, or undefined when this failure is final. */
function retryDelay(error: WeGovError, attempt: number): number | undefined {
  if (error instanceof RateLimitedError && error.retryAfter !== undefined) {
    const wait = error.retryAfter * 1000
    return wait <= RETRY_AFTER_MAX_MS ? wait : undefined
  }
  const transient =
    error instanceof ServerError || error instanceof RateLimitedError || (error instanceof NetworkError && error.code !== 'WEGOV_ABORTED')
  // Full jitter: many clients failing together do not come back together.
  return transient ? Math.random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt) : undefined
}

async function send(config: TransportConfig, url: string, init: RequestInit, callerSignal: AbortSignal | undefined): Promise<{ body: unknown; headers: Headers }> {
  // The timeout covers the body too. Linked by hand: AbortSignal.any/timeout are missing in older browsers.
  const controller = new AbortController()
  let timedOut = false
  const abort = () => controller.abort()
  const timer = setTimeout(() => {
    timedOut = true
    abort()
  }, config.timeoutMs)
  if (callerSignal?.aborted) abort()
  callerSignal?.addEventListener('abort', abort)
  try {
    const response = await config.fetch(url, { ...init, signal: controller.signal })
    const text = await response.text()
    let body: unknown
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = text // a proxy's HTML error page: the status still tells what happened
    }
    if (!response.ok) throw errorFromResponse(response.status, body, response.headers)
    return { body, headers: response.headers }
  } catch (error) {
    if (error instanceof WeGovError) throw error
    throw networkError(callerSignal?.aborted ? 'WEGOV_ABORTED' : timedOut ? 'WEGOV_TIMEOUT' : 'WEGOV_NETWORK', error)
  } finally {
    clearTimeout(timer)
    callerSignal?.removeEventListener('abort', abort)
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer)
      reject(networkError('WEGOV_ABORTED'))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop)
      resolve()
    }, ms)
    if (signal?.aborted) stop()
    signal?.addEventListener('abort', stop, { once: true })
  })
}

export function buildUrl(baseUrl: string, path: string, query: object | undefined): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path)
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) url.searchParams.append(name, String(item))
    }
  }
  return url.href
}

/** A path segment from a caller's id or slug, so that "a/b" cannot reach another route. */
export const segment = (value: string) => encodeURIComponent(value)

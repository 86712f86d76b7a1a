import { isIP } from 'node:net'

/**
 * Every setting WeGov reads from the environment, in one place.
 * The rest of the code receives a Config and never reads process.env itself,
 * so tests can build several apps with different settings in one process.
 */
export interface Config {
  host: string
  port: number
  /** `postgres://…` for a real server, `memory://` for a throwaway PGlite, or a PGlite data directory. */
  databaseUrl: string
  /** PostgreSQL schema to work in (tests give each run its own). */
  databaseSchema: string | undefined
  /**
   * WEGOV_DB_CONNECT_TIMEOUT_MS: how long a request waits for a database connection before it gets 503
   * WEGOV_UNAVAILABLE (PostgreSQL away, or every pooled connection busy).
   */
  databaseConnectTimeoutMs: number
  /**
   * WEGOV_DB_STATEMENT_TIMEOUT_MS: how long PostgreSQL runs one statement before cancelling it (a lock held
   * elsewhere, a runaway query); the request then gets 503 WEGOV_UNAVAILABLE rather than waiting forever.
   */
  databaseStatementTimeoutMs: number
  redisUrl: string | undefined
  smtpUrl: string | undefined
  loadDemo: boolean
  production: boolean
  logLevel: string
  /** Seconds a cached public read may be served before it is rebuilt, even without an invalidation. */
  cacheTtlSeconds: number
  /**
   * WEGOV_PUBLIC_URL: the origin (and optional path) every absolute URL is built from: email links, feeds,
   * sitemap, canonical and Open Graph links. Never taken from a request's Host header, which the client
   * writes. Required in production; elsewhere `http://localhost:PORT` (with PORT=0, the port actually
   * listened on: see http/public-origin.ts). No trailing slash.
   */
  publicUrl: string
  /**
   * WEGOV_ALLOWED_HOSTS, comma-separated `name` (any port) or `name:port`: Host headers answered besides the
   * public URL's own (and, outside production, localhost, 127.0.0.1 and [::1] on the listening port).
   * Any other Host gets 421 WEGOV_MISDIRECTED_REQUEST.
   */
  allowedHosts: string[]
  /**
   * WEGOV_TRUST_PROXY: which proxies may say who the client is in X-Forwarded-For (hence the address the
   * rate limits count): a hop count (`1`: one proxy in front, the right-most entry is the client) or a
   * comma-separated list of proxy addresses/CIDRs. Unset, `0` or `off`: no proxy, the socket's address.
   */
  trustProxy: false | number | string[]
  /** WEGOV_SECRET: master secret (32+ characters). Unset, one is generated once and kept in the database. */
  secret: string | undefined
  /** Prefix of every Redis key (WEGOV_REDIS_PREFIX), so several deployments or test runs can share a Redis. */
  redisKeyPrefix: string
  /** Proof-of-work before signing. WEGOV_POW=off is for benchmarks only: unsafe in production. */
  pow: boolean
  /** WEGOV_POW_MAX_NUMBER: the proof-of-work difficulty (the solver tries up to this many hashes). */
  powMaxNumber: number
  /** Rate limits on writes. WEGOV_RATE_LIMIT=off is for benchmarks only: unsafe in production. */
  rateLimit: boolean
  /** WEGOV_FORCE_UNSAFE=1 lets production start with WEGOV_POW=off or WEGOV_RATE_LIMIT=off. */
  forceUnsafe: boolean
  /** WEGOV_BLOCKED_EMAIL_DOMAINS, comma-separated: `d.tld` adds a domain, `-d.tld` removes a default one, `-*` drops the defaults. */
  blockedEmailDomains: string[]
  /** Signing attempts from one IP in 10 minutes past which they are flagged (shared IPs are common), then refused. */
  signIpFlagAt: number
  signIpRefuseAt: number
  /** Signing attempts on one petition in a minute past which they are flagged (never refused). */
  signPetitionFlagAt: number
  /** Signing attempts with one email address in an hour past which they are refused. */
  signEmailRefuseAt: number
  /** WEGOV_RETENTION_DAYS: days after a petition ends before its signers' personal data is anonymised. */
  retentionDays: number
  /** Days the change feed guarantees: a cursor older than that gets 410 and the reader resyncs (WEGOV_CHANGE_RETENTION_DAYS). */
  changeRetentionDays: number
  /** WEGOV_OAI_PAGE_SIZE: records (or headers) per OAI-PMH ListRecords / ListIdentifiers page, before a resumptionToken. */
  oaiPageSize: number
  /** WEGOV_PENDING_DAYS: days an unconfirmed signature may still be confirmed before it is purged. */
  pendingSignatureDays: number
  /** WEGOV_PETITION_SPONSORS: confirmed sponsors a citizen's petition needs before moderation (5). */
  petitionSponsors: number
  /** WEGOV_MODERATION_DAYS: days moderators have to decide on a submitted petition (7). */
  moderationDays: number
  /** WEGOV_PETITION_MAX_MONTHS: the longest a launched petition may stay open (6). */
  petitionMaxMonths: number
  /** WEGOV_RESPONSE_THRESHOLD: signatures (online and paper) past which a petition awaits an official response (10,000, as e-petitions). */
  responseThreshold: number
  /** WEGOV_MAIL_FROM: the sender of WeGov's mail. */
  mailFrom: string
  /** WEGOV_MAIL_POLL_MS: how often each instance looks for mail to deliver. */
  mailPollMs: number
  /**
   * WEGOV_MAIL_LEASE_MS: how long a claimed message stays this instance's before another may take it over.
   * Renewed while the message is being sent, so only an instance that died (or lost the database for that
   * long) gives its mail to another: a slow SMTP server does not make duplicates.
   */
  mailLeaseMs: number
  /** WEGOV_MAIL_FANOUT_CHUNK: outbox rows queued per transaction for an announcement to many (a petition's response). */
  mailFanoutChunk: number
  /** WEGOV_REQUEST_TIMEOUT_MS: the longest a client may take to send one whole request (headers and body); 408 after. */
  requestTimeoutMs: number
  /** WEGOV_CONNECTION_TIMEOUT_MS: a socket with no traffic at all for this long is closed. */
  connectionTimeoutMs: number
  /** WEGOV_KEEP_ALIVE_TIMEOUT_MS: how long an idle keep-alive connection is kept (above a load balancer's idle timeout). */
  keepAliveTimeoutMs: number
  /** WEGOV_SHUTDOWN_GRACE_MS: on SIGTERM, how long open connections get to drain before they are closed. */
  shutdownGraceMs: number
  /** WEGOV_JOB_INTERVAL: seconds between runs of the maintenance jobs (count reconciliation, expiry, retention). */
  jobIntervalSeconds: number
  /**
   * WEGOV_PARTNER_PORT: `npm start` (scripts/start.ts, not the API) also serves the example partner site on this port, a second
   * origin that embeds the widgets cross-origin. Unset or `off`: not served (`npm start` sets 3001).
   */
  partnerPort: number | undefined
  /**
   * WEGOV_VIDEO_EMBED_ORIGINS, comma-separated origins: the video players the portal may frame (its
   * Content-Security-Policy frame-src). YouTube's privacy-enhanced host and Vimeo's player by default.
   */
  videoEmbedOrigins: string[]
  /**
   * WEGOV_ADMIN_EMAILS, comma-separated: the addresses that become platform admins when they sign in
   * (bootstrap: the first admin needs nobody to grant the role).
   */
  adminEmails: string[]
  /** WEGOV_SESSION_IDLE_MINUTES: a session unused for this long ends (default 3 days). */
  sessionIdleMinutes: number
  /** WEGOV_SESSION_MAX_MINUTES: a session ends this long after sign-in, however used (default 30 days). */
  sessionMaxMinutes: number
  /** WEGOV_UPLOAD_MAX_BYTES: the largest document an organisation may upload (default 25 MB); 413 above. */
  uploadMaxBytes: number
  /**
   * S3_URL: keep uploaded files in S3-compatible object storage, `http(s)://KEY:SECRET@HOST[:PORT]/BUCKET?region=…`
   * (path-style addressing). Unset: they are kept in PostgreSQL (file_chunks), which needs nothing else.
   */
  s3Url: string | undefined
  /** WEGOV_WEBHOOK_TIMEOUT_MS: how long one webhook delivery may take (connect, answer) before it counts as failed (default 10 s). */
  webhookTimeoutMs: number
  /** WEGOV_WEBHOOK_MAX_ATTEMPTS: attempts of one delivery before it is given up (default 15: about a day with the backoff below). */
  webhookMaxAttempts: number
  /**
   * WEGOV_WEBHOOK_RETRY_BASE_MS and WEGOV_WEBHOOK_RETRY_MAX_MS: the wait after a failed delivery, doubled per
   * attempt (5 s, 10 s, 20 s...), never more than the maximum (8 h), with ±20 % jitter.
   */
  webhookRetryBaseMs: number
  webhookRetryMaxMs: number
  /** WEGOV_WEBHOOK_DISABLE_AFTER_MS: an endpoint whose deliveries have failed for this long is disabled and its owners told (default a day). */
  webhookDisableAfterMs: number
  /** WEGOV_WEBHOOK_POLL_MS: how often each instance looks for webhook deliveries that are due. */
  webhookPollMs: number
  /**
   * WEGOV_WEBHOOK_AGGREGATE_MS: the window of the signature.confirmed and petition.milestone aggregates
   * (default a minute): one delivery per window, however many signatures a surge brings.
   */
  webhookAggregateWindowMs: number
  /**
   * WEGOV_WEBHOOK_CA_CERTS: PEM certificates trusted for webhook endpoints besides the usual roots (a
   * private CA outside production; the tests' self-signed receiver). Unset: the usual roots only.
   */
  webhookCaCertificates: string | undefined
}

/** Where the portal's videos play by default: the hosts the widget turns YouTube and Vimeo links into. */
export const DEFAULT_VIDEO_EMBED_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com']

/** The default of WEGOV_DB_CONNECT_TIMEOUT_MS, also used by a database opened without a Config (tests, scripts). */
export const DATABASE_CONNECT_TIMEOUT_MS = 5000
/** The default of WEGOV_DB_STATEMENT_TIMEOUT_MS: far above any request's queries, far below a client's patience. */
export const DATABASE_STATEMENT_TIMEOUT_MS = 30_000

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.WEGOV_DATA_DIR ?? './data'
  const production = env.NODE_ENV === 'production'
  const port = parsePort(env.PORT ?? '3000')
  return {
    host: env.HOST ?? '0.0.0.0',
    port,
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : `pglite://${dataDir}`,
    databaseSchema: env.WEGOV_DB_SCHEMA || undefined,
    databaseConnectTimeoutMs: positiveInteger('WEGOV_DB_CONNECT_TIMEOUT_MS', env.WEGOV_DB_CONNECT_TIMEOUT_MS, DATABASE_CONNECT_TIMEOUT_MS),
    databaseStatementTimeoutMs: positiveInteger('WEGOV_DB_STATEMENT_TIMEOUT_MS', env.WEGOV_DB_STATEMENT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS),
    redisUrl: env.REDIS_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    loadDemo: env.WEGOV_DEMO !== '0',
    production,
    logLevel: env.LOG_LEVEL ?? 'info',
    cacheTtlSeconds: Number(env.WEGOV_CACHE_TTL ?? 60),
    publicUrl: publicUrl(env.WEGOV_PUBLIC_URL, production, port),
    allowedHosts: (env.WEGOV_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    trustProxy: trustProxy(env.WEGOV_TRUST_PROXY),
    secret: env.WEGOV_SECRET || undefined,
    redisKeyPrefix: env.WEGOV_REDIS_PREFIX || 'wegov:',
    pow: env.WEGOV_POW !== 'off',
    powMaxNumber: positiveInteger('WEGOV_POW_MAX_NUMBER', env.WEGOV_POW_MAX_NUMBER, 100_000),
    rateLimit: env.WEGOV_RATE_LIMIT !== 'off',
    forceUnsafe: env.WEGOV_FORCE_UNSAFE === '1',
    blockedEmailDomains: (env.WEGOV_BLOCKED_EMAIL_DOMAINS ?? '').split(',').map((d) => d.trim().toLowerCase()).filter(Boolean),
    signIpFlagAt: positiveInteger('WEGOV_SIGN_IP_FLAG_AT', env.WEGOV_SIGN_IP_FLAG_AT, 100),
    signIpRefuseAt: positiveInteger('WEGOV_SIGN_IP_REFUSE_AT', env.WEGOV_SIGN_IP_REFUSE_AT, 1000),
    signPetitionFlagAt: positiveInteger('WEGOV_SIGN_PETITION_FLAG_AT', env.WEGOV_SIGN_PETITION_FLAG_AT, 2000),
    signEmailRefuseAt: positiveInteger('WEGOV_SIGN_EMAIL_REFUSE_AT', env.WEGOV_SIGN_EMAIL_REFUSE_AT, 5),
    retentionDays: positiveInteger('WEGOV_RETENTION_DAYS', env.WEGOV_RETENTION_DAYS, 90),
    changeRetentionDays: positiveInteger('WEGOV_CHANGE_RETENTION_DAYS', env.WEGOV_CHANGE_RETENTION_DAYS, 90),
    oaiPageSize: positiveInteger('WEGOV_OAI_PAGE_SIZE', env.WEGOV_OAI_PAGE_SIZE, 200),
    pendingSignatureDays: positiveInteger('WEGOV_PENDING_DAYS', env.WEGOV_PENDING_DAYS, 7),
    petitionSponsors: positiveInteger('WEGOV_PETITION_SPONSORS', env.WEGOV_PETITION_SPONSORS, 5),
    moderationDays: positiveInteger('WEGOV_MODERATION_DAYS', env.WEGOV_MODERATION_DAYS, 7),
    petitionMaxMonths: positiveInteger('WEGOV_PETITION_MAX_MONTHS', env.WEGOV_PETITION_MAX_MONTHS, 6),
    responseThreshold: positiveInteger('WEGOV_RESPONSE_THRESHOLD', env.WEGOV_RESPONSE_THRESHOLD, 10_000),
    mailFrom: env.WEGOV_MAIL_FROM || 'WeGov <no-reply@wegov.localhost>',
    mailPollMs: positiveInteger('WEGOV_MAIL_POLL_MS', env.WEGOV_MAIL_POLL_MS, 1000),
    mailLeaseMs: positiveInteger('WEGOV_MAIL_LEASE_MS', env.WEGOV_MAIL_LEASE_MS, 60_000),
    mailFanoutChunk: positiveInteger('WEGOV_MAIL_FANOUT_CHUNK', env.WEGOV_MAIL_FANOUT_CHUNK, 500),
    requestTimeoutMs: positiveInteger('WEGOV_REQUEST_TIMEOUT_MS', env.WEGOV_REQUEST_TIMEOUT_MS, 30_000),
    connectionTimeoutMs: positiveInteger('WEGOV_CONNECTION_TIMEOUT_MS', env.WEGOV_CONNECTION_TIMEOUT_MS, 60_000),
    keepAliveTimeoutMs: positiveInteger('WEGOV_KEEP_ALIVE_TIMEOUT_MS', env.WEGOV_KEEP_ALIVE_TIMEOUT_MS, 72_000),
    shutdownGraceMs: positiveInteger('WEGOV_SHUTDOWN_GRACE_MS', env.WEGOV_SHUTDOWN_GRACE_MS, 10_000),
    jobIntervalSeconds: positiveInteger('WEGOV_JOB_INTERVAL', env.WEGOV_JOB_INTERVAL, 60),
    partnerPort: env.WEGOV_PARTNER_PORT && env.WEGOV_PARTNER_PORT !== 'off' ? parsePort(env.WEGOV_PARTNER_PORT) : undefined,
    videoEmbedOrigins: videoEmbedOrigins(env.WEGOV_VIDEO_EMBED_ORIGINS),
    adminEmails: (env.WEGOV_ADMIN_EMAILS ?? '').split(',').map((e) => e.trim().normalize('NFKC').toLowerCase()).filter(Boolean),
    sessionIdleMinutes: positiveInteger('WEGOV_SESSION_IDLE_MINUTES', env.WEGOV_SESSION_IDLE_MINUTES, 3 * 24 * 60),
    sessionMaxMinutes: positiveInteger('WEGOV_SESSION_MAX_MINUTES', env.WEGOV_SESSION_MAX_MINUTES, 30 * 24 * 60),
    uploadMaxBytes: positiveInteger('WEGOV_UPLOAD_MAX_BYTES', env.WEGOV_UPLOAD_MAX_BYTES, 25 * 1024 * 1024),
    s3Url: env.S3_URL || undefined,
    webhookTimeoutMs: positiveInteger('WEGOV_WEBHOOK_TIMEOUT_MS', env.WEGOV_WEBHOOK_TIMEOUT_MS, 10_000),
    webhookMaxAttempts: positiveInteger('WEGOV_WEBHOOK_MAX_ATTEMPTS', env.WEGOV_WEBHOOK_MAX_ATTEMPTS, 15),
    webhookRetryBaseMs: positiveInteger('WEGOV_WEBHOOK_RETRY_BASE_MS', env.WEGOV_WEBHOOK_RETRY_BASE_MS, 5_000),
    webhookRetryMaxMs: positiveInteger('WEGOV_WEBHOOK_RETRY_MAX_MS', env.WEGOV_WEBHOOK_RETRY_MAX_MS, 8 * 3_600_000),
    webhookDisableAfterMs: positiveInteger('WEGOV_WEBHOOK_DISABLE_AFTER_MS', env.WEGOV_WEBHOOK_DISABLE_AFTER_MS, 24 * 3_600_000),
    webhookPollMs: positiveInteger('WEGOV_WEBHOOK_POLL_MS', env.WEGOV_WEBHOOK_POLL_MS, 1000),
    webhookAggregateWindowMs: positiveInteger('WEGOV_WEBHOOK_AGGREGATE_MS', env.WEGOV_WEBHOOK_AGGREGATE_MS, 60_000),
    webhookCaCertificates: env.WEGOV_WEBHOOK_CA_CERTS || undefined,
  }
}

/** Origins only (scheme, host, port): anything else in a CSP source list could widen or break the policy. */
function videoEmbedOrigins(value: string | undefined): string[] {
  if (value === undefined) return DEFAULT_VIDEO_EMBED_ORIGINS
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean)
  return entries.map((entry) => {
    const url = URL.canParse(entry) ? new URL(entry) : undefined
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== entry.replace(/\/$/, '')) {
      throw new Error(`WEGOV_VIDEO_EMBED_ORIGINS must be comma-separated http(s) origins (https://player.example.org), got ${entry}`)
    }
    return url.origin
  })
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number < 1) throw new Error(`${name} must be a positive integer, got ${value}`)
  return number
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got ${value}`)
  return port
}

function publicUrl(value: string | undefined, production: boolean, port: number): string {
  if (!value) {
    // Links a stranger's Host header could otherwise choose: production must say where it is reached.
    if (production) throw new Error('WEGOV_PUBLIC_URL is required in production (e.g. https://wegov.example.org)')
    return `http://localhost:${port}`
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`WEGOV_PUBLIC_URL must be an absolute http(s) URL, got ${value}`)
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) {
    throw new Error(`WEGOV_PUBLIC_URL must be an http(s) origin with an optional path, got ${value}`)
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/** Fastify's trustProxy: a hop count, or the proxies' addresses; never `true` (every hop, the client's own). */
function trustProxy(value: string | undefined): false | number | string[] {
  const trimmed = value?.trim() ?? ''
  if (trimmed === '' || trimmed === '0' || trimmed === 'off') return false
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const proxies = trimmed.split(',').map((entry) => entry.trim()).filter(Boolean)
  for (const proxy of proxies) {
    const [address, bits, extra] = proxy.split('/')
    const version = isIP(address ?? '')
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 6 ? 128 : 32))
    if (version === 0 || !validBits || extra !== undefined) {
      throw new Error(`WEGOV_TRUST_PROXY must be a hop count or comma-separated proxy addresses/CIDRs, got ${value}`)
    }
  }
  return proxies
}

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
  redisUrl: string | undefined
  smtpUrl: string | undefined
  loadDemo: boolean
  production: boolean
  logLevel: string
  /** Seconds a cached public read may be served before it is rebuilt, even without an invalidation. */
  cacheTtlSeconds: number
  /** Public origin used in feeds and links (defaults to the request's own origin). */
  publicUrl: string | undefined
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.WEGOV_DATA_DIR ?? './data'
  return {
    host: env.HOST ?? '0.0.0.0',
    port: parsePort(env.PORT ?? '3000'),
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : `pglite://${dataDir}`,
    databaseSchema: env.WEGOV_DB_SCHEMA || undefined,
    redisUrl: env.REDIS_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    loadDemo: env.WEGOV_DEMO !== '0',
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? 'info',
    cacheTtlSeconds: Number(env.WEGOV_CACHE_TTL ?? 60),
    publicUrl: env.WEGOV_PUBLIC_URL || undefined,
  }
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got ${value}`)
  return port
}

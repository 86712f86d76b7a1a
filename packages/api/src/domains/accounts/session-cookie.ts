import type { CookieSerializeOptions } from '@fastify/cookie'
import type { Config } from '../../config.js'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

export interface SessionCookie {
  name: string
  options: CookieSerializeOptions
}

/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/, never a Domain. Where the public URL is https (and on
 * loopback, which browsers treat as secure) it is Secure and carries the `__Host-` prefix, so that no
 * subdomain and no plain-http page can set or overwrite it. On a plain-http public URL (a LAN test
 * deployment) browsers refuse both, so it is a plain `wegov_session`.
 */
export function sessionCookie(config: Pick<Config, 'publicUrl' | 'sessionMaxMinutes'>): SessionCookie {
  const url = new URL(config.publicUrl)
  const secure = url.protocol === 'https:' || LOOPBACK.has(url.hostname)
  return {
    name: secure ? '__Host-wegov_session' : 'wegov_session',
    options: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: config.sessionMaxMinutes * 60 },
  }
}

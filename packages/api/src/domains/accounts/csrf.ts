import type { FastifyRequest } from 'fastify'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method)
}

/**
 * Whether a cookie-carrying request comes from a WeGov page, as OWASP's "verify origin with standard headers":
 * the Origin header names the host the request was sent to (which publicOriginPlugin has already checked
 * against the allowed hosts), or, without an Origin, the browser says Sec-Fetch-Site: same-origin. A request
 * with neither is refused: every browser that sends cookies sends one of them on a POST, and servers use API keys.
 */
export function comesFromWeGov(request: FastifyRequest): boolean {
  const origin = request.headers.origin
  if (origin !== undefined) {
    if (!URL.canParse(origin)) return false
    const { protocol, host } = new URL(origin)
    // Read the Host as a URL of the Origin's scheme, so that `localhost:80` (as some clients and proxies
    // write it) matches the Origin `http://localhost`, which never carries a default port.
    const target = `${protocol}//${request.headers.host ?? ''}`
    return URL.canParse(target) && new URL(target).host === host
  }
  return request.headers['sec-fetch-site'] === 'same-origin'
}

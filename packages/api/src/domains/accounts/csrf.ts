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
    const host = request.headers.host
    if (!URL.canParse(origin) || host === undefined || !URL.canParse(`${request.protocol}://${host}`)) return false
    // Through URL both sides: a Host with the scheme's default port (`localhost:80`) names the same origin.
    return new URL(origin).host === new URL(`${request.protocol}://${host}`).host
  }
  return request.headers['sec-fetch-site'] === 'same-origin'
}

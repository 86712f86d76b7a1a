import type { FastifyReply, FastifyRequest } from 'fastify'

export type BrowserNotFoundHandler = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply>

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * What a browser gets for an address no route serves, when a page renderer registered one (the
     * portal does): a redirect to the page it meant, or an HTML 404 page. Everyone else, and every
     * address under /v1/, gets problem+json.
     */
    browserNotFound: { handler: BrowserNotFoundHandler | null }
  }
}

/**
 * Whether the request comes from a browser navigating, rather than an API client: it names text/html
 * in Accept (browsers do on navigation; fetch, curl and the SDK send JSON or * / *) with a q above 0.
 */
export function wantsHtml(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  const accept = request.headers.accept
  if (!accept) return false
  return accept.split(',').some((range) => {
    const [type, ...params] = range.split(';').map((part) => part.trim().toLowerCase())
    if (type !== 'text/html') return false
    const q = params.find((param) => param.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  })
}

/** The API's own namespace answers problem+json to everyone, browsers included: its readers are developers. */
export function isApiPath(url: string): boolean {
  return url === '/v1' || url.startsWith('/v1/') || url.startsWith('/v1?')
}

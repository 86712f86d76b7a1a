import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Lang } from '../db/schema.js'

export type BrowserNotFoundHandler = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply>

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * What a browser gets for an address no route serves, when a page renderer registered one (the
     * portal does): a redirect to the page it meant, or an HTML 404 page. Everyone else, and every
     * address under /v1/, gets problem+json.
     */
    browserNotFound: { handler: BrowserNotFoundHandler | null }
    /**
     * The frame the API's own HTML pages (the emailed signature links) are shown in, when a page renderer
     * registered one (the portal does, from outside the API); else they are plain pages.
     */
    pageFrame: { frame: PageFrame | null }
  }
}

/** A site's look for a page the API makes: its template, header and footer around `main`. */
export interface PageFrame {
  /** The whole document: `head` (title, meta) and `main` (escaped by its maker) in the site's template. */
  page(view: { lang: Lang; page: string; head: string; main: string }): string
  /** The site's address of one of its pages (a petition's, the petitions list's). */
  pathFor(lang: Lang, page: string, slug?: string): string
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

import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'

const PARTNER_DIR = fileURLToPath(new URL('../../partner-site/', import.meta.url))
/** The origin the partner page's snippets name, as a partner would paste them for a default `npm start`. */
const SNIPPET_ORIGIN = 'http://localhost:3000'

export interface PartnerSiteOptions {
  port: number
  host: string
  /** The WeGov origin the snippets load from: its configured public URL (never a request's Host). */
  wegovOrigin: string
  root?: string
}

export interface PartnerSite {
  url: string
  close(): Promise<void>
}

/**
 * The example partner site (examples/partner-site) on a port of its own, so that embedding the widgets is
 * really cross-origin: another origin, another stylesheet, the API reached through CORS. The page's
 * snippets name http://localhost:3000, the default `npm start`; they are pointed at the running WeGov as
 * the page is served, so the example works on any port and host.
 */
export async function startPartnerSite(options: PartnerSiteOptions): Promise<PartnerSite> {
  const root = options.root ?? PARTNER_DIR
  const app: FastifyInstance = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } })
  await app.register(fastifyStatic, { root, index: false, wildcard: true, cacheControl: false })
  app.get('/', async (_request, reply) => {
    const page = await readFile(`${root}index.html`, 'utf8')
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(page.replaceAll(SNIPPET_ORIGIN, options.wegovOrigin.replace(/\/+$/, '')))
  })
  const url = await app.listen({ port: options.port, host: options.host })
  return { url, close: () => app.close() }
}

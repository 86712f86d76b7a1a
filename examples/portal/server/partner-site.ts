import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'

const PARTNER_DIR = fileURLToPath(new URL('../../partner-site/', import.meta.url))
/** The origin the partner page's snippets name, as a partner would paste them for a default `npm start`. */
const SNIPPET_ORIGIN = 'http://localhost:3000'
/** The petition the page's snippet names; `?petition=<slug or UUID>` shows another in its place. */
const SNIPPET_PETITION = 'eclairage-public-oued-zitoun'
/** A slug or a UUID: nothing that could close the attribute it is written into. */
const PETITION_REF = /^[a-z0-9][a-z0-9-]{0,199}$/

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
  // `?petition=` lets a demo (or an end-to-end test) embed any petition, as a partner would by editing the
  // snippet; the page's heading names the default one, so another gets a neutral heading.
  app.get<{ Querystring: { petition?: string } }>('/', async (request, reply) => {
    let page = (await readFile(`${root}index.html`, 'utf8')).replaceAll(SNIPPET_ORIGIN, options.wegovOrigin.replace(/\/+$/, ''))
    const petition = request.query.petition?.toLowerCase()
    if (petition && petition !== SNIPPET_PETITION) {
      if (!PETITION_REF.test(petition)) return reply.code(400).send({ error: 'petition: a slug or a UUID' })
      page = page.replace(`petition="${SNIPPET_PETITION}"`, `petition="${petition}"`).replace(/(<section id="petition"[^>]*>\s*<h2>)[^<]*/, '$1عريضة تدعمها جمعيتنا')
    }
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(page)
  })
  const url = await app.listen({ port: options.port, host: options.host })
  return { url, close: () => app.close() }
}

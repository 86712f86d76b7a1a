import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config.js'
import { deriveKey, loadSecret } from '../../secrets.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { listTag } from '../changes/change-tags.js'
import { OaiRepository } from './oai-repository.js'
import { ResumptionTokens } from './resumption-tokens.js'

const XML_TYPE = 'text/xml; charset=utf-8'

/** Documented only: the arguments are read from the raw query string or form body (oai-arguments.ts), so any of them may be anything. */
const argument = (description: string) => Type.Optional(Type.Unknown({ description }))
const OaiArguments = Type.Object(
  {
    verb: argument('Identify, ListMetadataFormats, ListSets, GetRecord, ListIdentifiers or ListRecords.'),
    identifier: argument('`oai:<host>:resource/<id>` (GetRecord, ListMetadataFormats).'),
    metadataPrefix: argument('`oai_dc`, the only format.'),
    from: argument('YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, inclusive.'),
    until: argument('YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, inclusive.'),
    set: argument('`collection`, `collection:learning`, `collection:library`, `country` or `country:<ISO code>`.'),
    resumptionToken: argument('The token of the previous page (exclusive: no other argument with it).'),
  },
  { additionalProperties: true },
)

const xmlResponse = {
  200: {
    description: 'An OAI-PMH 2.0 document (http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd); errors too are answered 200, as <error code="…">.',
    content: { 'text/xml': { schema: Type.String() } },
  },
}

/**
 * GET and POST /oai: the OAI-PMH 2.0 endpoint, for library harvesters (BASE, OpenAIRE, union catalogues).
 * Outside /v1 because the protocol, not WeGov, defines it. Every answer, errors included, is an OAI-PMH
 * document: its harvesters read <error code="…">, not problem+json. GET replies go through the read
 * cache, dropped on any resource change like the lists.
 */
export const oaiRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const secret = await loadSecret(app.db, config.secret)
  const repository = new OaiRepository({
    resources: app.resources,
    organisations: app.organisations,
    tokens: new ResumptionTokens(deriveKey(secret, 'oai-resumption-token')),
    publicUrl: () => app.publicOrigin.url,
    pageSize: config.oaiPageSize,
    adminEmail: config.adminEmails[0] ?? /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom,
  })

  // The specification allows POST with a form body; encapsulated here, no other route accepts one.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body))

  const answer = (params: () => URLSearchParams) => async (request: FastifyRequest, reply: FastifyReply) => {
    // The body is an XML string already; Fastify also passes a cached string through this serializer.
    reply.serializer((payload: unknown) => (typeof payload === 'string' ? payload : String(payload)))
    if (request.method === 'GET') {
      return app.readCache.reply(request, reply, () => repository.answer(params()), { contentType: XML_TYPE, tags: [listTag('resource')] })
    }
    return reply.type(XML_TYPE).header('cache-control', 'no-store').send(await repository.answer(params()))
  }
  const query = (request: FastifyRequest) => () => new URLSearchParams(request.url.split('?')[1] ?? '')

  app.get(
    '/oai',
    {
      schema: {
        tags: ['open data'],
        operationId: 'getOai',
        summary: 'OAI-PMH 2.0: the public resources as oai_dc records, for library harvesters',
        description: 'All six verbs; sets by collection and by country; persistent deleted records; second granularity; resumption tokens.',
        querystring: OaiArguments,
        response: xmlResponse,
      },
    },
    (request, reply) => answer(query(request))(request, reply),
  )
  app.post(
    '/oai',
    {
      schema: {
        tags: ['open data'],
        operationId: 'postOai',
        summary: 'OAI-PMH 2.0 with the arguments in a form body, as the protocol allows',
        description: 'The arguments of GET /oai as an application/x-www-form-urlencoded body (read by the route, not by a schema).',
        response: xmlResponse,
      },
      config: { rateLimit: rateLimits.harvest },
    },
    (request, reply) => answer(() => new URLSearchParams(typeof request.body === 'string' ? request.body : ''))(request, reply),
  )
}

import cors from '@fastify/cors'
import swagger from '@fastify/swagger'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Config } from './config.js'
import type { Database } from './db/database.js'
import { abusePlugin } from './domains/abuse/abuse-plugin.js'
import { accountSchemas } from './domains/accounts/account-schemas.js'
import { accountsRoutes } from './domains/accounts/accounts-routes.js'
import { apiAccessRoutes, apiAccessSchemas } from './domains/accounts/api-access-routes.js'
import { authPlugin } from './domains/accounts/auth-plugin.js'
import { passkeyRoutes, passkeySchemas } from './domains/accounts/passkey-routes.js'
import { changeFeedRoutes } from './domains/changes/change-feed-routes.js'
import { changeFeedSchemas } from './domains/changes/change-feed-schemas.js'
import { deletionRoutes, deletionSchemas } from './domains/changes/deletion-routes.js'
import { fileSchemas } from './domains/files/file-schemas.js'
import { filesPlugin, filesRoutes } from './domains/files/files-plugin.js'
import { contentWriteRoutes } from './domains/content-writes/content-write-routes.js'
import {
  contentWriteSchemas,
  ProjectPatchSchema,
  ProjectSourceSchema,
  ProjectWriteSchema,
  ResourcePatchSchema,
  ResourceSourceSchema,
  ResourceWriteSchema,
} from './domains/content-writes/content-write-schemas.js'
import { resourceKindFor } from './domains/content-writes/resource-kind.js'
import { projectKind } from './domains/content-writes/project-kind.js'
import type { ContentKind } from './domains/content-writes/content-kind.js'
import { oaiRoutes } from './domains/oai/oai-plugin.js'
import { healthRoutes } from './domains/health/health-routes.js'
import { organisationManagementRoutes } from './domains/organisations/organisation-management-plugin.js'
import { organisationManagementSchemas } from './domains/organisations/organisation-management-schemas.js'
import { organisationRoutes } from './domains/organisations/organisation-routes.js'
import { organisationSchemas } from './domains/organisations/organisation-schemas.js'
import { iatiRoutes } from './domains/iati/iati-routes.js'
import { organisationsPlugin } from './domains/organisations/organisations-plugin.js'
import { petitionSchemas } from './domains/petitions/petition-schemas.js'
import { petitionRoutes } from './domains/petitions/petition-routes.js'
import { launchSchemas } from './domains/petitions/launch-schemas.js'
import { launchRoutes, sponsorLinkRoutes } from './domains/petitions/launch-routes.js'
import { moderationRoutes } from './domains/petitions/moderation-routes.js'
import { signedInTree } from './domains/accounts/signed-in-tree.js'
import { petitionsPlugin } from './domains/petitions/petitions-plugin.js'
import { projectRoutes } from './domains/projects/project-routes.js'
import { projectSchemas } from './domains/projects/project-schemas.js'
import { projectsPlugin } from './domains/projects/projects-plugin.js'
import { resourceRoutes } from './domains/resources/resource-routes.js'
import { resourceSchemas } from './domains/resources/resource-schemas.js'
import { resourcesPlugin } from './domains/resources/resources-plugin.js'
import { confirmationPages } from './domains/signatures/confirmation-pages.js'
import { signatureCountRoutes } from './domains/signatures/signature-count-routes.js'
import { paperSignatureListRoutes, paperSignatureRoutes } from './domains/signatures/paper-signature-routes.js'
import { paperSignatureSchemas } from './domains/signatures/paper-signature-schemas.js'
import { petitionResponseRoutes } from './domains/petitions/petition-response-routes.js'
import { petitionResponseSchemas } from './domains/petitions/petition-response-schemas.js'
import { signatureRoutes } from './domains/signatures/signature-routes.js'
import { FlaggedSignatureListSchema, flaggedSignatureRoutes } from './domains/signatures/flagged-signature-routes.js'
import { signerExportRoutes } from './domains/signatures/signer-export-routes.js'
import { signatureSchemas } from './domains/signatures/signature-schemas.js'
import { signaturesPlugin } from './domains/signatures/signatures-plugin.js'
import { vocabularyRoutes } from './domains/vocabulary/vocabulary-routes.js'
import { apiDocs } from './http/api-docs.js'
import { databasePlugin } from './http/database-plugin.js'
import { drainingPlugin } from './http/draining.js'
import { clientErrorHandler, frameworkErrors, problemPlugin } from './http/problem.js'
import { bodyParsersPlugin } from './http/body-parsers.js'
import { privateRepliesPlugin } from './http/private-replies.js'
import { publicOriginPlugin } from './http/public-origin.js'
import { openDataRoutes } from './domains/open-data/open-data-routes.js'
import { readCachePlugin } from './http/read-cache.js'
import { schemaController } from './http/schema-compilers.js'
import { addRequestIdHeader, requestId } from './http/request-id.js'
import { LocalizedTextSchema, ProblemSchema } from './http/schemas.js'
import { securityHeadersPlugin } from './http/security-headers.js'
import { jobsPlugin } from './jobs/jobs-plugin.js'
import { mailPlugin } from './mail/mail-plugin.js'
import { webhookSchemas } from './domains/webhooks/webhook-schemas.js'
import { webhooksPlugin } from './domains/webhooks/webhooks-plugin.js'
import { consoleStatic } from './http/console-static.js'
import { changeInvalidationPlugin } from './domains/changes/change-invalidation.js'
import { changeConsumersPlugin } from './domains/changes/change-consumers-plugin.js'

export interface BuildAppOptions {
  config: Config
  database: Database
  logger?: FastifyServerOptions['logger']
}

/** Schemas shared by reference; they become components.schemas in the OpenAPI document. */
const SHARED_SCHEMAS = [LocalizedTextSchema, ProblemSchema, ...organisationSchemas, ...projectSchemas, ...resourceSchemas, ...deletionSchemas, ...petitionSchemas, ...launchSchemas, FlaggedSignatureListSchema, ...signatureSchemas, ...paperSignatureSchemas, ...petitionResponseSchemas, ...accountSchemas, ...passkeySchemas, ...organisationManagementSchemas, ...apiAccessSchemas, ...contentWriteSchemas, ...fileSchemas, ...changeFeedSchemas, ...webhookSchemas]

/** Builds the WeGov API (no portal, no widget files). It does not listen and does not own the database: see server.ts. */
export async function buildApp({ config, database, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    genReqId: requestId,
    bodyLimit: 16 * 1024,
    forceCloseConnections: 'idle',
    // A slow or stalled client is answered 408 once its request (headers and body) has taken requestTimeout;
    // a silent socket is closed after connectionTimeout. Node checks for expired requests every
    // connectionsCheckingInterval (30 s by default), so that is kept to a tenth of the timeout.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: { connectionsCheckingInterval: Math.max(50, Math.min(30_000, config.requestTimeoutMs / 10)), headersTimeout: Math.min(60_000, config.requestTimeoutMs) },
    // A hop count as the function Fastify makes of one (its types omit numbers): hop 0 is the socket's peer.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    // Validators and serializers compiled once per process, not once per route and app (see schema-compilers.ts).
    schemaController,
    // Errors raised before routing (a bad URL) and by Node's parser also answer from the catalogue.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>()

  addRequestIdHeader(app)
  await app.register(problemPlugin)
  await app.register(bodyParsersPlugin)
  // Before every other hook: while the server drains for shutdown, each request is answered 503 at once.
  await app.register(drainingPlugin)
  await app.register(databasePlugin, { database })
  // Before the read cache: a request for a host WeGov does not serve never gets a cached reply.
  await app.register(publicOriginPlugin, { config })
  // Before auth, which looks memberships and API keys' organisations up in it: it needs only the database, so no cycle.
  await app.register(organisationsPlugin)
  // Before the read cache: a revoked key or a cross-site cookie write is refused even where a cached reply exists.
  await app.register(authPlugin, { config })
  // Before every route: replies that depend on who asks are never stored by a cache (Cache-Control: no-store).
  await app.register(privateRepliesPlugin)
  // Before the security-header and CORS hooks: a cache hit replays the headers they gave the reply it
  // was built for, instead of running them again (see replayableHeaders in read-cache.ts).
  await app.register(readCachePlugin, { ttlSeconds: config.cacheTtlSeconds })
  await app.register(changeInvalidationPlugin)
  // The change log's named readers (the mail outbox's announcements, later webhooks and federation).
  await app.register(changeConsumersPlugin)
  await app.register(securityHeadersPlugin)
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    // Authorization: the SDK's apiKey (partner writes) travels as a bearer token, never as a cookie.
    // No credentials: cross-origin callers (widgets, partner pages) never get the session cookie's powers.
    allowedHeaders: ['Content-Type', 'Accept-Language', 'Authorization', 'Idempotency-Key', 'If-None-Match', 'If-Match', 'If-Range', 'Range', 'X-Request-Id'],
    exposedHeaders: ['ETag', 'Content-Range', 'Content-Disposition', 'Location', 'Retry-After', 'X-Request-Id', 'Content-Language', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    maxAge: 86400,
  })

  for (const schema of SHARED_SCHEMAS) app.addSchema(schema)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'WeGov API',
        version: '1.0.0',
        description:
          'Projects, learning resources, library documents and petitions on good governance in Tunisia, Libya, Palestine and Jordan, in Arabic, French and English.',
        license: { name: 'GNU Affero General Public License v3.0 or later', identifier: 'AGPL-3.0-or-later' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: '__Host-wegov_session', description: 'The console’s session (same-origin pages only; unsafe methods must come from a WeGov page).' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'An organisation’s API key, `wgk_…`, for partner servers.' },
        },
      },
      tags: [
        { name: 'organisations' },
        { name: 'projects' },
        { name: 'resources' },
        { name: 'petitions', description: 'Petitions, signing (double opt-in), counts and public signers; launching a petition and its sponsors.' },
        { name: 'moderation', description: 'Petitions awaiting moderation: claim, approve, reject, correct.' },
        { name: 'vocabularies' },
        { name: 'changes', description: 'What changed, for nodes that copy WeGov content.' },
        { name: 'audit', description: 'Who changed accounts, roles, keys and organisations, and how.' },
        { name: 'accounts', description: 'Signing in, sessions, passkeys and one’s own account.' },
        { name: 'webhooks', description: 'An organisation’s webhook endpoints: signed deliveries of its events, and their log.' },
        { name: 'open data', description: 'Open data for reuse: bulk exports (CSV, JSON Lines, Data Package), IATI 2.03 activity and organisation files, OAI-PMH 2.0 for library harvesters.' },
        { name: 'health' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  await app.register(apiDocs)
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  // Before every write route: the rate limiter hooks the routes added after it.
  await app.register(abusePlugin, { config })

  // The projects and resources services (app.projects, app.resources; app.organisations is above): their
  // routes and the change feed call them, never another domain's tables.
  await app.register(projectsPlugin)
  await app.register(resourcesPlugin)
  await app.register(filesPlugin, { config })
  // OAI-PMH (outside /v1: the protocol defines its own interface); it reads through app.resources.
  await app.register(oaiRoutes, { config })
  await app.register(healthRoutes)
  await app.register(consoleStatic)
  await app.register(
    async (v1) => {
      await v1.register(organisationRoutes)
      await v1.register(organisationManagementRoutes)
      await v1.register(projectRoutes)
      await v1.register(resourceRoutes)
      await v1.register(contentWriteRoutes, {
        kind: projectKind as ContentKind<unknown>,
        plural: 'projects',
        noun: 'Project',
        schemas: { write: ProjectWriteSchema, patch: ProjectPatchSchema, source: ProjectSourceSchema },
      })
      await v1.register(contentWriteRoutes, {
        kind: resourceKindFor(() => app.publicOrigin.url, () => app.files.kick()) as ContentKind<unknown>,
        plural: 'resources',
        noun: 'Resource',
        schemas: { write: ResourceWriteSchema, patch: ResourcePatchSchema, source: ResourceSourceSchema },
      })
      await v1.register(filesRoutes, { config })
      await v1.register(deletionRoutes)
      await v1.register(changeFeedRoutes, { retentionDays: config.changeRetentionDays })
      await v1.register(vocabularyRoutes)
      await v1.register(iatiRoutes)
      await v1.register(accountsRoutes, { config })
      await v1.register(passkeyRoutes, { config })
      await v1.register(apiAccessRoutes)
    },
    { prefix: '/v1' },
  )
  await app.register(mailPlugin, { config })
  // The petitions and signatures services (app.petitions, app.signatures): their routes, pages and jobs
  // call them, never the other domain's tables.
  await app.register(petitionsPlugin, { config })
  await app.register(signaturesPlugin, { config })
  await app.register(
    async (v1) => {
      await v1.register(petitionRoutes)
      await v1.register(sponsorLinkRoutes)
      await v1.register(async (signedIn) => {
        signedInTree(signedIn)
        await signedIn.register(launchRoutes)
        await signedIn.register(moderationRoutes)
        await signedIn.register(flaggedSignatureRoutes)
        await signedIn.register(signerExportRoutes)
        await signedIn.register(paperSignatureRoutes)
        await signedIn.register(petitionResponseRoutes)
      })
      await v1.register(signatureCountRoutes)
      await v1.register(openDataRoutes)
      await v1.register(signatureRoutes)
      await v1.register(paperSignatureListRoutes)
    },
    { prefix: '/v1' },
  )
  await app.register(confirmationPages)
  // The change log's `webhooks` consumer, the delivery worker (which reads the signature counters for its
  // aggregated events) and /v1/organisations/{id}/webhooks.
  await app.register(webhooksPlugin, { config })
  // After the services the jobs call (their onClose waits for a running job before the services close).
  await app.register(jobsPlugin, { config })
  // The portal is not part of the API: `npm start` (scripts/start.ts) registers it after buildApp, on the
  // same instance, and it reads through the SDK. An API-only deployment runs src/server.ts as it is.
  return app
}

/** Trusts the `hops` nearest addresses (the socket's peer first): the client is the next one in X-Forwarded-For. */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops
}

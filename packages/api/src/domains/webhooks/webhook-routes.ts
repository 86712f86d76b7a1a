import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { WeGovError } from '../../errors.js'
import { OutboundRefused, checkOutboundTarget } from '../../http/outbound-guard.js'
import { ListQuery, ProblemSchema, QueryInteger } from '../../http/schemas.js'
import { rateLimits } from '../abuse/rate-limits.js'
import { signedInTree } from '../accounts/signed-in-tree.js'
import {
  createEndpoint,
  deleteEndpoint,
  listDeliveries,
  listEndpoints,
  redeliver,
  replaceSecret,
  updateEndpoint,
} from './webhook-repository.js'
import {
  CreateWebhookSchema,
  NewWebhookSecretSchema,
  RedeliverySchema,
  UpdateWebhookSchema,
  WebhookDeliveryListSchema,
  WebhookListSchema,
  WebhookSchema,
} from './webhook-schemas.js'
import { newWebhookSecret } from './webhook-secrets.js'

const Problem = Type.Ref(ProblemSchema)
const OrganisationParams = Type.Object({ organisationId: Type.String({ format: 'uuid' }) })
const WebhookParams = Type.Object({ organisationId: Type.String({ format: 'uuid' }), webhookId: Type.String({ format: 'uuid' }) })
const DeliveryParams = Type.Object({
  organisationId: Type.String({ format: 'uuid' }),
  webhookId: Type.String({ format: 'uuid' }),
  deliveryId: Type.String({ pattern: '^[0-9]{1,18}$' }),
})
const WRITE_ERRORS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 415: Problem, 429: Problem }

/**
 * An organisation's webhook endpoints and their delivery logs, managed by its owners (and admins) under
 * /v1/organisations/{organisationId}/webhooks. Answers are private (no-store: they name endpoints).
 */
export const webhookRoutes: FastifyPluginAsyncTypebox<{ production: boolean }> = async (app, { production }) => {
  signedInTree(app)
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'private, no-store')
    return payload
  })

  /** The URL as registered; 400 WEGOV_WEBHOOK_URL_REFUSED with the reason when it may not be called. */
  const checkedUrl = async (raw: string): Promise<string> => {
    try {
      return (await checkOutboundTarget(raw, { production })).href
    } catch (error) {
      if (!(error instanceof OutboundRefused)) throw error
      throw new WeGovError('WEGOV_WEBHOOK_URL_REFUSED', { errors: [{ field: 'url', message: error.message }] })
    }
  }
  const liveOrganisation = async (organisationId: string) => {
    const organisation = await app.organisations.find(organisationId)
    if (!organisation) throw new WeGovError('WEGOV_NOT_FOUND')
    if (organisation.deleted_at) throw new WeGovError('WEGOV_GONE')
  }
  const sealed = (secret: string) => app.webhooks.secrets.seal(secret)

  app.get(
    '/organisations/:organisationId/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        operationId: 'listWebhooks',
        summary: 'An organisation’s webhook endpoints',
        description: 'Oldest first. Secrets are never shown again.',
        params: OrganisationParams,
        response: { 200: Type.Ref(WebhookListSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
      config: { policy: 'organisation.webhooks.manage' },
    },
    async (request) => {
      if (!(await app.organisations.find(request.params.organisationId))) throw new WeGovError('WEGOV_NOT_FOUND')
      return { items: await listEndpoints(app.db, request.params.organisationId) }
    },
  )

  app.post(
    '/organisations/:organisationId/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        operationId: 'createWebhook',
        summary: 'Register a webhook endpoint',
        description:
          'Answers the endpoint with its signing secret, `whsec_…`: the only time it is shown. Each delivery is a POST signed with the ' +
          'Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`), retried with backoff for about a day. ' +
          'A URL WeGov may not call answers 400 WEGOV_WEBHOOK_URL_REFUSED; an unknown event type 400 WEGOV_UNKNOWN_WEBHOOK_EVENT.',
        params: OrganisationParams,
        body: Type.Ref(CreateWebhookSchema),
        response: { 201: Type.Ref(NewWebhookSecretSchema), ...WRITE_ERRORS, 410: Problem },
      },
      config: { rateLimit: rateLimits.write, policy: 'organisation.webhooks.manage' },
    },
    async (request, reply) => {
      const url = await checkedUrl(request.body.url)
      await liveOrganisation(request.params.organisationId)
      const secret = newWebhookSecret()
      const endpoint = await createEndpoint(app.db, request, { organisationId: request.params.organisationId, url, eventTypes: request.body.eventTypes, sealedSecret: sealed(secret) })
      return reply.code(201).send({ ...endpoint, secret })
    },
  )

  app.patch(
    '/organisations/:organisationId/webhooks/:webhookId',
    {
      schema: {
        tags: ['webhooks'],
        operationId: 'updateWebhook',
        summary: 'Change a webhook endpoint’s URL, event types, or whether it is enabled',
        params: WebhookParams,
        body: Type.Ref(UpdateWebhookSchema),
        response: { 200: Type.Ref(WebhookSchema), ...WRITE_ERRORS },
      },
      config: { rateLimit: rateLimits.write, policy: 'organisation.webhooks.manage' },
    },
    async (request) => {
      const url = request.body.url === undefined ? undefined : await checkedUrl(request.body.url)
      return updateEndpoint(app.db, request, { ...request.params, url, eventTypes: request.body.eventTypes, enabled: request.body.enabled })
    },
  )

  app.post(
    '/organisations/:organisationId/webhooks/:webhookId/rotate-secret',
    {
      schema: {
        tags: ['webhooks'],
        operationId: 'rotateWebhookSecret',
        summary: 'Replace a webhook endpoint’s signing secret',
        description: 'Answers the new secret, shown this once; deliveries are signed with it from now on.',
        params: WebhookParams,
        response: { 200: Type.Ref(NewWebhookSecretSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.write, policy: 'organisation.webhooks.manage' },
    },
    async (request) => {
      const secret = newWebhookSecret()
      return { ...(await replaceSecret(app.db, request, { ...request.params, sealedSecret: sealed(secret) })), secret }
    },
  )

  app.delete(
    '/organisations/:organisationId/webhooks/:webhookId',
    {
      schema: {
        tags: ['webhooks'],
        operationId: 'deleteWebhook',
        summary: 'Delete a webhook endpoint and its delivery log',
        params: WebhookParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.write, policy: 'organisation.webhooks.manage' },
    },
    async (request, reply) => {
      await deleteEndpoint(app.db, request, request.params)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/organisations/:organisationId/webhooks/:webhookId/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        operationId: 'listWebhookDeliveries',
        summary: 'A webhook endpoint’s delivery log',
        description: 'Its deliveries, newest first, each with every attempt (time, status code, error), paged (`nextCursor`).',
        params: WebhookParams,
        querystring: Type.Object(
          {
            lang: ListQuery.lang,
            limit: Type.Optional(QueryInteger({ minimum: 1, maximum: 100, default: 50, description: 'Deliveries per page, 1-100.' })),
            cursor: ListQuery.cursor,
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref(WebhookDeliveryListSchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
      config: { policy: 'organisation.webhooks.manage' },
    },
    async (request) => listDeliveries(app.db, { ...request.params, limit: request.query.limit ?? 50, cursor: request.query.cursor }),
  )

  app.post(
    '/organisations/:organisationId/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags: ['webhooks'],
        operationId: 'redeliverWebhook',
        summary: 'Send a logged delivery again',
        description: 'Queues a new delivery of the same message (same `webhook-id`), due now; it is sent while the endpoint is enabled.',
        params: DeliveryParams,
        response: { 202: Type.Ref(RedeliverySchema), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem },
      },
      config: { rateLimit: rateLimits.write, policy: 'organisation.webhooks.manage' },
    },
    async (request, reply) => {
      const deliveryId = await redeliver(app.db, request, request.params)
      app.webhooks.nudge()
      return reply.code(202).send({ deliveryId })
    },
  )
}

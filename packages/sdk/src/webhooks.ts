import { request, segment, type Transport } from './transport.js'
import type {
  CallOptions,
  CreateWebhookInput,
  Items,
  Page,
  UpdateWebhookInput,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryParams,
  WebhookRedelivery,
  WebhookWithSecret,
} from './types.js'

/*
 * An organisation's webhook endpoints, managed by its owners (and admins): WeGov POSTs the events they
 * subscribe to, signed with the Standard Webhooks scheme (verify with the `standardwebhooks` package and
 * the endpoint's `whsec_…` secret), and keeps a delivery log per endpoint.
 */

type Options = Omit<CallOptions, 'fresh'>
const webhooksPath = (organisationId: string, webhookId?: string, rest = '') =>
  `/v1/organisations/${segment(organisationId)}/webhooks${webhookId === undefined ? '' : `/${segment(webhookId)}`}${rest}`

export const listWebhooks = (t: Transport, organisationId: string, options?: CallOptions) => request<Items<Webhook>>(t, webhooksPath(organisationId), options)
/** The answer's `secret` is shown this once only. */
export const createWebhook = (t: Transport, organisationId: string, body: CreateWebhookInput, options?: Options) =>
  request<WebhookWithSecret>(t, webhooksPath(organisationId), { method: 'POST', body, ...options })
/** Enabling an endpoint WeGov disabled clears `disabledReason`. */
export const updateWebhook = (t: Transport, organisationId: string, webhookId: string, body: UpdateWebhookInput, options?: Options) =>
  request<Webhook>(t, webhooksPath(organisationId, webhookId), { method: 'PATCH', body, ...options })
/** A new secret, shown this once; the old one stops signing at once. */
export const rotateWebhookSecret = (t: Transport, organisationId: string, webhookId: string, options?: Options) =>
  request<WebhookWithSecret>(t, webhooksPath(organisationId, webhookId, '/rotate-secret'), { method: 'POST', ...options })
export const deleteWebhook = (t: Transport, organisationId: string, webhookId: string, options?: Options) =>
  request<void>(t, webhooksPath(organisationId, webhookId), { method: 'DELETE', ...options })
/** A page of the delivery log, newest first, each delivery with its attempts; createClient follows nextCursor. */
export const webhookDeliveriesPage = (t: Transport, organisationId: string, webhookId: string, params?: WebhookDeliveryParams & { cursor?: string }, options?: CallOptions) =>
  request<Page<WebhookDelivery>>(t, webhooksPath(organisationId, webhookId, '/deliveries'), { query: params, ...options })
/** Sends a logged delivery again (same `webhook-id`). */
export const redeliverWebhook = (t: Transport, organisationId: string, webhookId: string, deliveryId: string, options?: Options) =>
  request<WebhookRedelivery>(t, webhooksPath(organisationId, webhookId, `/deliveries/${segment(deliveryId)}/redeliver`), { method: 'POST', ...options })

import { Type } from '@sinclair/typebox'
import { StringEnum } from '../../http/enum.js'
import { Nullable } from '../../http/schemas.js'
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js'

export const WebhookEventTypeSchema = StringEnum(WEBHOOK_EVENT_TYPES, {
  description:
    'Petitions: published, closed, responded, and milestone (its count passed 100, 500, 1,000, 5,000...). signature.confirmed: ' +
    'signatures confirmed through the organisation’s own site, counted per petition for each window (about a minute), one delivery ' +
    'per window. Projects and resources: published, updated, deleted. Payloads name the item and the fields changed, never a person.',
})

const url = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: 'Where deliveries are POSTed: https (http only to loopback, outside production), never a private, local or reserved address.',
})
const eventTypes = Type.Array(WebhookEventTypeSchema, { minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length * 2 })

const webhookProperties = {
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  eventTypes: Type.Array(WebhookEventTypeSchema),
  enabled: Type.Boolean(),
  disabledReason: Nullable(
    StringEnum(['gone', 'failing'] as const, { description: 'Why WeGov disabled it: `gone`, it answered 410; `failing`, deliveries failed for a day. Null otherwise.' }),
  ),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}

export const WebhookSchema = Type.Object(webhookProperties, { $id: 'Webhook', description: 'A webhook endpoint of an organisation, without its secret.' })

export const NewWebhookSecretSchema = Type.Object(
  {
    ...webhookProperties,
    secret: Type.String({
      pattern: '^whsec_',
      description: 'The signing secret, `whsec_…` (Standard Webhooks): shown this once. Verify each delivery’s `webhook-signature` with it.',
    }),
  },
  { $id: 'WebhookWithSecret', description: 'A webhook endpoint with its new signing secret.' },
)

export const WebhookListSchema = Type.Object({ items: Type.Array(Type.Ref(WebhookSchema)) }, { $id: 'WebhookList' })

export const CreateWebhookSchema = Type.Object({ url, eventTypes }, { $id: 'CreateWebhook', additionalProperties: false })

export const UpdateWebhookSchema = Type.Object(
  { url: Type.Optional(url), eventTypes: Type.Optional(eventTypes), enabled: Type.Optional(Type.Boolean({ description: 'Enabling clears `disabledReason`.' })) },
  { $id: 'UpdateWebhook', additionalProperties: false, minProperties: 1 },
)

export const WebhookDeliverySchema = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9]+$' }),
    messageId: Type.String({ description: 'The `webhook-id` header: the same on every attempt and redelivery.' }),
    eventType: Type.String(),
    status: StringEnum(['pending', 'delivered', 'failed'] as const),
    createdAt: Type.String({ format: 'date-time' }),
    nextAttemptAt: Nullable(Type.String({ format: 'date-time', description: 'When a pending delivery is tried next.' })),
    payload: Type.Object({}, { additionalProperties: true, description: 'The body sent.' }),
    attempts: Type.Array(
      Type.Object({
        at: Type.String({ format: 'date-time' }),
        statusCode: Nullable(Type.Integer({ description: 'The answer’s status; null when there was none (refused, timed out, unreachable).' })),
        error: Nullable(Type.String()),
        durationMs: Type.Integer(),
      }),
    ),
  },
  { $id: 'WebhookDelivery', description: 'One event sent to one endpoint, with its attempts.' },
)

export const WebhookDeliveryListSchema = Type.Object(
  { items: Type.Array(Type.Ref(WebhookDeliverySchema)), nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the older deliveries; null on the last page.' })) },
  { $id: 'WebhookDeliveryList' },
)

export const RedeliverySchema = Type.Object(
  { deliveryId: Type.String({ pattern: '^[0-9]+$', description: 'The new delivery, due now.' }) },
  { $id: 'WebhookRedelivery' },
)

export const webhookSchemas = [
  WebhookSchema,
  NewWebhookSecretSchema,
  WebhookListSchema,
  CreateWebhookSchema,
  UpdateWebhookSchema,
  WebhookDeliverySchema,
  WebhookDeliveryListSchema,
  RedeliverySchema,
]

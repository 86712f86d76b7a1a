import type { LoggedChange } from '../changes/change-reader.js'

/**
 * The events an endpoint may subscribe to. Each is a change-log action of the same name: the petition
 * lifecycle (`petition.published`, `petition.closed`, `petition.responded`) and the content events that
 * content-writes.ts records (`project.published`...).
 *
 * `petition.milestone` and `signature.confirmed` are not offered yet: the change log records no event per
 * confirmed signature (only `signatures.validity_changed` on moderation), and adding one per confirmation
 * would put a change-log row and a consumer run on the signing hot path. They belong in a periodic
 * aggregate the worker reads (counts per petition per partner since the last delivery), batched per time
 * window: a later step.
 */
export const WEBHOOK_EVENT_TYPES = [
  'petition.published',
  'petition.closed',
  'petition.responded',
  'project.published',
  'project.updated',
  'project.deleted',
  'resource.published',
  'resource.updated',
  'resource.deleted',
] as const

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** The subject types whose events the webhooks consumer acts on: only their notifications wake it. */
export const WEBHOOK_SUBJECTS: readonly string[] = ['petition', 'project', 'resource']

export function isWebhookEventType(action: string): action is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(action)
}

/**
 * The body of a delivery, in the Standard Webhooks shape (`type`, `timestamp`, `data`). It names the
 * subject and what changed, never who changed it and never any signer: a receiver reads the item itself
 * from the public API. An update lists the fields it changed (their names only, as the log does).
 */
export function webhookPayload(change: LoggedChange & { action: WebhookEventType }): Record<string, unknown> {
  const fields = (change.after as { fields?: unknown } | null)?.fields
  return {
    type: change.action,
    timestamp: new Date(change.at).toISOString(),
    data: {
      id: change.subject_id,
      subjectType: change.subject_type,
      organisationId: change.organisation_id,
      ...(change.version === null ? {} : { version: change.version }),
      ...(Array.isArray(fields) && fields.every((field) => typeof field === 'string') ? { fields } : {}),
    },
  }
}

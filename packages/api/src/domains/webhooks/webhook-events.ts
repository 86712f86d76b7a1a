import type { LoggedChange } from '../changes/change-reader.js'

/**
 * The events an endpoint may subscribe to. Most are a change-log action of the same name: the petition
 * lifecycle (`petition.published`, `petition.closed`, `petition.responded`) and the content events that
 * content-writes.ts records (`project.published`...). `petition.milestone` and `signature.confirmed` are
 * periodic aggregates of the signature counters instead (webhook-aggregates.ts says why).
 */
export const WEBHOOK_EVENT_TYPES = [
  'petition.published',
  'petition.closed',
  'petition.responded',
  'petition.milestone',
  'signature.confirmed',
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

/** The change-log actions that are webhook events (the aggregated ones are not in the log). */
const LOGGED_EVENT_TYPES: readonly string[] = WEBHOOK_EVENT_TYPES.filter((type) => type !== 'petition.milestone' && type !== 'signature.confirmed')

export function isWebhookEventType(action: string): action is WebhookEventType {
  return LOGGED_EVENT_TYPES.includes(action)
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

import { msg } from '@lit/localize'
import type { Webhook } from './api-types.js'

/** A webhook event type, in the reader's language (the code itself is shown beside it, left to right). */
export function webhookEventName(type: string): string {
  switch (type) {
    case 'petition.published':
      return msg('A petition is published')
    case 'petition.closed':
      return msg('A petition closes')
    case 'petition.responded':
      return msg('A petition receives its response')
    case 'petition.milestone':
      return msg('A petition passes a signature milestone')
    case 'signature.confirmed':
      return msg('Signatures are confirmed through your site')
    case 'project.published':
      return msg('A project is published')
    case 'project.updated':
      return msg('A project is updated')
    case 'project.deleted':
      return msg('A project is deleted')
    case 'resource.published':
      return msg('A resource is published')
    case 'resource.updated':
      return msg('A resource is updated')
    case 'resource.deleted':
      return msg('A resource is deleted')
    default:
      return type
  }
}

/**
 * The name with the type a receiver sees in the payload, as one text, the type isolated so that it keeps
 * its left-to-right order in an Arabic sentence: "A project is published (project.published)".
 */
export function webhookEventLabel(type: string): string {
  return `${webhookEventName(type)} (\u2068${type}\u2069)`
}

/** Whether an endpoint receives deliveries, and why not when it does not. */
export function webhookState(webhook: Pick<Webhook, 'enabled' | 'disabledReason'>): string {
  if (webhook.enabled) return msg('Enabled')
  if (webhook.disabledReason === 'gone') return msg('Disabled by WeGov: the endpoint answered 410 Gone.')
  if (webhook.disabledReason === 'failing') return msg('Disabled by WeGov: its deliveries failed for a day.')
  return msg('Disabled by an owner.')
}

/** A delivery's status, in the reader's language. */
export function deliveryStatus(status: string): string {
  switch (status) {
    case 'pending':
      return msg('Pending')
    case 'delivered':
      return msg('Delivered')
    case 'failed':
      return msg('Failed')
    default:
      return status
  }
}

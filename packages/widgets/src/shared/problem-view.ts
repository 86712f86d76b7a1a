import { html, nothing, type TemplateResult } from 'lit'
import { str } from '@lit/localize'
import type { LocalizeController } from './localize-controller.js'
import type { Problem } from './problem.js'

/** The visitor-facing sentence for a problem, in the widget's language. */
export function problemMessage({ msg, format }: LocalizeController, problem: Problem): string {
  switch (problem.kind) {
    case 'offline':
      return msg('You seem to be offline. Check your connection, then try again.', { id: 'problem.offline' })
    case 'not-found':
      return msg('We could not find this. It may have been moved or removed.', { id: 'problem.not-found' })
    case 'closed':
      return msg('This petition is closed and no longer accepts signatures. Thank you for your interest.', {
        id: 'problem.closed',
      })
    case 'rate-limited':
      return problem.retryAfter
        ? msg(str`Too many attempts from your connection. Please wait ${format.unit('second', problem.retryAfter)}, then try again.`, {
            id: 'problem.rate-limited-wait',
          })
        : msg('Too many attempts from your connection. Please wait a moment, then try again.', { id: 'problem.rate-limited' })
    case 'invalid':
      return problem.detail ?? msg('Some of the information sent is not valid.', { id: 'problem.invalid' })
    default:
      return msg('Something went wrong on our side. Please try again.', { id: 'problem.server' })
  }
}

/** A problem in place of the content, announced, with a retry button where retrying can help. */
export function renderProblem(l10n: LocalizeController, problem: Problem, retry: (() => void) | undefined): TemplateResult {
  const canRetry = retry && problem.kind !== 'not-found' && problem.kind !== 'closed'
  return html`<div class="problem" part="problem" role="alert" data-problem=${problem.kind}>
    <p>${problemMessage(l10n, problem)}</p>
    ${canRetry
      ? html`<button type="button" class="button button--secondary" part="button retry" @click=${retry}>
          ${l10n.msg('Try again', { id: 'action.retry' })}
        </button>`
      : nothing}
  </div>`
}

import { html, nothing, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'

/** A failure as a screen shows it. Duck-typed, so that both ApiProblem and the SDK's WeGovError fit. */
export interface Problem {
  status: number
  code: string
  /** The API's own sentence, already in the reader's language; empty when no answer came. */
  detail: string
  /** The fields it names, each with the API's (English) message and, when given, its WEGOV_* code. */
  fields: { field: string; message: string; code?: string }[]
}

export function toProblem(error: unknown): Problem {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>
  const fields = Array.isArray(e.errors) ? (e.errors as Problem['fields']) : []
  return {
    status: typeof e.status === 'number' ? e.status : 0,
    code: typeof e.code === 'string' ? e.code : 'WEGOV_NETWORK',
    detail: typeof e.detail === 'string' ? e.detail : '',
    fields: fields.filter((f) => typeof f?.field === 'string' && typeof f?.message === 'string'),
  }
}

/** What to tell the person: the API's own message when it gave one, else what the console knows. */
export function problemText(problem: Problem): string {
  // No answer came: the SDK's own sentence for that is English only.
  if (problem.status === 0) return msg('WeGov could not be reached. Check your connection, then try again.')
  if (problem.detail) return problem.detail
  if (problem.status === 401) return msg('You are not signed in, or your session has ended. Please sign in again.')
  if (problem.status === 403) return msg('You are not allowed to do this.')
  if (problem.status === 404) return msg('This could not be found. It may have been removed.')
  return msg('Something went wrong on our side. Please try again.')
}

/**
 * A failure, announced (role=alert) where it happened. `id` lets a form field point to it with
 * aria-describedby.
 */
export function renderProblem(problem: Problem | undefined, id = 'problem'): TemplateResult | typeof nothing {
  if (!problem) return nothing
  return html`<div class="problem" role="alert" id=${id} data-code=${problem.code}><p>${problemText(problem)}</p></div>`
}

/** The message of a field's own problem (a validation error naming it), if the API sent one. */
export function fieldProblem(problem: Problem | undefined, field: string): string | undefined {
  // The API names a nested field with dots (`name.fr`).
  return problem?.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message
}

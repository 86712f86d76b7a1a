import { msg } from '@lit/localize'
import { confirmAction } from '../shared/forms.js'
import type { ContentType } from './content-source.js'

/** What each content type is called on its screens, in the reader's language. */
export function typeNames(type: ContentType) {
  return type === 'projects'
    ? { list: () => msg('Projects'), create: () => msg('New project'), edit: () => msg('Edit the project'), back: () => msg('Back to the projects') }
    : { list: () => msg('Resources'), create: () => msg('New resource'), edit: () => msg('Edit the resource'), back: () => msg('Back to the resources') }
}

export function confirmDelete(type: ContentType): Promise<boolean> {
  return confirmAction(
    type === 'projects'
      ? msg('Delete this project? It leaves the public site at once. You can restore it for 30 days.')
      : msg('Delete this resource? It leaves the public site at once. You can restore it for 30 days.'),
    msg('Delete'),
  )
}

/**
 * A field error in the reader's language: the API's field messages are English, its codes are not. The
 * codes the editors' fields can meet on their own are said here; others keep the API's message.
 */
export function fieldMessage(code: string | undefined, message: string): string {
  switch (code) {
    case 'WEGOV_UNRELATED_PROJECT':
      return msg('Only projects your organisation runs or takes part in can be chosen. Untick the one marked, then save again.')
    default:
      return message
  }
}

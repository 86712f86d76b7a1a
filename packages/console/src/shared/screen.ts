import { html, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'
import type { Application, LocalizedText } from './api-types.js'

/** Said while a screen's data loads (role=status: read once, politely). */
export function loading(): TemplateResult {
  return html`<p role="status" class="loading">${msg('Loading…')}</p>`
}

/** A text from the API in the language it really is in, so a French fallback inside an Arabic page is read as French. */
export function localized(text: LocalizedText | string | null | undefined): TemplateResult | string {
  if (!text) return ''
  if (typeof text === 'string') return text
  return html`<span lang=${text.lang} dir=${text.dir}>${text.text}</span>`
}

/** The organisation roles, in the reader's language. */
export function roleName(role: string): string {
  switch (role) {
    case 'owner':
      return msg('Owner')
    case 'editor':
      return msg('Editor')
    case 'admin':
      return msg('Administrator')
    case 'moderator':
      return msg('Moderator')
    default:
      return role
  }
}

/** An API key's scopes, in the reader's language. */
export function scopeName(scope: string): string {
  switch (scope) {
    case 'drafts:read':
      return msg('Read drafts')
    case 'content:write':
      return msg('Write content')
    default:
      return scope
  }
}

/** An application's status, in the reader's language. */
export function applicationStatus(status: string): string {
  switch (status) {
    case 'pending':
      return msg('Waiting for a decision')
    case 'approved':
      return msg('Approved')
    case 'declined':
      return msg('Declined')
    default:
      return status
  }
}

/** An application's name in the language it was written in. */
export function applicationName(application: Pick<Application, 'name' | 'originalLang'>): string {
  return application.name[application.originalLang] ?? Object.values(application.name).find(Boolean) ?? ''
}

/**
 * A button's text for one item of a list: the visible word ("Remove"), then, for screen readers only, which
 * item. The accessible name starts with the visible text in every language (WCAG 2.5.3, Label in Name), so
 * a voice-control user can say what they see.
 */
export function forItem(visible: string, item: string): TemplateResult {
  return html`${visible}<span class="visually-hidden"> ${item}</span>`
}

/**
 * A name or address set inside a sentence, isolated (Unicode FSI … PDI): a Latin name in an Arabic sentence,
 * or an Arabic one in a French sentence, keeps its own direction without reordering the words around it.
 */
export function isolate(text: string | null | undefined): string {
  return `\u2068${text ?? ''}\u2069`
}

import { html, nothing, render, type TemplateResult } from 'lit'
import { msg } from '@lit/localize'

export type FieldErrors = Partial<Record<string, string>>

export interface FieldOptions {
  id: string
  label: string
  name?: string
  type?: 'text' | 'email' | 'url' | 'search' | 'date'
  value?: string
  required?: boolean
  hint?: string
  autocomplete?: string
  maxlength?: number
  inputmode?: 'numeric' | 'email' | 'url' | 'text'
  pattern?: string
  /** Forced left to right: emails, codes, addresses, identifiers typed in an Arabic page keep their order. */
  ltr?: boolean
  lang?: string
  dir?: 'rtl' | 'ltr' | 'auto'
}

/** The ids a field's aria-describedby lists: its hint and its error, when there are. */
export function describedBy(id: string, errors: FieldErrors, hint = false): string | typeof nothing {
  const ids = [hint ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean)
  return ids.length ? ids.join(' ') : nothing
}

export function fieldError(id: string, errors: FieldErrors): TemplateResult | typeof nothing {
  return errors[id] ? html`<p class="field-error" id=${`${id}-error`}>${errors[id]}</p>` : nothing
}

/** A labelled input, its hint and its error tied to it (aria-describedby, aria-invalid). */
export function textField(options: FieldOptions, errors: FieldErrors): TemplateResult {
  const { id, type = 'text' } = options
  const ltr = options.ltr ?? (type === 'email' || type === 'url')
  return html`<div class="field">
    <label for=${id}>${options.label}${options.required ? nothing : html` <span class="muted">${msg('(optional)')}</span>`}</label>
    ${options.hint ? html`<p class="hint" id=${`${id}-hint`}>${options.hint}</p>` : nothing}
    <input id=${id} name=${options.name ?? id} type=${type} .value=${options.value ?? ''} ?required=${options.required}
      autocomplete=${options.autocomplete ?? nothing} maxlength=${options.maxlength ?? nothing} inputmode=${options.inputmode ?? nothing}
      pattern=${options.pattern ?? nothing} lang=${options.lang ?? nothing} dir=${ltr ? 'ltr' : (options.dir ?? nothing)}
      aria-invalid=${errors[id] ? 'true' : 'false'} aria-describedby=${describedBy(id, errors, !!options.hint)} />
    ${fieldError(id, errors)}
  </div>`
}

/** The same for a multi-line text. */
export function textArea(options: Omit<FieldOptions, 'type'> & { rows?: number }, errors: FieldErrors): TemplateResult {
  const { id } = options
  return html`<div class="field">
    <label for=${id}>${options.label}${options.required ? nothing : html` <span class="muted">${msg('(optional)')}</span>`}</label>
    ${options.hint ? html`<p class="hint" id=${`${id}-hint`}>${options.hint}</p>` : nothing}
    <textarea id=${id} name=${options.name ?? id} rows=${options.rows ?? 4} .value=${options.value ?? ''} ?required=${options.required}
      maxlength=${options.maxlength ?? nothing} lang=${options.lang ?? nothing} dir=${options.dir ?? 'auto'}
      aria-invalid=${errors[id] ? 'true' : 'false'} aria-describedby=${describedBy(id, errors, !!options.hint)}></textarea>
    ${fieldError(id, errors)}
  </div>`
}

/** The form's values as trimmed strings. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value.trim()
  return values
}

/** Errors for the required fields left empty, in the console's language (the browser's own would be in the browser's). */
export function requiredErrors(form: HTMLFormElement): FieldErrors {
  const errors: FieldErrors = {}
  for (const element of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[required]')) {
    if (!element.value.trim()) errors[element.id] = msg('Please fill in this field.')
    else if (element.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(element.value.trim())) {
      errors[element.id] = msg('Enter an email address such as name@example.org.')
    }
  }
  return errors
}

/** After a failed submit: focus the first field that has an error, so a keyboard or screen reader user lands on it. */
export async function focusFirstError(host: HTMLElement & { updateComplete: Promise<unknown> }): Promise<void> {
  await host.updateComplete
  host.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
}

/**
 * Opens a modal <dialog> (class `className`, named by the element `labelledBy`) that `draw` renders into and
 * ends with `close`. Escape closes it with undefined. It is removed once closed, and focus goes back where it
 * was. The console's questions (confirmations, a rejection's reason, a voided batch's reason) all open so.
 */
export function modal<T>(className: string, labelledBy: string, draw: (dialog: HTMLDialogElement, close: (answer: T | undefined) => void) => void): Promise<T | undefined> {
  const dialog = document.createElement('dialog')
  dialog.className = className
  dialog.setAttribute('aria-labelledby', labelledBy)
  document.body.append(dialog)
  const opener = document.activeElement as HTMLElement | null
  return new Promise((resolve) => {
    const close = (answer: T | undefined) => {
      dialog.close()
      dialog.remove()
      opener?.focus()
      resolve(answer)
    }
    draw(dialog, close)
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault()
      close(undefined)
    })
    dialog.showModal()
  })
}

/**
 * Asks before a destructive action, in the console's language, in a modal <dialog> (the browser's confirm()
 * would label its buttons in the browser's language). Focus starts on "Cancel" and goes back where it was.
 */
export async function confirmAction(message: string, confirmLabel: string): Promise<boolean> {
  const answer = await modal<boolean>('confirm', 'confirm-message', (dialog, close) =>
    render(
      html`<p id="confirm-message">${message}</p>
        <div class="actions">
          <button type="button" class="button button--danger" @click=${() => close(true)}>${confirmLabel}</button>
          <button type="button" class="button button--secondary" autofocus @click=${() => close(false)}>${msg('Cancel')}</button>
        </div>`,
      dialog,
    ),
  )
  return answer === true
}

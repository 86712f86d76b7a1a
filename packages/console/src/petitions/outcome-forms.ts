import { html, nothing, render } from 'lit'
import { msg, str } from '@lit/localize'
import { modal } from '../shared/forms.js'
import type { Lang } from '../shared/lang.js'
import { isolate } from '../shared/screen.js'

/** Today, as a date field's value (yyyy-mm-dd, UTC like the API's days). */
export const today = (): string => new Date().toISOString().slice(0, 10)

/** A count as typed: a whole number of 1 or more, or NaN. */
export const wholeNumber = (typed: string): number => (/^\d+$/.test(typed.trim()) && Number(typed.trim()) > 0 ? Number(typed.trim()) : NaN)

/** A response typed as plain text, sent as the rich text the API keeps: one paragraph per blank-line block. */
export function responseHtml(typed: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return typed
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escape(block).replace(/\n/g, '<br>')}</p>`)
    .join('')
}

/** The response's texts as typed, only the languages written. */
export function responseTexts(texts: Record<Lang, string>): Partial<Record<Lang, string>> {
  const written: Partial<Record<Lang, string>> = {}
  for (const [lang, typed] of Object.entries(texts) as [Lang, string][]) if (typed.trim()) written[lang] = responseHtml(typed)
  return written
}

/**
 * Asks a moderator why a paper batch is voided, in a modal <dialog> (the reason is required and published
 * with the batch). Resolves with the reason, or undefined when cancelled; focus goes back where it was.
 */
export function askVoidReason(batchLabel: string): Promise<string | undefined> {
  return modal<string>('confirm void-dialog', 'void-title', (dialog, close) => {
    let error = ''
    const confirm = (event: SubmitEvent) => {
      event.preventDefault()
      const reason = dialog.querySelector<HTMLTextAreaElement>('#void-reason')!.value.trim()
      if (!reason) {
        error = msg('Say why this batch no longer counts.')
        draw()
        dialog.querySelector<HTMLElement>('#void-reason')?.focus()
        return
      }
      close(reason)
    }
    const draw = () =>
      render(
        html`<form novalidate @submit=${confirm}>
          <h2 id="void-title">${msg(str`Void ${isolate(batchLabel)}`)}</h2>
          <div class="field">
            <label for="void-reason">${msg('Reason')}</label>
            <p class="hint" id="void-reason-hint">${msg('Published with the batch, which stays listed but no longer counts.')}</p>
            <textarea id="void-reason" rows="3" maxlength="500" dir="auto" required autofocus aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${error ? 'void-reason-hint void-reason-error' : 'void-reason-hint'}></textarea>
            ${error ? html`<p class="field-error" id="void-reason-error" role="alert">${error}</p>` : nothing}
          </div>
          <div class="actions">
            <button type="submit" class="button button--danger" id="void-confirm">${msg('Void')}</button>
            <button type="button" class="button button--secondary" @click=${() => close(undefined)}>${msg('Cancel')}</button>
          </div>
        </form>`,
        dialog,
      )
    draw()
  })
}

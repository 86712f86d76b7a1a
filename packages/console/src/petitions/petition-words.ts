import { html, nothing, type TemplateResult } from 'lit'
import { msg, str } from '@lit/localize'
import type { LaunchedPetition } from '../shared/api-types.js'
import type { Lang } from '../shared/lang.js'
import { colon } from '../shared/localization.js'

/** A launched petition's stored state, in the reader's language. */
export function petitionStatus(status: string): string {
  switch (status) {
    case 'draft':
      return msg('Draft')
    case 'collecting_sponsors':
      return msg('Collecting sponsors')
    case 'pending_review':
      return msg('Waiting for moderation')
    case 'open':
      return msg('Open for signatures')
    case 'rejected':
      return msg('Rejected')
    case 'hidden':
      return msg('Rejected and hidden')
    case 'withdrawn':
      return msg('Withdrawn')
    case 'closed':
      return msg('Closed')
    default:
      return status
  }
}

/** Once open, a petition gathers paper signatures and an official response, and may be closed early. */
export const OUTCOME_STATUSES: ReadonlySet<string> = new Set(['open', 'closed'])

/** The states from which its creator may still withdraw it (the API decides; this only hides a button it would refuse). */
export const WITHDRAWABLE = new Set(['draft', 'collecting_sponsors', 'pending_review'])

/** Why moderators reject a petition: the API's codes (rejection-codes.ts), labelled in the reader's language. */
export const REJECTION_CODES = ['duplicate', 'not_governance', 'unclear', 'defamatory', 'illegal', 'personal_data', 'exists_elsewhere'] as const

export function rejectionLabel(code: string): string {
  switch (code) {
    case 'duplicate':
      return msg('It duplicates a petition that is already open.')
    case 'not_governance':
      return msg('It is not about governance, local democracy or citizen participation.')
    case 'unclear':
      return msg('It does not say clearly what it asks, or of whom.')
    case 'defamatory':
      return msg('It contains defamatory statements (the petition is hidden).')
    case 'illegal':
      return msg('It asks for something illegal, or contains illegal content (the petition is hidden).')
    case 'personal_data':
      return msg('It contains personal information about someone (the petition is hidden).')
    case 'exists_elsewhere':
      return msg('The same request is already being made elsewhere.')
    default:
      return code
  }
}

/** Why moderators rejected it: the coded reason's label, then their note if they wrote one (as the mail says it). */
export function rejectionReason(petition: LaunchedPetition): TemplateResult | typeof nothing {
  const { rejectionCode, rejectionNote } = petition.moderation
  if (!rejectionCode) return nothing
  return html`<p class="rejection"><strong>${msg('Reason')}${colon()}</strong> ${rejectionLabel(rejectionCode)}${
    rejectionNote ? html`<br /><span dir="auto">${rejectionNote}</span>` : nothing
  }</p>`
}

/** The title in the language it was written in, marked as that language. */
export function petitionTitle(petition: Pick<LaunchedPetition, 'texts' | 'originalLang'>): TemplateResult {
  const lang = petition.originalLang as Lang
  const text = petition.texts.title[lang] ?? Object.values(petition.texts.title).find(Boolean) ?? ''
  return html`<bdi lang=${lang}>${text}</bdi>`
}

/** The public page where a sponsor signs: the console's sponsor screen, on this origin. */
export function sponsorLink(token: string): string {
  return `${location.origin}/console/sponsor/${encodeURIComponent(token)}`
}

/**
 * A citizen's petition collecting sponsors: its private sponsor link with a copy button, and what it is for
 * and whom to send it to. The link opens the sponsor screen, which needs no sign-in.
 */
export function sponsorCode(petition: LaunchedPetition, copied: string, copy: (link: string) => void): TemplateResult | typeof nothing {
  const token = petition.sponsors?.token
  if (!petition.sponsors || !token) return nothing
  const id = `sponsor-token-${petition.id}`
  const needed = petition.sponsors.needed
  const link = sponsorLink(token)
  return html`<div class="card sponsor-code">
    <p id=${`${id}-hint`}>
      ${msg(str`Your petition needs ${needed} confirmed sponsors before moderators review it. Send this private link to people who support it: only with it can they open your petition and sponsor it.`)}
    </p>
    <div class="field">
      <label for=${id}>${msg('Private sponsor link')}</label>
      <input id=${id} class="secret sponsor-link" readonly dir="ltr" .value=${link} aria-describedby=${`${id}-hint`} />
    </div>
    <div class="actions">
      <button type="button" class="button button--secondary copy-token" @click=${() => copy(link)}>${msg('Copy the sponsor link')}</button>
    </div>
    <p role="status" class="status">${copied}</p>
  </div>`
}

/** Copies a sponsor link; when the browser refuses, selects it for copying by hand. Returns what to announce. */
export async function copyToken(root: HTMLElement, petitionId: string, link: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(link)
    return msg('The sponsor link is copied.')
  } catch {
    const field = root.querySelector<HTMLInputElement>(`#sponsor-token-${petitionId}`)
    field?.focus()
    field?.select()
    return msg('Copying was refused by the browser. The link is selected: copy it with your keyboard or menu.')
  }
}

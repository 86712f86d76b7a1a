/**
 * The events every WeGov widget dispatches. They bubble and are composed, so a partner page can listen on
 * `document` even when the widget sits inside another shadow root.
 */
export interface WeGovLoadedDetail {
  /** Which widget loaded. */
  widget: 'petition' | 'projects' | 'resources'
  /** Items shown so far (lists), or 1 for a petition. */
  count: number
}

export interface WeGovErrorDetail {
  /** The stable WEGOV_* code, e.g. WEGOV_NOT_FOUND, WEGOV_RATE_LIMITED, WEGOV_NETWORK. */
  code: string
  /** HTTP status, or 0 when the network failed. */
  status: number
  /** The message shown to the visitor, in the widget's language. */
  message: string
}

export interface WeGovSignedDetail {
  /** The petition's slug. */
  petition: string
  /** The partner the signature is attributed to, if any. */
  partner: string | null
  /** True once the emailed code has been confirmed; the event fires only then. */
  confirmed: true
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wegov-loaded': CustomEvent<WeGovLoadedDetail>
    'wegov-error': CustomEvent<WeGovErrorDetail>
    'wegov-signed': CustomEvent<WeGovSignedDetail>
  }
}

type WeGovEvents = {
  'wegov-loaded': WeGovLoadedDetail
  'wegov-error': WeGovErrorDetail
  'wegov-signed': WeGovSignedDetail
}

export function emit<K extends keyof WeGovEvents>(host: HTMLElement, name: K, detail: WeGovEvents[K]): void {
  host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }))
}

/**
 * Email addresses as WeGov compares them: one signature per person per petition, whatever alias the
 * person types. Aliases are removed only where the provider documents them, because elsewhere
 * `a+b@example.org` may be a different mailbox from `a@example.org`.
 */

/** Providers that deliver `name+anything` to `name`. */
const PLUS_TAG_DOMAINS = new Set([
  'gmail.com', 'googlemail.com',
  'outlook.com', 'outlook.fr', 'hotmail.com', 'hotmail.fr', 'hotmail.co.uk', 'live.com', 'live.fr', 'msn.com',
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me',
  'fastmail.com', 'fastmail.fm',
  'icloud.com', 'me.com', 'mac.com',
])
/** Yahoo's disposable addresses are `name-keyword`. */
const DASH_TAG_DOMAINS = new Set(['yahoo.com', 'yahoo.fr', 'yahoo.co.uk', 'ymail.com', 'rocketmail.com'])
/** Gmail ignores dots, and googlemail.com is gmail.com. */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com'])

// Dot-atom local part (RFC 5322 without quoted strings or comments, which no real signer uses) and a
// domain of LDH labels with an alphabetic or punycode top-level label.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/

// What is left once NFKC has run: printable ASCII only. Checked before lowercasing, because toLowerCase()
// turns some non-ASCII letters into ASCII ones (U+212A KELVIN SIGN becomes `k`).
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/

export interface ParsedEmail {
  /** The address to write to: as typed, in NFKC, trimmed. The one that was validated. */
  address: string
  /** The address to compare: lowercase, provider aliases removed. */
  canonical: string
  domain: string
}

/** Parses a typed address; returns null when it is not one WeGov can write to. */
export function parseEmail(raw: string): ParsedEmail | null {
  // NFKC turns compatibility forms (KELVIN SIGN, fullwidth letters and ＠) into the ASCII they stand for,
  // so the address validated, the one compared and the one mailed are the same address.
  const address = raw.normalize('NFKC').trim()
  if (address.length > 254 || !PRINTABLE_ASCII.test(address)) return null
  const lower = address.toLowerCase()
  const at = lower.lastIndexOf('@')
  if (at <= 0) return null
  const local = lower.slice(0, at)
  let domain = lower.slice(at + 1)
  if (local.length > 64 || !LOCAL_PART.test(local) || !DOMAIN.test(domain)) return null

  let canonicalLocal = local
  if (PLUS_TAG_DOMAINS.has(domain)) canonicalLocal = canonicalLocal.split('+')[0]!
  if (DASH_TAG_DOMAINS.has(domain)) canonicalLocal = canonicalLocal.split('-')[0]!
  if (GMAIL_DOMAINS.has(domain)) {
    canonicalLocal = canonicalLocal.replaceAll('.', '')
    domain = 'gmail.com'
  }
  if (canonicalLocal === '') return null
  return { address, canonical: `${canonicalLocal}@${domain}`, domain }
}

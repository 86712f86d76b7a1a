/**
 * Disposable-address providers: an address there costs nothing and is thrown away, so one person could
 * sign many times. A short list of the most common ones; WEGOV_BLOCKED_EMAIL_DOMAINS extends or trims it.
 */
export const DEFAULT_BLOCKED_EMAIL_DOMAINS: readonly string[] = [
  '10minutemail.com',
  '20minutemail.com',
  'burnermail.io',
  'discard.email',
  'dispostable.com',
  'dropmail.me',
  'emailondeck.com',
  'fakeinbox.com',
  'getairmail.com',
  'getnada.com',
  'guerrillamail.biz',
  'guerrillamail.com',
  'guerrillamail.de',
  'guerrillamail.info',
  'guerrillamail.net',
  'guerrillamail.org',
  'guerrillamailblock.com',
  'maildrop.cc',
  'mailinator.com',
  'mailinator.net',
  'mailnesia.com',
  'mailsac.com',
  'mintemail.com',
  'mohmal.com',
  'mytemp.email',
  'sharklasers.com',
  'spam4.me',
  'spamgourmet.com',
  'temp-mail.io',
  'temp-mail.org',
  'tempail.com',
  'tempmail.com',
  'tempmail.dev',
  'tempmail.net',
  'tempmailo.com',
  'tempr.email',
  'throwawaymail.com',
  'trashmail.com',
  'trashmail.de',
  'trashmail.net',
  'yopmail.com',
  'yopmail.fr',
  'yopmail.net',
]

/**
 * The blocked set from the configured entries: `d.tld` adds a domain, `-d.tld` removes a default one and
 * `-*` drops every default (so a deployment can replace the list rather than extend it).
 *
 * @example
 * blockedEmailDomains(['-*', 'spam.example']) // Set { 'spam.example' }
 */
export function blockedEmailDomains(entries: readonly string[]): ReadonlySet<string> {
  const blocked = new Set(entries.includes('-*') ? [] : DEFAULT_BLOCKED_EMAIL_DOMAINS)
  for (const entry of entries) {
    if (entry === '-*') continue
    if (entry.startsWith('-')) blocked.delete(normaliseDomain(entry.slice(1)))
    else blocked.add(normaliseDomain(entry))
  }
  return blocked
}

/** True for a blocked domain and for any of its subdomains (`x.mailinator.com`). */
export function isBlockedEmailDomain(blocked: ReadonlySet<string>, domain: string): boolean {
  const labels = normaliseDomain(domain).split('.')
  for (let i = 0; i < labels.length - 1; i++) {
    if (blocked.has(labels.slice(i).join('.'))) return true
  }
  return false
}

function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.+$/, '')
}

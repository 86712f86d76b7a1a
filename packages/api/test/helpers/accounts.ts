import type { FastifyInstance } from 'fastify'

/** What a WeGov page sends with a cookie write (app.inject's Host is localhost:80): the CSRF check passes. */
export const ORIGIN_HEADERS = { origin: 'http://localhost' } as const

/** Delivers queued mail, then the newest message of the development mailbox for an address. */
export async function lastMail(
  app: FastifyInstance,
  email: string,
  options: { newerThan?: number } = {},
): Promise<{ id: number; subject: string; code: string | null; links: Record<string, string>; html: string; text: string }> {
  // Another instance's worker on the same database may have claimed the message and be delivering it: look
  // again a few times before concluding there is none. `newerThan` (a mail's id) waits for a mail after
  // that one, so that a second code asked for the same address is never answered with the first.
  const newerThan = options.newerThan ?? 0
  for (let attempt = 0; ; attempt++) {
    await app.mail.deliverDue()
    const [mail] = await mailboxOf(app, email)
    if (mail && mail.id > newerThan) return mail
    if (attempt >= 40) throw new Error(`no mail for ${email}${newerThan ? ` after mail ${newerThan}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The development mailbox of one address, newest first. */
async function mailboxOf(app: FastifyInstance, email: string) {
  const box = await app.inject({ method: 'GET', url: `/dev/mailbox?to=${encodeURIComponent(email)}`, headers: { accept: 'application/json' } })
  if (box.statusCode !== 200) throw new Error(`dev mailbox answered ${box.statusCode}: ${box.body}`)
  return box.json().items as { id: number; subject: string; code: string | null; links: Record<string, string>; html: string; text: string }[]
}

/** The `name=value` of the session cookie a response sets. */
export function sessionCookieOf(response: { headers: Record<string, unknown> }): string {
  const raw = response.headers['set-cookie']
  const cookies = Array.isArray(raw) ? raw : [raw]
  const session = cookies.find((c): c is string => typeof c === 'string' && /wegov_session=[^;]+/.test(c))
  if (!session) throw new Error('no session cookie was set')
  return session.split(';')[0]!
}

/**
 * Signs in through the real routes: asks for a code, reads it from the development mailbox, uses it.
 * Returns the Cookie header value to send with later requests.
 */
export async function signIn(app: FastifyInstance, email: string, lang: 'ar' | 'fr' | 'en' = 'en'): Promise<string> {
  // The newest mail before asking: a code sent to this address earlier (another test, another instance) is not this one.
  await app.mail.deliverDue()
  const [before] = await mailboxOf(app, email)
  const asked = await app.inject({ method: 'POST', url: '/v1/auth/code', payload: { email, lang } })
  if (asked.statusCode !== 202) throw new Error(`asking for a code answered ${asked.statusCode}: ${asked.body}`)
  const mail = await lastMail(app, email, { newerThan: before?.id })
  const verified = await app.inject({ method: 'POST', url: '/v1/auth/code/verify', payload: { email, code: mail.code } })
  if (verified.statusCode !== 200) throw new Error(`signing in answered ${verified.statusCode}: ${verified.body}`)
  return sessionCookieOf(verified)
}

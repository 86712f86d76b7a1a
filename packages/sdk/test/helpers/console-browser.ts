import type { FastifyInstance } from 'fastify'
import { deliverPendingMail } from '../../../api/src/mail/mail-plugin.js'
import { createClient, type Me, type WeGovClient } from '../../src/index.js'

/**
 * A fetch that behaves as a browser on WeGov's own origin does with `credentials: 'include'`: it keeps
 * the cookies the API sets and sends them back, and names the page's origin on every request. Node's fetch
 * does neither, and the session cookie is what the console's calls ride on.
 */
export function browserFetch(origin: string): typeof fetch & { cookies: Map<string, string> } {
  const cookies = new Map<string, string>()
  const jarFetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    headers.set('origin', origin)
    if (init.credentials === 'include' && cookies.size > 0) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    }
    const response = await fetch(input, { ...init, headers })
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const [name = '', value = ''] = pair.trim().split(/=(.*)/s)
      // A cookie cleared by the server comes back empty and already expired.
      const expired = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a))
      if (expired) cookies.delete(name)
      else cookies.set(name, value)
    }
    return response
  }
  return Object.assign(jarFetch, { cookies })
}

type Mail = { subject: string; code: string | null; links: Record<string, string> }

/** The mail to an address in the development mailbox, newest first (queued mail is delivered first). */
export async function mailTo(app: FastifyInstance, baseUrl: string, email: string): Promise<Mail[]> {
  await deliverPendingMail(app)
  const response = await fetch(`${baseUrl}/dev/mailbox?to=${encodeURIComponent(email)}`)
  return ((await response.json()) as { items: Mail[] }).items
}

/** The newest mail to an address. */
export async function lastMailTo(app: FastifyInstance, baseUrl: string, email: string): Promise<Mail> {
  const [mail] = await mailTo(app, baseUrl, email)
  if (!mail) throw new Error(`no mail for ${email}`)
  return mail
}

/** The token of the newest invitation link mailed to an address (sign-in mail has links with tokens too). */
export async function invitationToken(app: FastifyInstance, baseUrl: string, email: string): Promise<string> {
  for (const mail of await mailTo(app, baseUrl, email)) {
    const link = Object.values(mail.links).find((url) => new URL(url).pathname.endsWith('/invitations/accept'))
    if (link) return new URL(link).searchParams.get('token') ?? ''
  }
  throw new Error(`no invitation for ${email}`)
}

/** A console-like client (same origin, credentials: 'include') signed in through the emailed code. */
export async function signedInClient(
  app: FastifyInstance,
  baseUrl: string,
  email: string,
  lang: 'ar' | 'fr' | 'en' = 'en',
): Promise<{ wegov: WeGovClient; me: Me; fetch: ReturnType<typeof browserFetch> }> {
  const jar = browserFetch(baseUrl)
  const wegov = createClient({ baseUrl, lang, credentials: 'include', fetch: jar })
  await wegov.auth.requestCode({ email, lang })
  const { code } = await lastMailTo(app, baseUrl, email)
  const me = await wegov.auth.verifyCode({ email, code: code ?? '' })
  return { wegov, me, fetch: jar }
}

import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { createSession } from '../../src/domains/accounts/sessions.js'

/**
 * Signs `email` in and returns the Cookie header value of the session. Through the real code flow (POST
 * /v1/auth/code, the development mailbox, POST /v1/auth/code/verify) once that exists; until then, the person
 * and a session are written as the sign-in would write them.
 */
export async function signIn(app: FastifyInstance, email: string): Promise<string> {
  const address = email.toLowerCase()
  if (app.hasRoute({ method: 'POST', url: '/v1/auth/code' })) {
    const origin = { origin: 'http://localhost', host: 'localhost' }
    const asked = await app.inject({ method: 'POST', url: '/v1/auth/code', headers: origin, payload: { email: address } })
    if (asked.statusCode !== 202) throw new Error(`POST /v1/auth/code answered ${asked.statusCode}: ${asked.body}`)
    const mailbox = await app.inject({ method: 'GET', url: `/dev/mailbox?to=${encodeURIComponent(address)}` })
    const mails = mailbox.json() as { items?: { meta?: { code?: string | null } }[] } | { meta?: { code?: string | null } }[]
    const items = Array.isArray(mails) ? mails : (mails.items ?? [])
    const code = items.map((mail) => mail.meta?.code).filter(Boolean).at(-1)
    if (!code) throw new Error(`no sign-in code in the development mailbox for ${address}`)
    const verified = await app.inject({ method: 'POST', url: '/v1/auth/code/verify', headers: origin, payload: { email: address, code } })
    const cookie = [verified.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${app.auth.cookie.name}=`))
    if (verified.statusCode !== 200 || !cookie) throw new Error(`POST /v1/auth/code/verify answered ${verified.statusCode}: ${verified.body}`)
    return cookie.split(';', 1)[0] ?? cookie
  }
  await app.db.insertInto('people').values({ id: randomUUID(), email: address, platform_role: null }).onConflict((c) => c.column('email').doNothing()).execute()
  const person = await app.db.selectFrom('people').select('id').where('email', '=', address).executeTakeFirstOrThrow()
  const { token } = await createSession(app.db, { personId: person.id, method: 'code', userAgent: 'test', lifetime: app.auth.lifetime })
  return `${app.auth.cookie.name}=${token}`
}

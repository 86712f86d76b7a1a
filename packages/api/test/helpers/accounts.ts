import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { createSession } from '../../src/domains/accounts/sessions.js'

/**
 * Signs a person in (creating them on first use) and answers the Cookie header value of their new session.
 * This stand-in opens the session as the sign-in route does once the code is checked (createSession); the
 * sign-in helper's version, which goes through POST /v1/auth/code and the development mailbox, replaces it
 * with the same signature.
 */
export async function signIn(app: FastifyInstance, email: string): Promise<string> {
  const address = email.toLowerCase()
  await app.db.insertInto('people').values({ id: randomUUID(), email: address, platform_role: null }).onConflict((oc) => oc.column('email').doNothing()).execute()
  const person = await app.db.selectFrom('people').select('id').where('email', '=', address).executeTakeFirstOrThrow()
  const { token } = await createSession(app.db, { personId: person.id, method: 'code', userAgent: 'tap', lifetime: app.auth.lifetime })
  return `${app.auth.cookie.name}=${token}`
}

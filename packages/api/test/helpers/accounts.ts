import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { createSession } from '../../src/domains/accounts/sessions.js'

/**
 * A session cookie for `email`, the person created on first use, as a signed-in browser would send it:
 * `Cookie: <name>=<token>`. (The sign-in helper's version goes through the code flow; this one opens the
 * session directly, with the same signature and the same result.)
 */
export async function signIn(app: FastifyInstance, email: string): Promise<string> {
  const address = email.trim().toLowerCase()
  const existing = await app.db.selectFrom('people').select('id').where('email', '=', address).executeTakeFirst()
  const personId = existing?.id ?? randomUUID()
  if (!existing) await app.db.insertInto('people').values({ id: personId, email: address, platform_role: null }).execute()
  const session = await createSession(app.db, { personId, method: 'code', userAgent: 'test', lifetime: app.auth.lifetime })
  return `${app.auth.cookie.name}=${session.token}`
}

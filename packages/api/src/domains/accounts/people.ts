import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB, Lang } from '../../db/schema.js'
import { recordChange } from '../changes/change-log.js'
import { ANONYMOUS, type PersonActor } from './actor.js'

/** The change log's "who" for what a person does while signing in (they have no session yet). */
function asPerson(personId: string): PersonActor {
  return { kind: 'person', personId, sessionId: '', platformRole: null, memberships: new Map() }
}

export interface SignedIn {
  personId: string
  /** The platform role changed: cached credentials of this person must be forgotten. */
  roleChanged: boolean
}

/**
 * What a proven sign-in does to the accounts, in the transaction that spent the code: the person is
 * created on their first sign-in (in the language they asked for the code in), an address listed in
 * WEGOV_ADMIN_EMAILS becomes platform admin (by nobody: the configuration did it), and the sign-in is
 * recorded. Returns the person, and whether their role changed (so cached credentials must be forgotten).
 */
export async function signInPerson(
  trx: Transaction<DB>,
  request: Pick<FastifyRequest, 'id'>,
  proven: { address: string; lang: Lang; method: 'code' | 'passkey' },
  adminEmails: readonly string[],
): Promise<SignedIn> {
  const email = proven.address.toLowerCase()
  let person = await trx.selectFrom('people').select(['id', 'platform_role']).where('email', '=', email).forUpdate().executeTakeFirst()
  const firstSignIn = person === undefined
  if (!person) {
    person = await trx
      .insertInto('people')
      .values({ id: randomUUID(), email, lang: proven.lang, platform_role: null })
      // Two first sign-ins of one address at once: the second finds the row the first created.
      .onConflict((oc) => oc.column('email').doUpdateSet({ email }))
      .returning(['id', 'platform_role'])
      .executeTakeFirstOrThrow()
  }
  const personId = person.id
  let roleChanged = false
  if (adminEmails.includes(email) && person.platform_role !== 'admin') {
    await trx.updateTable('people').set({ platform_role: 'admin' }).where('id', '=', personId).execute()
    await recordChange(trx, { id: request.id, actor: ANONYMOUS }, {
      action: 'platform_role.granted',
      subjectType: 'person',
      subjectId: personId,
      before: { platformRole: person.platform_role },
      after: { platformRole: 'admin', reason: 'WEGOV_ADMIN_EMAILS' },
    })
    roleChanged = true
  }
  await recordChange(trx, { id: request.id, actor: asPerson(personId) }, {
    action: 'person.signed_in',
    subjectType: 'person',
    subjectId: personId,
    after: { method: proven.method, firstSignIn },
  })
  return { personId, roleChanged }
}

import { randomUUID } from 'node:crypto'
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Config } from '../../config.js'
import type { DB } from '../../db/schema.js'
import { type ErrorCode, WeGovError } from '../../errors.js'
import { recordChange } from '../changes/change-log.js'

/** How long a person has to answer their authenticator: a challenge is refused after this. */
const CHALLENGE_MINUTES = 5

/** Who the passkeys are for: the deployment's public URL, never a request header (a forged Host would pass). */
export interface RelyingParty {
  name: string
  id: string
  origin: string
}

export function relyingParty(config: Pick<Config, 'publicUrl'>): RelyingParty {
  const url = new URL(config.publicUrl)
  return { name: 'WeGov', id: url.hostname, origin: url.origin }
}

export interface Passkey {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
}

type Request = Pick<FastifyRequest, 'actor' | 'id'>
type Outcome<T> = { ok: T } | { error: ErrorCode }

/**
 * The WebAuthn user handle of a person: the 16 bytes of their id. Stable, so that registering again on the
 * same authenticator replaces that person's credential there instead of adding a second one; never the address.
 */
function userHandle(personId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(personId.replaceAll('-', ''), 'hex'))
}

/** Options for navigator.credentials.create(): a discoverable credential, none of the person's own again. */
export async function registrationOptions(db: Kysely<DB>, rp: RelyingParty, personId: string): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const person = await db.selectFrom('people').select(['email', 'name']).where('id', '=', personId).executeTakeFirstOrThrow()
  const existing = await db.selectFrom('passkeys').select(['id', 'transports']).where('person_id', '=', personId).execute()
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: userHandle(personId),
    userName: person.email,
    userDisplayName: person.name || person.email,
    timeout: CHALLENGE_MINUTES * 60_000,
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({ id: passkey.id, transports: passkey.transports as AuthenticatorTransportFuture[] })),
    // Discoverable: signing in needs no address first. Verification preferred: a key without a PIN still works.
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  })
  const challengeId = await storeChallenge(db, options.challenge, 'register', personId)
  return { challengeId, options }
}

/** Options for navigator.credentials.get(): no allowed list, the authenticator offers the person's passkeys. */
export async function authenticationOptions(db: Kysely<DB>, rp: RelyingParty): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'preferred', timeout: CHALLENGE_MINUTES * 60_000 })
  const challengeId = await storeChallenge(db, options.challenge, 'authenticate', null)
  return { challengeId, options }
}

/**
 * Verifies the authenticator's answer to a registration challenge and keeps the new passkey. The challenge
 * is spent whatever the outcome: a failed answer cannot be retried against it.
 */
export async function addPasskey(
  db: Kysely<DB>,
  rp: RelyingParty,
  request: Request,
  { personId, challengeId, name, response }: { personId: string; challengeId: string; name: string; response: RegistrationResponseJSON },
): Promise<Passkey> {
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome<Passkey>> => {
    const challenge = await takeChallenge(trx, challengeId, 'register', personId)
    if (!challenge) return { error: 'WEGOV_PASSKEY_CHALLENGE_EXPIRED' }
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    }).catch(() => undefined)
    if (!verification?.verified) return { error: 'WEGOV_PASSKEY_INVALID' }
    const { credential } = verification.registrationInfo
    const row = await trx
      .insertInto('passkeys')
      .values({ id: credential.id, person_id: personId, public_key: Buffer.from(credential.publicKey), counter: credential.counter, transports: credential.transports ?? [], name })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .returning(['id', 'name', 'created_at', 'last_used_at'])
      .executeTakeFirst()
    // The same credential twice (the browser ignored excludeCredentials): the first one stays.
    if (!row) return { error: 'WEGOV_PASSKEY_INVALID' }
    const passkey = toPasskey(row)
    await recordChange(trx, request, { action: 'passkey.added', subjectType: 'passkey', subjectId: passkey.id, after: passkey })
    return { ok: passkey }
  })
  if ('error' in outcome) throw new WeGovError(outcome.error)
  return outcome.ok
}

/**
 * Verifies an answer to a sign-in challenge against the passkey it names, moves the passkey's signature
 * counter on, and returns whose it is. The challenge is spent in the same transaction as the counter moves,
 * so one answer can open at most one session.
 */
export async function signInWithPasskey(
  db: Kysely<DB>,
  rp: RelyingParty,
  request: Request,
  { challengeId, response }: { challengeId: string; response: AuthenticationResponseJSON },
): Promise<{ personId: string }> {
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome<{ personId: string }>> => {
    const challenge = await takeChallenge(trx, challengeId, 'authenticate', null)
    if (!challenge) return { error: 'WEGOV_PASSKEY_CHALLENGE_EXPIRED' }
    // Locked: two answers signed by the same passkey at once must see each other's counter.
    const passkey = await trx.selectFrom('passkeys').selectAll().where('id', '=', response.id).forUpdate().executeTakeFirst()
    if (!passkey) return { error: 'WEGOV_PASSKEY_INVALID' }
    const handle = response.response.userHandle
    if (handle !== undefined && handle !== Buffer.from(userHandle(passkey.person_id)).toString('base64url')) return { error: 'WEGOV_PASSKEY_INVALID' }
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.id, publicKey: new Uint8Array(passkey.public_key), counter: passkey.counter, transports: passkey.transports as AuthenticatorTransportFuture[] },
      requireUserVerification: false,
    }).catch(() => undefined)
    // A failed signature, or a counter that went back (a cloned authenticator): refused.
    if (!verification?.verified) return { error: 'WEGOV_PASSKEY_INVALID' }
    await trx
      .updateTable('passkeys')
      .set({ counter: verification.authenticationInfo.newCounter, last_used_at: sql`now()` })
      .where('id', '=', passkey.id)
      .execute()
    // The person who signed in is who did it, though the request came in anonymous.
    const signedIn: Request = { id: request.id, actor: { kind: 'person', personId: passkey.person_id, sessionId: '', platformRole: null, memberships: new Map() } }
    await recordChange(trx, signedIn, { action: 'person.signed_in', subjectType: 'person', subjectId: passkey.person_id, after: { method: 'passkey', passkeyId: passkey.id } })
    return { ok: { personId: passkey.person_id } }
  })
  if ('error' in outcome) throw new WeGovError(outcome.error)
  return outcome.ok
}

export async function listPasskeys(db: Kysely<DB>, personId: string): Promise<Passkey[]> {
  const rows = await db.selectFrom('passkeys').select(['id', 'name', 'created_at', 'last_used_at']).where('person_id', '=', personId).orderBy('created_at').orderBy('id').execute()
  return rows.map(toPasskey)
}

/** Removes one of the person's own passkeys; another person's is answered as unknown (404). */
export async function removePasskey(db: Kysely<DB>, request: Request, { personId, passkeyId }: { personId: string; passkeyId: string }): Promise<void> {
  const removed = await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('passkeys').where('id', '=', passkeyId).where('person_id', '=', personId).returning(['id', 'name', 'created_at', 'last_used_at']).executeTakeFirst()
    if (!row) return false
    await recordChange(trx, request, { action: 'passkey.removed', subjectType: 'passkey', subjectId: row.id, before: toPasskey(row) })
    return true
  })
  if (!removed) throw new WeGovError('WEGOV_NOT_FOUND')
}

async function storeChallenge(db: Kysely<DB>, challenge: string, purpose: 'register' | 'authenticate', personId: string | null): Promise<string> {
  const id = randomUUID()
  // Challenges nobody answered go as new ones come, so the table stays as small as five minutes of traffic.
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<', sql<Date>`now()`).execute()
  await db
    .insertInto('webauthn_challenges')
    .values({ id, challenge, purpose, person_id: personId, expires_at: sql<Date>`now() + ${CHALLENGE_MINUTES}::integer * interval '1 minute'` })
    .execute()
  return id
}

/**
 * Deletes a challenge and returns it if it was still live. Unknown, already used, asked for another purpose
 * or another person, or expired: undefined. An expired one is deleted all the same.
 */
async function takeChallenge(trx: Transaction<DB>, id: string, purpose: 'register' | 'authenticate', personId: string | null): Promise<string | undefined> {
  const row = await trx
    .deleteFrom('webauthn_challenges')
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where((eb) => (personId === null ? eb('person_id', 'is', null) : eb('person_id', '=', personId)))
    .returning(['challenge', sql<boolean>`expires_at > now()`.as('live')])
    .executeTakeFirst()
  return row?.live ? row.challenge : undefined
}

function toPasskey(row: { id: string; name: string; created_at: Date; last_used_at: Date | null }): Passkey {
  return { id: row.id, name: row.name, createdAt: row.created_at.toISOString(), lastUsedAt: row.last_used_at?.toISOString() ?? null }
}

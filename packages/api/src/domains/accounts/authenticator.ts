import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { ApiKeyScope, OrganisationRole } from '../../db/account-tables.js'
import type { KeyActor, PersonActor } from './actor.js'
import { hashToken } from './secret-tokens.js'
import { findLiveSession, type SessionLifetime } from './sessions.js'

/** The NOTIFY channel on which every instance hears that a session, key, person or membership changed. */
export const AUTH_CHANNEL = 'wegov_auth'
/** The prefix every API key secret starts with, so that a leaked one is recognisable (secret scanners). */
export const API_KEY_PREFIX = 'wgk_'

/**
 * How long a resolved session or key is trusted without asking the database again. Revocations and role
 * changes also clear it at once on every instance (AUTH_CHANNEL), so this only bounds the damage of a lost
 * notification.
 */
const TRUST_MS = 10_000
const MAX_ENTRIES = 10_000

interface Entry {
  actor: PersonActor | KeyActor | null
  /** Person or key id, for forget(). */
  owner: string | null
  loadedAt: number
}

/** A person's memberships, deleted organisations included: app.organisations.membershipsOf. */
export type MembershipLookup = (personId: string) => Promise<{ organisationId: string; role: OrganisationRole }[]>

/**
 * Turns a session cookie or an API key into an Actor. Every credential is looked up by its hash; answers are
 * kept for a few seconds per instance so that an authenticated cached read costs almost what an anonymous
 * one does (the bench's authenticated-read rows).
 */
export class Authenticator {
  readonly #db: Kysely<DB>
  readonly #lifetime: SessionLifetime
  readonly #membershipsOf: MembershipLookup
  readonly #entries = new Map<string, Entry>()
  /** How many forgets so far: a lookup during which one happened may have read what it forgets. */
  #forgets = 0

  constructor(db: Kysely<DB>, lifetime: SessionLifetime, membershipsOf: MembershipLookup) {
    this.#db = db
    this.#lifetime = lifetime
    this.#membershipsOf = membershipsOf
  }

  async session(token: string): Promise<PersonActor | null> {
    return (await this.#cached(`s:${token}`, () => this.#loadSession(token))) as PersonActor | null
  }

  async apiKey(secret: string): Promise<KeyActor | null> {
    if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 100) return null
    return (await this.#cached(`k:${secret}`, () => this.#loadKey(secret))) as KeyActor | null
  }

  /** Drops what is known of a person or key (by id), or everything when no id is given. */
  forget(id?: string): void {
    this.#forgets++
    if (id === undefined) return this.#entries.clear()
    for (const [credential, entry] of this.#entries) if (entry.owner === id) this.#entries.delete(credential)
  }

  async #cached(credential: string, load: () => Promise<Omit<Entry, 'loadedAt'>>): Promise<PersonActor | KeyActor | null> {
    const now = Date.now()
    const entry = this.#entries.get(credential)
    if (entry && now - entry.loadedAt < TRUST_MS) return entry.actor
    const forgetsBefore = this.#forgets
    const loaded = await load()
    // A revocation or role change forgotten during the lookup may postdate what it read: this request
    // goes with it, but it is not kept (or the revoked key would be trusted for TRUST_MS more).
    if (this.#forgets !== forgetsBefore) return loaded.actor
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear()
    this.#entries.set(credential, { ...loaded, loadedAt: now })
    return loaded.actor
  }

  async #loadSession(token: string): Promise<Omit<Entry, 'loadedAt'>> {
    const session = await findLiveSession(this.#db, token, this.#lifetime)
    if (!session) return { actor: null, owner: null }
    const person = await this.#db.selectFrom('people').select(['id', 'platform_role']).where('id', '=', session.personId).executeTakeFirst()
    if (!person) return { actor: null, owner: null }
    const memberships = await this.#membershipsOf(person.id)
    const actor: PersonActor = {
      kind: 'person',
      personId: person.id,
      sessionId: session.id,
      platformRole: person.platform_role,
      memberships: new Map(memberships.map((m) => [m.organisationId, m.role])),
    }
    return { actor, owner: person.id }
  }

  async #loadKey(secret: string): Promise<Omit<Entry, 'loadedAt'>> {
    const key = await this.#db
      .selectFrom('api_keys')
      .select(['id', 'organisation_id', 'scopes', sql<boolean>`last_used_at IS NULL OR last_used_at < now() - interval '1 minute'`.as('stale')])
      .where('secret_hash', '=', hashToken(secret))
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (!key) return { actor: null, owner: null }
    // Last use, to the minute: enough to tell a forgotten key from a live one, without a write per request.
    if (key.stale) await this.#db.updateTable('api_keys').set({ last_used_at: sql`now()` }).where('id', '=', key.id).execute()
    const actor: KeyActor = { kind: 'key', keyId: key.id, organisationId: key.organisation_id, scopes: new Set<ApiKeyScope>(key.scopes) }
    return { actor, owner: key.id }
  }
}

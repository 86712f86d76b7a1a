import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { ApiKeyScope } from '../../db/account-tables.js'
import type { DB } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { recordChange } from '../changes/change-log.js'
import type { OrganisationsService } from '../organisations/organisations-plugin.js'
import { API_KEY_PREFIX } from './authenticator.js'
import { hashToken, newSecretToken } from './secret-tokens.js'

/** How much of a secret a list shows: `wgk_` and 8 characters, enough to tell keys apart, far too few to guess the rest. */
const SHOWN_PREFIX_LENGTH = 12

export interface ApiKey {
  id: string
  name: string
  prefix: string
  scopes: ApiKeyScope[]
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
  createdBy: { id: string; name: string } | null
}

type Request = Pick<FastifyRequest, 'actor' | 'id'>
/** How keys learn whether their organisation exists: app.organisations. */
export type OrganisationLookup = Pick<OrganisationsService, 'find'>

/** An organisation's keys, newest first, revoked ones included (their last use still tells a story). */
export async function listApiKeys(db: Kysely<DB>, organisationId: string): Promise<ApiKey[]> {
  const rows = await keyQuery(db).where('k.organisation_id', '=', organisationId).orderBy('k.created_at', 'desc').orderBy('k.id').execute()
  return rows.map(presentKey)
}

/**
 * A new key for an organisation. The secret is returned here and nowhere else: the database keeps its
 * SHA-256 (which authenticator.ts looks keys up by) and its first characters, for lists.
 */
export async function createApiKey(
  db: Kysely<DB>,
  organisations: OrganisationLookup,
  request: Request,
  input: { organisationId: string; name: string; scopes: readonly ApiKeyScope[] },
): Promise<ApiKey & { secret: string }> {
  await requireLiveOrganisation(organisations, input.organisationId)
  const secret = `${API_KEY_PREFIX}${newSecretToken()}`
  const id = randomUUID()
  // A key holds each scope once, in a stable order, whatever order the caller listed them in.
  const scopes = [...new Set(input.scopes)].sort()
  const createdBy = request.actor.kind === 'person' ? request.actor.personId : null
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_keys')
      .values({ id, organisation_id: input.organisationId, name: input.name, prefix: secret.slice(0, SHOWN_PREFIX_LENGTH), secret_hash: hashToken(secret), scopes, created_by: createdBy })
      .execute()
    const after = { id, name: input.name, prefix: secret.slice(0, SHOWN_PREFIX_LENGTH), scopes }
    await recordChange(trx, request, { action: 'api_key.created', subjectType: 'api_key', subjectId: id, organisationId: input.organisationId, after })
  })
  const row = await keyQuery(db).where('k.id', '=', id).executeTakeFirstOrThrow()
  return { ...presentKey(row), secret }
}

/**
 * Revokes a key of this organisation. Revoking a revoked key changes nothing and records nothing, so a
 * retried DELETE is harmless. Returns whether this call revoked it (the caller then tells every instance).
 */
export async function revokeApiKey(db: Kysely<DB>, request: Request, input: { organisationId: string; keyId: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const key = await trx
      .selectFrom('api_keys')
      .select(['id', 'name', 'prefix', 'scopes', 'revoked_at'])
      .where('id', '=', input.keyId)
      .where('organisation_id', '=', input.organisationId)
      .forUpdate()
      .executeTakeFirst()
    if (!key) throw new WeGovError('WEGOV_NOT_FOUND')
    if (key.revoked_at !== null) return false
    const { revoked_at: revokedAt } = await trx
      .updateTable('api_keys')
      .set({ revoked_at: sql`now()` })
      .where('id', '=', key.id)
      .returning('revoked_at')
      .executeTakeFirstOrThrow()
    const described = { id: key.id, name: key.name, prefix: key.prefix, scopes: key.scopes }
    await recordChange(trx, request, {
      action: 'api_key.revoked',
      subjectType: 'api_key',
      subjectId: key.id,
      organisationId: input.organisationId,
      before: { ...described, revokedAt: null },
      after: { ...described, revokedAt: revokedAt!.toISOString() },
    })
    return true
  })
}

/** 404 for an organisation that does not exist, 410 for a deleted one: no new key for either. */
async function requireLiveOrganisation(organisations: OrganisationLookup, organisationId: string): Promise<void> {
  const organisation = await organisations.find(organisationId)
  if (!organisation) throw new WeGovError('WEGOV_NOT_FOUND')
  if (organisation.deleted_at) throw new WeGovError('WEGOV_GONE')
}

/** 404 unless the organisation exists; a deleted one's keys can still be listed and revoked, its audit read. */
export async function requireOrganisation(organisations: OrganisationLookup, organisationId: string): Promise<void> {
  if (!(await organisations.find(organisationId))) throw new WeGovError('WEGOV_NOT_FOUND')
}

function keyQuery(db: Kysely<DB>) {
  return db
    .selectFrom('api_keys as k')
    .leftJoin('people as p', 'p.id', 'k.created_by')
    .select(['k.id', 'k.name', 'k.prefix', 'k.scopes', 'k.created_at', 'k.last_used_at', 'k.revoked_at', 'p.id as creator_id', 'p.name as creator_name'])
}

function presentKey(row: Awaited<ReturnType<ReturnType<typeof keyQuery>['executeTakeFirstOrThrow']>>): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    createdBy: row.creator_id ? { id: row.creator_id, name: row.creator_name ?? '' } : null,
  }
}

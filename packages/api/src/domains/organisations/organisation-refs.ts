import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { OrganisationRole } from '../../db/account-tables.js'
import { rowsByKey } from '../../db/rows-by-key.js'
import type { DB } from '../../db/schema.js'
import type { OrganisationRow } from './organisation-repository.js'

/**
 * The organisations domain's public reads, for the other domains (accounts, the audit and change feed,
 * publishing, petitions, files): organisations by id or slug and a person's memberships, asked here in one
 * query per batch, never with SQL of their own on these tables. Each takes the connection or transaction to
 * run on, since many callers are inside one.
 */

/** Organisations by id, deleted ones included (the audit still names them); an unknown id is absent. */
export function organisationsByIds(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, OrganisationRow>> {
  return rowsByKey(ids, (wanted) => db.selectFrom('organisations').selectAll().where('id', 'in', wanted).execute(), (row) => row.id)
}

/** Organisations that exist (not deleted) by id; a deleted or unknown id is absent. */
export function liveOrganisationsByIds(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, OrganisationRow>> {
  return rowsByKey(ids, (wanted) => db.selectFrom('organisations').selectAll().where('id', 'in', wanted).where('deleted_at', 'is', null).execute(), (row) => row.id)
}

/** The ids of organisations that exist (not deleted), by slug; a deleted or unknown slug is absent. */
export function liveOrganisationIdsBySlug(db: Kysely<DB>, slugs: Iterable<string>): Promise<Map<string, string>> {
  return rowsByKey(
    slugs,
    (wanted) => db.selectFrom('organisations').select(['id', 'slug']).where('slug', 'in', wanted).where('deleted_at', 'is', null).execute(),
    (row) => row.slug,
    (row) => row.id,
  )
}

/** The slug of an organisation that exists (not deleted), or undefined. */
export async function liveOrganisationSlug(db: Kysely<DB>, id: string): Promise<string | undefined> {
  return (await liveOrganisationsByIds(db, [id])).get(id)?.slug
}

/** A person's memberships, deleted organisations included (their role there still holds if it is restored). */
export async function membershipsOf(db: Kysely<DB>, personId: string): Promise<{ organisationId: string; role: OrganisationRole }[]> {
  const rows = await db.selectFrom('memberships').select(['organisation_id', 'role']).where('person_id', '=', personId).execute()
  return rows.map((row) => ({ organisationId: row.organisation_id, role: row.role }))
}

/** A person's memberships of organisations that exist, with the organisation, ordered by its slug. */
export async function liveMembershipsOf(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['organisations.id', 'organisations.slug', 'organisations.name', 'organisations.original_lang', 'memberships.role'])
    .where('memberships.person_id', '=', personId)
    .where('organisations.deleted_at', 'is', null)
    .orderBy('organisations.slug')
    .execute()
}

/**
 * The slug of the organisation whose id is in `idColumn` (deleted ones included; null when there is none),
 * as a scalar subquery that another domain embeds in its own select: an item and the slugs of the
 * organisations it names then come in one round trip instead of two.
 *
 * @example
 * db.selectFrom('projects').selectAll().select(organisationSlugOf('projects.owner_organisation_id').as('owner_slug'))
 * // SELECT *, (SELECT slug FROM organisations WHERE organisations.id = "projects"."owner_organisation_id") AS "owner_slug" …
 */
export function organisationSlugOf(idColumn: string): RawBuilder<string | null> {
  return sql<string | null>`(SELECT slug FROM organisations WHERE organisations.id = ${sql.ref(idColumn)})`
}

/** The id of the organisation with this slug, deleted or not (a slug is never reused), or undefined. */
export async function organisationIdBySlug(db: Kysely<DB>, slug: string): Promise<string | undefined> {
  const row = await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst()
  return row?.id
}

/** The people who own an organisation (webhooks tell them when WeGov disables an endpoint). */
export async function ownerIdsOf(db: Kysely<DB>, organisationId: string): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('person_id').where('organisation_id', '=', organisationId).where('role', '=', 'owner').execute()
  return rows.map((row) => row.person_id)
}

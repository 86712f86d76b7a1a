import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { DB, Lang } from '../../db/schema.js'
import { liveMembershipsOf, liveOrganisationsByIds, membershipsOf, organisationsByIds } from './organisation-refs.js'
import { presentOrganisationRef } from './organisation-ref.js'
import {
  type OrganisationFilters,
  type OrganisationRow,
  findOrganisation,
  listOrganisations,
  liveOrganisationSlugs,
  presentOrganisation,
} from './organisation-repository.js'

declare module 'fastify' {
  interface FastifyInstance {
    organisations: OrganisationsService
  }
}

/**
 * The organisations domain's reads, for its routes and for the other domains (the change feed, the audit,
 * API keys, the authenticator, signing): the only way to the `organisations` and `memberships` tables from
 * outside the domain, apart from the public modules that run on a caller's transaction (organisation-refs.ts,
 * organisation-store.ts). Profiles, members, invitations and applications are written by the console's
 * routes (organisation-management-plugin.ts).
 */
export class OrganisationsService {
  readonly #db: Kysely<DB>

  constructor(db: Kysely<DB>) {
    this.#db = db
  }

  /** Live organisations ordered by slug; the cursor is the last slug. */
  list(filters: OrganisationFilters, page: { limit: number; cursor?: string | undefined }) {
    return listOrganisations(this.#db, filters, page)
  }

  /** An organisation by id or slug, deleted ones included (the caller answers 410), or undefined. */
  find(idOrSlug: string): Promise<OrganisationRow | undefined> {
    return findOrganisation(this.#db, idOrSlug)
  }

  /** Organisations by id, deleted ones included; an unknown id is absent. */
  byIds(ids: Iterable<string>): Promise<Map<string, OrganisationRow>> {
    return organisationsByIds(this.#db, ids)
  }

  /** Organisations that exist (not deleted) by id; a deleted or unknown id is absent. */
  liveByIds(ids: Iterable<string>): Promise<Map<string, OrganisationRow>> {
    return liveOrganisationsByIds(this.#db, ids)
  }

  /** The slugs of every organisation that exists: who may be named as a signature's source. */
  liveSlugs(): Promise<ReadonlySet<string>> {
    return liveOrganisationSlugs(this.#db)
  }

  /** A person's memberships, deleted organisations included (the actor's roles). */
  membershipsOf(personId: string) {
    return membershipsOf(this.#db, personId)
  }

  /** A person's memberships of organisations that exist, with the organisation (GET /v1/me). */
  liveMembershipsOf(personId: string) {
    return liveMembershipsOf(this.#db, personId)
  }

  /** The public organisation in one language (OrganisationSchema). */
  present(row: OrganisationRow, lang: Lang) {
    return presentOrganisation(row, lang)
  }

  /** The short reference that projects, resources and petitions embed (OrganisationRefSchema). */
  presentRef(row: Pick<OrganisationRow, 'id' | 'slug' | 'name' | 'original_lang' | 'logo_url'>, lang: Lang) {
    return presentOrganisationRef(row, lang)
  }
}

/**
 * The organisations service, as `app.organisations`. It needs only the database, so app.ts registers it
 * before the auth plugin, whose authenticator and API keys look organisations and memberships up here.
 */
export const organisationsPlugin = fp(
  async function organisations(app: FastifyInstance) {
    app.decorate('organisations', new OrganisationsService(app.db))
  },
  { name: 'wegov-organisations', dependencies: ['wegov-database'] },
)

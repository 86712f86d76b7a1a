import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { DB, Lang } from '../../db/schema.js'
import { type AttachedResource, attachedProjectIds, attachedResources } from './resource-attachments.js'
import { type HarvestFilters, type HarvestPosition, countHarvestable, harvestOverview, harvestResources, harvestedResource } from './resource-harvest.js'
import { type ResourceFilters, type ResourceRow, findPublicResources, findResource, listResources, presentResource } from './resource-repository.js'

declare module 'fastify' {
  interface FastifyInstance {
    resources: ResourcesService
  }
}

/**
 * The resources domain's reads: list and search pages (the feeds' too), one resource with its body (drafts
 * only when asked), the resources the change feed carries, and their public representation. Resources are
 * written through the publishing API (domains/content-writes); what the files domain asks of them,
 * resource-files.ts answers on the caller's connection.
 */
export class ResourcesService {
  readonly #db: Kysely<DB>

  constructor(db: Kysely<DB>) {
    this.#db = db
  }

  /** Live resources, upcoming webinars first, or search matches; a keyset page (resource-repository.ts). */
  list(filters: ResourceFilters, page: { limit: number; cursor?: string | undefined; withBody?: boolean }) {
    return listResources(this.#db, filters, page)
  }

  /** A resource by id or slug, with its body, deleted ones included (410); drafts only when asked. */
  find(idOrSlug: string, options: { drafts?: boolean } = {}): Promise<ResourceRow | undefined> {
    return findResource(this.#db, idOrSlug, options)
  }

  /** The resources among these ids that are public now (published, not deleted), with their bodies: the change feed's items. */
  findPublic(ids: string[]): Promise<ResourceRow[]> {
    return findPublicResources(this.#db, ids)
  }

  /** The ids of the projects this resource is attached to, in any state (the projects service says which are public). */
  projectIdsOf(resourceId: string): Promise<string[]> {
    return attachedProjectIds(this.#db, resourceId)
  }

  /** The public resources attached to each of these projects (the IATI file's document links), in one query. */
  attachedTo(projectIds: readonly string[]): Promise<Map<string, AttachedResource[]>> {
    return attachedResources(this.#db, projectIds)
  }

  /** A page of the resources harvesters see (OAI-PMH): every one ever public, deleted ones as tombstones, oldest change first. */
  harvest(filters: HarvestFilters, page: { limit: number; after?: HarvestPosition | undefined }) {
    return harvestResources(this.#db, filters, page)
  }

  /** How many resources a harvest with these filters lists. */
  countHarvest(filters: HarvestFilters): Promise<number> {
    return countHarvestable(this.#db, filters)
  }

  /** One resource as harvesters see it (a tombstone if deleted), or undefined if it was never public. */
  harvested(id: string) {
    return harvestedResource(this.#db, id)
  }

  /** The earliest datestamp of a harvest and the countries resources are about (OAI-PMH Identify, ListSets). */
  harvestOverview() {
    return harvestOverview(this.#db)
  }

  /** The public resource in one language (ResourceSchema); `now` decides whether a webinar is upcoming. */
  present(row: ResourceRow, lang: Lang, now = Date.now()) {
    return presentResource(row, lang, now)
  }
}

/** The resources service, as `app.resources`: their routes and feeds (resource-routes.ts) and the change feed call it. */
export const resourcesPlugin = fp(
  async function resources(app: FastifyInstance) {
    app.decorate('resources', new ResourcesService(app.db))
  },
  { name: 'wegov-resources', dependencies: ['wegov-database'] },
)

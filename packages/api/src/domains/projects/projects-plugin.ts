import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { DB, Lang } from '../../db/schema.js'
import { type ParticipantRow, type ProjectFilters, type ProjectRow, findProject, findPublicProjects, listProjects, presentProject } from './project-repository.js'

declare module 'fastify' {
  interface FastifyInstance {
    projects: ProjectsService
  }
}

/** A project row with its participants, as the service's reads return it and `present` takes it. */
export interface ProjectWithParticipants {
  row: ProjectRow
  participants: ParticipantRow[]
}

/**
 * The projects domain's reads: list and search pages, one project (drafts only when asked), the projects the
 * change feed carries, and their public representation. Projects are written through the publishing API
 * (domains/content-writes), on their own transaction.
 */
export class ProjectsService {
  readonly #db: Kysely<DB>

  constructor(db: Kysely<DB>) {
    this.#db = db
  }

  /** Live projects, newest first, or search matches; a keyset page (project-repository.ts). */
  list(filters: ProjectFilters, page: { limit: number; cursor?: string | undefined }) {
    return listProjects(this.#db, filters, page)
  }

  /** A project by id or slug, deleted ones included (410); drafts only when asked (their editors' reads). */
  find(idOrSlug: string, options: { drafts?: boolean } = {}): Promise<ProjectWithParticipants | undefined> {
    return findProject(this.#db, idOrSlug, options)
  }

  /** The projects among these ids that are public now (published, not deleted): the change feed's items. */
  findPublic(ids: string[]): Promise<ProjectWithParticipants[]> {
    return findPublicProjects(this.#db, ids)
  }

  /** The public project in one language (ProjectSchema). */
  present(project: ProjectWithParticipants, lang: Lang) {
    return presentProject(project, lang)
  }
}

/** The projects service, as `app.projects`: their routes (project-routes.ts) and the change feed call it. */
export const projectsPlugin = fp(
  async function projects(app: FastifyInstance) {
    app.decorate('projects', new ProjectsService(app.db))
  },
  { name: 'wegov-projects', dependencies: ['wegov-database'] },
)

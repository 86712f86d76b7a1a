import { type Kysely, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { ProjectInput } from '../../content/content-inputs.js'
import { insertProject, replaceProject } from '../../content/content-store.js'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'
import { preparedAs } from '../../db/prepared-statements.js'
import { isUuid } from '../../http/schemas.js'
import type { ParticipationRole, ProjectStatus, Theme } from '../vocabulary/terms.js'
import { type ContentKind, type ProjectSource, type WriteDocument, editableFields, editableItem, liveOrganisationsOf, sourceHeader } from './content-kind.js'
import { FieldChecks } from './write-checks.js'
import { organisationSlugOf } from '../organisations/organisation-refs.js'

interface ProjectWriteDocument {
  slug?: string
  originalLang?: Lang
  title?: TranslatedText
  summary?: TranslatedText
  description?: TranslatedText
  status?: ProjectStatus
  plannedStart?: string | null
  plannedEnd?: string | null
  actualStart?: string | null
  actualEnd?: string | null
  countries?: string[]
  themes?: Theme[]
  participants?: { organisation: string; role: ParticipationRole }[]
  budget?: { amount: number; currency: string } | null
  website?: string | null
  contact?: { name: string; url?: string | null } | null
}

export const projectKind: ContentKind<ProjectSource> = {
  type: 'project',
  translatedFields: ['title', 'summary', 'description'],

  async load(db, id, options = {}) {
    if (!isUuid(id)) return undefined
    // One round trip: the row, its owner's slug and its participants (with their slugs, in slug order,
    // then by role as JavaScript compares strings) come together. The lock takes the project's row only.
    let query = db
      .selectFrom('projects')
      .selectAll('projects')
      .select((eb) => [
        organisationSlugOf('projects.owner_organisation_id').as('owner_slug'),
        jsonArrayFrom(
          eb
            .selectFrom('project_organisations')
            .select(['role', organisationSlugOf('project_organisations.organisation_id').as('slug')])
            .whereRef('project_organisations.project_id', '=', 'projects.id')
            .orderBy('slug')
            .orderBy(sql`role COLLATE "C"`),
        ).as('links'),
      ])
      .where('projects.id', '=', id)
    if (options.lock) query = query.forUpdate()
    // Prepared: planning it cost twice what running it does.
    const found = await query.modifyEnd(preparedAs(options.lock ? 'project-load-locked' : 'project-load')).executeTakeFirst()
    if (!found || found.owner_slug === null) return undefined
    const { links, ...project } = found
    const row = { ...project, owner_slug: found.owner_slug }
    const participants = links.filter((link): link is { role: string; slug: string } => link.slug !== null)
    const source: ProjectSource = {
      ...sourceHeader(row),
      title: row.title,
      summary: row.summary,
      description: row.description,
      status: row.status as ProjectStatus,
      plannedStart: row.planned_start,
      plannedEnd: row.planned_end,
      actualStart: row.actual_start,
      actualEnd: row.actual_end,
      countries: row.countries,
      themes: row.themes as Theme[],
      participants: participants.map((p) => ({ organisation: p.slug, role: p.role as ParticipationRole })),
      budget: row.budget_amount !== null && row.budget_currency ? { amount: row.budget_amount, currency: row.budget_currency } : null,
      website: row.website,
      contact: row.contact_name ? { name: row.contact_name, url: row.contact_url } : null,
    }
    return editableItem(row, source)
  },

  writeOf: editableFields,

  async check(db: Kysely<DB>, document: WriteDocument) {
    const write = document as ProjectWriteDocument
    const checks = new FieldChecks()
    checks.required('originalLang', write.originalLang)
    checks.required('status', write.status)
    const title = checks.text('title', write.title)
    if (write.originalLang) checks.original('title', title, write.originalLang)
    const participants = uniqueParticipants(write.participants ?? [])
    await checks.organisations(db, participants.map((p, index) => ({ field: `participants.${index}.organisation`, slug: p.organisation })))
    checks.order('plannedStart', write.plannedStart, 'plannedEnd', write.plannedEnd)
    checks.order('actualStart', write.actualStart, 'actualEnd', write.actualEnd)
    const contact = write.contact ? { name: checks.text('contact.name', { fr: write.contact.name }).fr ?? '', url: checks.url('contact.url', write.contact.url) } : null
    if (write.contact && !contact?.name) checks.fail('contact.name', 'WEGOV_VALIDATION', 'required')
    const clean = {
      originalLang: write.originalLang!,
      title,
      summary: checks.text('summary', write.summary, true),
      description: checks.html(write.description),
      status: write.status!,
      plannedStart: write.plannedStart ?? null,
      plannedEnd: write.plannedEnd ?? null,
      actualStart: write.actualStart ?? null,
      actualEnd: write.actualEnd ?? null,
      countries: checks.countries('countries', write.countries),
      themes: write.themes ?? [],
      participants,
      budget: write.budget ?? null,
      website: checks.url('website', write.website),
      contact,
    }
    checks.settle()
    const input = (item: { id: string; slug: string; ownerSlug: string; state: ProjectInput['state'] }): ProjectInput => ({
      id: item.id,
      slug: item.slug,
      ownerSlug: item.ownerSlug,
      state: item.state,
      ...clean,
      participants: clean.participants.map((p) => ({ organisationSlug: p.organisation, role: p.role })),
    })
    return {
      clean,
      store: {
        insert: async (trx, item) => void (await insertProject(trx, input(item), liveOrganisationsOf(checks.liveOrganisations, item))),
        replace: (trx, item) =>
          replaceProject(trx, item.id, input(item), liveOrganisationsOf(checks.liveOrganisations, item), {
            keepParticipants: item.changed !== undefined && !item.changed.includes('participants'),
          }),
      },
    }
  },
}

/** The same organisation in the same role once, in a stable order (the source lists them so). */
function uniqueParticipants(participants: { organisation: string; role: ParticipationRole }[]) {
  const seen = new Map(participants.map((p) => [`${p.organisation} ${p.role}`, p]))
  return [...seen.values()].sort((a, b) => a.organisation.localeCompare(b.organisation) || a.role.localeCompare(b.role))
}

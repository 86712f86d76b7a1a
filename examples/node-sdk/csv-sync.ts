import type { ProjectPatch, ProjectSource, ProjectWrite, WeGovClient } from '@wegov/sdk'

/**
 * Syncs a partner's own list of projects (a CSV export of their database) to WeGov, idempotently: each row's
 * stable reference becomes the project's slug (`ref-mrk-001`), so a second run finds what the first made,
 * patches only what changed (an unchanged project gets no new version), and a retried creation never
 * makes a second project (Idempotency-Key).
 */

export interface CsvProject {
  reference: string
  write: ProjectWrite
}

export interface SyncReport {
  created: string[]
  updated: string[]
  unchanged: string[]
}

/** A small RFC 4180 reader: commas, double quotes (with "" inside), one record per line. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = []
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue
    const cells: string[] = []
    let cell = ''
    let quoted = false
    for (let i = 0; i < line.length; i++) {
      const char = line[i]!
      if (quoted && char === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') {
        quoted = !quoted
      } else if (char === ',' && !quoted) {
        cells.push(cell)
        cell = ''
      } else {
        cell += char
      }
    }
    cells.push(cell)
    rows.push(cells)
  }
  const [header = [], ...records] = rows
  return records.map((cells) => Object.fromEntries(header.map((name, i) => [name, (cells[i] ?? '').trim()])))
}

/** The stable slug of a row: its reference, which the partner's database never changes. */
export const slugOf = (reference: string) => `ref-${reference.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`

export function projectsFromCsv(text: string): CsvProject[] {
  return parseCsv(text).map((row) => ({
    reference: row.reference!,
    write: {
      slug: slugOf(row.reference!),
      state: 'published',
      originalLang: 'ar',
      title: { ar: row.title_ar!, ...(row.title_fr ? { fr: row.title_fr } : {}) },
      status: row.status as ProjectWrite['status'],
      countries: row.country ? [row.country] : [],
      plannedStart: row.planned_start || null,
      plannedEnd: row.planned_end || null,
    },
  }))
}

/** The fields of the CSV that differ from what WeGov has: an empty patch means nothing to do. */
function patchFor(current: ProjectSource, wanted: ProjectWrite): ProjectPatch {
  const patch: ProjectPatch = {}
  const title: NonNullable<ProjectPatch['title']> = {}
  for (const lang of ['ar', 'fr'] as const) if (wanted.title[lang] && wanted.title[lang] !== current.title[lang]) title[lang] = wanted.title[lang]
  if (Object.keys(title).length > 0) patch.title = title
  if (wanted.status !== current.status) patch.status = wanted.status
  if (JSON.stringify(wanted.countries ?? []) !== JSON.stringify(current.countries)) patch.countries = wanted.countries ?? []
  if ((wanted.plannedStart ?? null) !== current.plannedStart) patch.plannedStart = wanted.plannedStart ?? null
  if ((wanted.plannedEnd ?? null) !== current.plannedEnd) patch.plannedEnd = wanted.plannedEnd ?? null
  if (current.state !== 'published') patch.state = 'published'
  return patch
}

export async function syncProjects(wegov: WeGovClient, csv: string): Promise<SyncReport> {
  const who = await wegov.whoami()
  if (who.kind !== 'key' || !who.organisationId) throw new Error('WEGOV_API_KEY must be an organisation’s API key')
  const organisationId = who.organisationId
  const report: SyncReport = { created: [], updated: [], unchanged: [] }
  for (const { reference, write } of projectsFromCsv(csv)) {
    const existing = await findBySlug(wegov, write.slug!)
    if (!existing) {
      // The key names the row and its content: a retry after a lost response returns the first project.
      await wegov.projects.create(organisationId, write, { idempotencyKey: `csv-sync:${reference}:${hash(JSON.stringify(write))}` })
      report.created.push(reference)
      continue
    }
    const { item, etag } = await wegov.projects.source(existing)
    const patch = patchFor(item, write)
    if (Object.keys(patch).length === 0) {
      report.unchanged.push(reference)
      continue
    }
    await wegov.projects.update(existing, patch, { ifMatch: etag })
    report.updated.push(reference)
  }
  return report
}

/** The id of the project with this slug, published or draft, if any. */
async function findBySlug(wegov: WeGovClient, slug: string): Promise<string | undefined> {
  try {
    return (await wegov.projects.get(slug, { fresh: true })).id
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined
    throw error
  }
}

/** A short, stable digest (FNV-1a) for the idempotency key: not a security measure. */
function hash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h.toString(36)
}

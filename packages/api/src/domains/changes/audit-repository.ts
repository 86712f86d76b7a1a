import { type Kysely, sql } from 'kysely'
import { cursorValue } from '../../content/keyset.js'
import type { DB, Lang } from '../../db/schema.js'
import { decodeCursor, encodeCursor } from '../../http/cursor.js'
import { localize, type LocalizedText } from '../../i18n/languages.js'
import { apiKeysByIds, peopleByIds } from '../accounts/people-directory.js'
import type { OrganisationRow } from '../organisations/organisation-repository.js'
import type { OrganisationsService } from '../organisations/organisations-plugin.js'
import { EVENT_COLUMNS } from './change-reader.js'

export interface AuditFilters {
  organisationId?: string | undefined
  action?: string | undefined
  /** A person's id: what they did. */
  actor?: string | undefined
  /** From this instant (included) … */
  since?: Date | undefined
  /** … to this one (excluded). */
  until?: Date | undefined
}

export type AuditActor = { kind: 'person'; id: string; name: string; email: string | null } | { kind: 'key'; id: string; name: string; prefix: string } | null

export interface AuditEvent {
  id: string
  at: string
  action: string
  subjectType: string
  subjectId: string
  organisation: { id: string; name: LocalizedText | null } | null
  actor: AuditActor
  requestId: string | null
  before: unknown
  after: unknown
}

/**
 * Change-log events, newest first, read for the audit. The log's id only grows, so it is the whole sort
 * key and the cursor: a page never skips or repeats an event written while someone reads. Each filter has
 * an index that ends in id (migration 0006), so PostgreSQL walks it backwards and stops at the page's end.
 */
export async function listAuditEvents(
  db: Kysely<DB>,
  organisations: Pick<OrganisationsService, 'byIds'>,
  filters: AuditFilters,
  page: { limit: number; cursor?: string | undefined; lang: Lang },
) {
  let query = db.selectFrom('change_log as c').select(EVENT_COLUMNS)
  if (filters.organisationId) query = query.where('c.organisation_id', '=', filters.organisationId)
  if (filters.action) query = query.where('c.action', '=', filters.action)
  if (filters.actor) query = query.where('c.actor_person_id', '=', filters.actor)
  if (filters.since) query = query.where('c.at', '>=', filters.since)
  if (filters.until) query = query.where('c.at', '<', filters.until)
  if (page.cursor) {
    const [lastId] = decodeCursor(page.cursor, ['number'] as const)
    query = query.where(sql<boolean>`c.id < ${cursorValue.integer(lastId)}`)
  }
  const rows = await query.orderBy('c.id', 'desc').limit(page.limit + 1).execute()
  const items = rows.slice(0, page.limit)
  const last = items.at(-1)
  // Whom and what the events name, from the domains that own them: one query each for the whole page.
  const present = (id: string | null): id is string => id !== null
  const [named, people, keys] = await Promise.all([
    organisations.byIds(items.map((row) => row.organisation_id).filter(present)),
    peopleByIds(db, items.map((row) => row.actor_person_id).filter(present)),
    apiKeysByIds(db, items.map((row) => row.actor_key_id).filter(present)),
  ])
  return {
    items: items.map((row): AuditEvent => ({
      id: String(row.id),
      at: row.at.toISOString(),
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      organisation: row.organisation_id ? { id: row.organisation_id, name: organisationName(named.get(row.organisation_id), page.lang) } : null,
      actor: row.actor_person_id
        ? { kind: 'person', id: row.actor_person_id, name: people.get(row.actor_person_id)?.name ?? '', email: people.get(row.actor_person_id)?.email ?? null }
        : row.actor_key_id
          ? { kind: 'key', id: row.actor_key_id, name: keys.get(row.actor_key_id)?.name ?? '', prefix: keys.get(row.actor_key_id)?.prefix ?? '' }
          : null,
      requestId: row.request_id,
      before: row.before,
      after: row.after,
    })),
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.id]) : null,
  }
}

function organisationName(organisation: Pick<OrganisationRow, 'name' | 'original_lang'> | undefined, lang: Lang): LocalizedText | null {
  return organisation ? localize(organisation.name, lang, organisation.original_lang) : null
}

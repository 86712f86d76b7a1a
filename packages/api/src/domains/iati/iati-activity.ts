import type { OrganisationRow } from '../organisations/organisation-repository.js'
import type { ProjectWithParticipants } from '../projects/projects-plugin.js'
import type { AttachedResource } from '../resources/resource-attachments.js'
import type { OrganisationKind, ParticipationRole, ProjectStatus, Theme } from '../vocabulary/terms.js'
import {
  ACTIVITY_DATE, ACTIVITY_STATUS, ACTIVITY_WEB_PAGE, ATTACHED_DOCUMENT, BUDGET, DAC_SECTOR, DAC_VOCABULARY, DESCRIPTION_TYPE, ORGANISATION_ROLE, ORGANISATION_TYPE,
  evenPercentages,
} from './iati-codes.js'
import { element, hasText, isoDate, isoDateTime, narratives, textElement } from './iati-xml.js'

/** Why a project is not in the file: the export never invents what the Standard requires. */
export type Omission = 'no-iati-identifier' | 'no-description' | 'no-start-date' | 'no-recipient-country' | 'no-sector'

export type ActivityResult = { xml: string } | { omitted: Omission }

/**
 * One project as an IATI 2.03 `<iati-activity>`, children in the order the schema enforces. Its
 * identifier is the reporting (owning) organisation's identifier, a hyphen and the project's id, which
 * never changes (a slug may). `organisations` holds at least the owner and every participant; `documents`
 * are the public resources attached to the project, each a `<document-link>` when it has an address.
 */
export function activityXml(
  { row, participants }: ProjectWithParticipants,
  organisations: ReadonlyMap<string, OrganisationRow>,
  documents: readonly AttachedResource[] = [],
): ActivityResult {
  const owner = organisations.get(row.owner_id)
  if (!owner?.iati_identifier) return { omitted: 'no-iati-identifier' }
  if (!hasText(row.summary) && !hasText(row.description)) return { omitted: 'no-description' }
  const start = isoDate(row.actual_start) ?? isoDate(row.planned_start)
  if (!start) return { omitted: 'no-start-date' }
  if (row.countries.length === 0) return { omitted: 'no-recipient-country' }
  const sectors = [...new Set(row.themes.map((theme) => DAC_SECTOR[theme as Theme]).filter(Boolean))]
  if (sectors.length === 0) return { omitted: 'no-sector' }

  const dates: [string, string | null][] = [
    [ACTIVITY_DATE.plannedStart, isoDate(row.planned_start)],
    [ACTIVITY_DATE.actualStart, isoDate(row.actual_start)],
    [ACTIVITY_DATE.plannedEnd, isoDate(row.planned_end)],
    [ACTIVITY_DATE.actualEnd, isoDate(row.actual_end)],
  ]
  const end = isoDate(row.actual_end) ?? isoDate(row.planned_end)
  const countryShares = evenPercentages(row.countries.length)
  const sectorShares = evenPercentages(sectors.length)
  const currency = row.budget_currency ?? undefined

  const xml = element(
    'iati-activity',
    { 'last-updated-datetime': isoDateTime(row.updated_at), 'xml:lang': row.original_lang, 'default-currency': currency, hierarchy: '1' },
    textElement('iati-identifier', {}, `${owner.iati_identifier}-${row.id}`),
    organisationElement('reporting-org', owner, {}),
    element('title', {}, narratives(row.title)),
    hasText(row.summary) ? element('description', { type: DESCRIPTION_TYPE.summary }, narratives(row.summary)) : '',
    hasText(row.description) ? element('description', { type: DESCRIPTION_TYPE.description }, narratives(row.description)) : '',
    ...participants.map((participant) => {
      const organisation = organisations.get(participant.id)
      return organisation ? organisationElement('participating-org', organisation, { role: ORGANISATION_ROLE[participant.role as ParticipationRole] }) : ''
    }),
    // Without participants the schema still wants one: the owner, accountable for what it reports.
    participants.length === 0 ? organisationElement('participating-org', owner, { role: ORGANISATION_ROLE.accountable }) : '',
    element('activity-status', { code: ACTIVITY_STATUS[row.status as ProjectStatus] }),
    ...dates.filter(([, date]) => date !== null).map(([type, date]) => element('activity-date', { type, 'iso-date': date })),
    row.contact_name
      ? element(
          'contact-info',
          { type: '1' },
          element('organisation', {}, textElement('narrative', { 'xml:lang': row.original_lang }, row.contact_name)),
          row.contact_url ? textElement('website', {}, row.contact_url) : '',
        )
      : '',
    ...row.countries.map((code, index) => element('recipient-country', { code, percentage: countryShares[index] })),
    ...sectors.map((code, index) => element('sector', { vocabulary: DAC_VOCABULARY, code, percentage: sectorShares[index] })),
    row.budget_amount !== null && currency && end && end > start
      ? element(
          'budget',
          { type: BUDGET.type, status: BUDGET.status },
          element('period-start', { 'iso-date': start }),
          element('period-end', { 'iso-date': end }),
          textElement('value', { currency, 'value-date': start }, String(row.budget_amount)),
        )
      : '',
    row.website
      ? element(
          'document-link',
          { url: row.website, format: 'text/html' },
          element('title', {}, narratives(row.title)),
          element('category', { code: ACTIVITY_WEB_PAGE }),
        )
      : '',
    ...documents.map(documentLink),
  )
  return { xml }
}

/** An attached resource as a `<document-link>`: its file or page, title, languages and date; nothing without an address. */
function documentLink(document: AttachedResource): string {
  if (!document.url || !hasText(document.title)) return ''
  return element(
    'document-link',
    { url: document.url, format: document.format },
    element('title', {}, narratives(document.title)),
    element('category', { code: ATTACHED_DOCUMENT }),
    ...document.languages.map((code) => element('language', { code })),
    document.publishedOn ? element('document-date', { 'iso-date': isoDate(document.publishedOn) }) : '',
  )
}

/** reporting-org or participating-org: the identifier when the organisation has one, its type, its names. */
function organisationElement(name: string, organisation: OrganisationRow, attrs: { role?: string }): string {
  return element(
    name,
    { ref: organisation.iati_identifier, type: ORGANISATION_TYPE[organisation.kind as OrganisationKind], ...attrs },
    narratives(organisation.name),
  )
}

/** One publishing organisation as an IATI 2.03 `<iati-organisation>` (it reports on itself). */
export function organisationXml(organisation: OrganisationRow): string {
  const identifier = organisation.iati_identifier!
  return element(
    'iati-organisation',
    { 'last-updated-datetime': isoDateTime(organisation.updated_at), 'xml:lang': organisation.original_lang },
    textElement('organisation-identifier', {}, identifier),
    element('name', {}, narratives(organisation.name)),
    organisationElement('reporting-org', organisation, {}),
  )
}

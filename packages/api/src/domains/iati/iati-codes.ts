import type { OrganisationKind, ParticipationRole, ProjectStatus, Theme } from '../vocabulary/terms.js'

/**
 * WeGov's vocabularies in the IATI 2.03 codelists, each in one table: the export and its tests read them
 * from here, so a new theme or kind without a code fails typechecking instead of writing a bad file.
 */

/** ActivityStatus codelist. */
export const ACTIVITY_STATUS: Record<ProjectStatus, string> = {
  pipeline: '1',
  implementation: '2',
  finalisation: '3',
  closed: '4',
  cancelled: '5',
  suspended: '6',
}

/** OrganisationRole codelist. */
export const ORGANISATION_ROLE: Record<ParticipationRole, string> = { funding: '1', accountable: '2', extending: '3', implementing: '4' }

/**
 * OrganisationType codelist. A network of associations is an NGO too; a citizen group is informal
 * ("Other"); WeGov's funders are the European and multilateral funds that finance civil society.
 */
export const ORGANISATION_TYPE: Record<OrganisationKind, string> = {
  ngo: '22',
  network: '22',
  'public-authority': '10',
  'citizen-group': '90',
  funder: '40',
}

/**
 * Themes as OECD DAC 5-digit purpose codes (Sector vocabulary 1). Several themes share a code (they are
 * all "Democratic participation and civil society" to the DAC); the export then counts the code once.
 */
export const DAC_SECTOR: Record<Theme, string> = {
  'local-democracy': '15150',
  'citizen-participation': '15150',
  'social-accountability': '15150',
  youth: '15150',
  transparency: '15110',
  'public-services': '15110',
  decentralisation: '15112',
  'anti-corruption': '15113',
  'media-freedom': '15153',
  'human-rights': '15160',
  gender: '15170',
  environment: '41010',
}

/** ActivityDateType codelist. */
export const ACTIVITY_DATE = { plannedStart: '1', actualStart: '2', plannedEnd: '3', actualEnd: '4' } as const

/** DocumentCategory A12 "Activity web page": a project's own site. */
export const ACTIVITY_WEB_PAGE = 'A12'

/**
 * DocumentCategory A08 "Results, outcomes and outputs": what an organisation attaches to its project (a
 * report, a guide, a toolkit, a webinar's recording) is what the project produced. WeGov's resource kinds
 * say nothing finer that the codelist's other categories (appraisals, budgets, contracts, tenders) need.
 */
export const ATTACHED_DOCUMENT = 'A08'

/** DescriptionType codelist: 1 General (the summary), 4 Other (the long description). */
export const DESCRIPTION_TYPE = { summary: '1', description: '4' } as const

/** SectorVocabulary 1: OECD DAC CRS purpose codes, 5 digits. */
export const DAC_VOCABULARY = '1'

/** BudgetType 1 "Original", BudgetStatus 1 "Indicative": WeGov holds one planned total per project. */
export const BUDGET = { type: '1', status: '1' } as const

/**
 * Shares of 100 for n items, in hundredths, that add up to exactly 100 (33.34 + 33.33 + 33.33): the
 * percentages of recipient countries and sectors must sum to 100 (IATI rulesets).
 */
export function evenPercentages(count: number): string[] {
  const base = Math.floor(10000 / count)
  const extra = 10000 - base * count
  return Array.from({ length: count }, (_, index) => formatHundredths(base + (index < extra ? 1 : 0)))
}

function formatHundredths(hundredths: number): string {
  const whole = Math.floor(hundredths / 100)
  const cents = hundredths % 100
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`
}

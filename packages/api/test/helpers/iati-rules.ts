import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { DOMParser } from '@xmldom/xmldom'
import { isCountryCode } from '../../src/domains/vocabulary/country-codes.js'

/**
 * Checks an IATI 2.03 file independently of the code that wrote it: the official schema through xmllint,
 * and the Standard's rules the schema leaves out, against excerpts of the IATI codelists copied here.
 */

/**
 * The IATI schemas, in the `shared` checkout beside the repository (CI clones it there); WEGOV_SHARED_DIR
 * names it when the repository is checked out elsewhere (a git worktree).
 */
export const IATI_SCHEMAS = join(
  process.env.WEGOV_SHARED_DIR ?? resolve(fileURLToPath(new URL('../../../../', import.meta.url)), '../shared'),
  'standards/iati',
)

/** Validates against an official schema; returns xmllint's complaints (none when valid). */
export async function xmllintProblems(xml: string, schema: 'iati-activities-schema.xsd' | 'iati-organisations-schema.xsd'): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'wegov-iati-'))
  const file = join(dir, 'export.xml')
  try {
    await writeFile(file, xml)
    await promisify(execFile)('xmllint', ['--noout', '--nonet', '--schema', join(IATI_SCHEMAS, schema), file], { maxBuffer: 16 * 1024 * 1024 })
    return []
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error)
    return stderr.split('\n').filter((line) => line.trim() !== '' && !line.endsWith('validates'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

// Codelist excerpts (IATI 2.03 codelists: ActivityStatus, ActivityDateType, OrganisationRole, OrganisationType,
// Sector vocabulary 1 groups 151 and 410, DocumentCategory A, DescriptionType).
const ACTIVITY_STATUS = new Set(['1', '2', '3', '4', '5', '6'])
const ACTIVITY_DATE_TYPE = new Set(['1', '2', '3', '4'])
const ORGANISATION_ROLE = new Set(['1', '2', '3', '4'])
const ORGANISATION_TYPE = new Set(['10', '11', '15', '21', '22', '23', '24', '30', '40', '60', '70', '71', '72', '73', '80', '90'])
const DAC_SECTORS = new Set([
  '15110', '15111', '15112', '15113', '15114', '15116', '15117', '15118', '15119', '15121', '15122', '15123', '15124', '15125', '15126',
  '15127', '15128', '15129', '15130', '15131', '15132', '15133', '15134', '15135', '15136', '15137', '15142', '15143', '15144', '15150',
  '15151', '15152', '15153', '15154', '15155', '15156', '15160', '15170', '15180', '15185', '15190', '15196',
  '41010', '41020', '41030', '41040', '41081', '41082',
])
const DOCUMENT_CATEGORY = new Set(Array.from({ length: 12 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`))
const DESCRIPTION_TYPE = new Set(['1', '2', '3', '4'])
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'))
const LANGUAGES = new Set(['ar', 'fr', 'en'])

type El = Element

function children(parent: El, name: string): El[] {
  return Array.from(parent.childNodes).filter((node): node is El => node.nodeType === 1 && (node as El).tagName === name)
}

function all(parent: El | Document, name: string): El[] {
  return Array.from(parent.getElementsByTagName(name))
}

function sum(values: string[]): number {
  return Math.round(values.reduce((total, value) => total + Number(value) * 100, 0)) / 100
}

/** The Standard's rules for activities that the schema does not check. One line per problem. */
export function activityRuleProblems(xml: string): string[] {
  const problems: string[] = []
  const document = new DOMParser({ errorHandler: { error: (m: string) => problems.push(m), fatalError: (m: string) => problems.push(m) } }).parseFromString(xml, 'application/xml')
  for (const activity of all(document, 'iati-activity')) {
    const id = children(activity, 'iati-identifier')[0]?.textContent?.trim() ?? '(no identifier)'
    const say = (message: string) => problems.push(`${id}: ${message}`)
    const ref = children(activity, 'reporting-org')[0]?.getAttribute('ref') ?? ''
    if (!ref || !id.startsWith(`${ref}-`)) say(`identifier does not start with the reporting-org ref "${ref}" (1.1.21)`)
    const dates = children(activity, 'activity-date')
    if (!dates.some((date) => ['1', '2'].includes(date.getAttribute('type') ?? ''))) say('no start date (planned or actual)')
    for (const date of dates) if (!ACTIVITY_DATE_TYPE.has(date.getAttribute('type') ?? '')) say(`activity-date type ${date.getAttribute('type')} not in ActivityDateType`)
    const status = children(activity, 'activity-status')[0]?.getAttribute('code')
    if (status !== undefined && !ACTIVITY_STATUS.has(status ?? '')) say(`activity-status ${status} not in ActivityStatus`)
    const sectors = children(activity, 'sector')
    if (sectors.length === 0) say('no sector')
    for (const sector of sectors) {
      if (sector.getAttribute('vocabulary') !== '1' || !DAC_SECTORS.has(sector.getAttribute('code') ?? '')) say(`sector ${sector.getAttribute('code')} not a DAC code we use`)
    }
    if (sectors.length > 0 && sum(sectors.map((s) => s.getAttribute('percentage') ?? '0')) !== 100) say('sector percentages do not sum to 100')
    const places = [...children(activity, 'recipient-country'), ...children(activity, 'recipient-region')]
    if (places.length === 0) say('no recipient country or region')
    if (places.length > 0 && sum(places.map((p) => p.getAttribute('percentage') ?? '0')) !== 100) say('recipient percentages do not sum to 100')
    for (const country of children(activity, 'recipient-country')) if (!isCountryCode(country.getAttribute('code') ?? '')) say(`country ${country.getAttribute('code')} not in Country`)
    for (const org of [...children(activity, 'reporting-org'), ...children(activity, 'participating-org')]) {
      const type = org.getAttribute('type')
      if (type !== null && !ORGANISATION_TYPE.has(type)) say(`organisation type ${type} not in OrganisationType`)
      const role = org.getAttribute('role')
      if (org.tagName === 'participating-org' && !ORGANISATION_ROLE.has(role ?? '')) say(`participating-org role ${role} not in OrganisationRole`)
    }
    for (const description of children(activity, 'description')) if (!DESCRIPTION_TYPE.has(description.getAttribute('type') ?? '1')) say('description type not in DescriptionType')
    for (const category of all(activity, 'category')) if (!DOCUMENT_CATEGORY.has(category.getAttribute('code') ?? '')) say(`document category ${category.getAttribute('code')} not in DocumentCategory`)
    const currencies = [activity.getAttribute('default-currency'), ...all(activity, 'value').map((v) => v.getAttribute('currency'))].filter((c): c is string => !!c)
    for (const currency of currencies) if (!CURRENCIES.has(currency)) say(`currency ${currency} not in Currency`)
    for (const narrative of all(activity, 'narrative')) {
      const lang = narrative.getAttribute('xml:lang')
      if (!lang) say(`a narrative in ${(narrative.parentNode as El).tagName} has no xml:lang`)
      else if (!LANGUAGES.has(lang)) say(`narrative language ${lang} not one WeGov writes`)
      if (!narrative.textContent?.trim()) say('an empty narrative')
    }
  }
  return problems
}

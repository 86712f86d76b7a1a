import { randomUUID } from 'node:crypto'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { OrganisationKind } from '../vocabulary/terms.js'
import type { OrganisationApplicationTable } from '../../db/account-tables.js'
import type { DB, Lang, TranslatedText } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { peopleByIds, personById } from '../accounts/people-directory.js'
import { recordChange } from '../changes/change-log.js'
import { addMembership } from './membership-service.js'
import { type OrganisationRow, type Requester, insertOrganisation } from './organisation-service.js'
import { type TranslationPatch, applyTranslations, checkCountry, cleanText, requireOriginalName, webAddress } from './profile-input.js'
import { isUniqueViolation } from './organisation-slug.js'

/**
 * An association asks to join WeGov with the profile it proposes; an admin approves (the organisation is
 * created from it, the applicant becomes its owner) or declines with a reason. Either way the applicant is
 * told by mail, in their language: the mail consumer derives it from the decision's change-log event.
 */

type ApplicationRow = Selectable<OrganisationApplicationTable>
export type ApplicationStatus = 'pending' | 'approved' | 'declined'

export interface ApplicationInput {
  name: TranslationPatch
  description?: TranslationPatch | undefined
  originalLang: Lang
  kind: OrganisationKind
  country: string
  website?: string | null | undefined
  motivation: string
}

const APPLICATION_COLUMNS = [
  'organisation_applications.id',
  'organisation_applications.applicant_id',
  'organisation_applications.name',
  'organisation_applications.description',
  'organisation_applications.original_lang',
  'organisation_applications.kind',
  'organisation_applications.country',
  'organisation_applications.website',
  'organisation_applications.motivation',
  'organisation_applications.status',
  'organisation_applications.reason',
  'organisation_applications.organisation_id',
  'organisation_applications.created_at',
  'organisation_applications.decided_at',
] as const

export async function submitApplication(db: Kysely<DB>, who: Requester, applicantId: string, input: ApplicationInput, lang: Lang) {
  const name = applyTranslations('name', {}, input.name)
  requireOriginalName(name, input.originalLang)
  const description = applyTranslations('description', {}, input.description, true)
  const country = checkCountry(input.country)
  const website = webAddress('website', input.website)
  const motivation = cleanText('motivation', input.motivation, true)
  if (!motivation) throw new WeGovError('WEGOV_VALIDATION', { errors: [{ field: 'motivation', message: 'required' }] })
  const id = randomUUID()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('organisation_applications')
      .values({ id, applicant_id: applicantId, lang, name: JSON.stringify(name), description: JSON.stringify(description), original_lang: input.originalLang, kind: input.kind, country, website, motivation })
      .execute()
    const row = await findApplication(trx, id)
    await recordChange(trx, who, { action: 'application.submitted', subjectType: 'application', subjectId: id, after: applicationSnapshot(row) })
  })
  return findApplication(db, id)
}

/** Every application (admins) or one person's own, newest first. */
export async function listApplications(db: Kysely<DB>, filter: { applicantId?: string | undefined; status?: ApplicationStatus | undefined }) {
  let query = db.selectFrom('organisation_applications').select(APPLICATION_COLUMNS)
  if (filter.applicantId) query = query.where('organisation_applications.applicant_id', '=', filter.applicantId)
  if (filter.status) query = query.where('organisation_applications.status', '=', filter.status)
  return withApplicants(db, await query.orderBy('organisation_applications.created_at', 'desc').orderBy('organisation_applications.id').limit(200).execute())
}

/**
 * Approves: creates the organisation from the application (public at once) and makes the applicant its
 * owner (the mail follows from the event). A slug chosen at the same moment by another creation is retried with the next one.
 */
export async function approveApplication(db: Kysely<DB>, who: Requester, applicationId: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const application = await pendingApplication(trx, applicationId)
        const organisation: OrganisationRow = await insertOrganisation(trx, who, {
          name: application.name,
          description: application.description,
          originalLang: application.original_lang,
          kind: application.kind as OrganisationKind,
          country: application.country,
          website: application.website,
        })
        await addMembership(trx, who, { organisationId: organisation.id, personId: application.applicant_id, role: 'owner' })
        return recordDecision(trx, who, application, { status: 'approved', reason: null, organisationId: organisation.id })
      })
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue
      throw error
    }
  }
}

export async function declineApplication(db: Kysely<DB>, who: Requester, applicationId: string, reason: string) {
  const text = cleanText('reason', reason, true)
  if (!text) throw new WeGovError('WEGOV_VALIDATION', { errors: [{ field: 'reason', message: 'required' }] })
  return db.transaction().execute(async (trx) => {
    const application = await pendingApplication(trx, applicationId)
    return recordDecision(trx, who, application, { status: 'declined', reason: text, organisationId: null })
  })
}

/** The application, locked; 404 when unknown, 409 WEGOV_APPLICATION_DECIDED when already decided. */
async function pendingApplication(db: Kysely<DB>, id: string) {
  const row = await db.selectFrom('organisation_applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!row) throw new WeGovError('WEGOV_NOT_FOUND')
  if (row.status !== 'pending') throw new WeGovError('WEGOV_APPLICATION_DECIDED')
  return row
}

async function recordDecision(
  db: Kysely<DB>,
  who: Requester,
  application: ApplicationRow,
  decision: { status: 'approved' | 'declined'; reason: string | null; organisationId: string | null },
) {
  const before = applicationSnapshot(await findApplication(db, application.id))
  await db
    .updateTable('organisation_applications')
    .set({
      status: decision.status,
      reason: decision.reason,
      organisation_id: decision.organisationId,
      decided_by: who.actor.kind === 'person' ? who.actor.personId : null,
      decided_at: sql`now()`,
    })
    .where('id', '=', application.id)
    .execute()
  const decided = await findApplication(db, application.id)
  await recordChange(db, who, {
    action: `application.${decision.status}`,
    subjectType: 'application',
    subjectId: application.id,
    organisationId: decision.organisationId,
    before,
    after: applicationSnapshot(decided),
  })
  return decided
}

/**
 * Whom to tell of a decision, and in which language: the applicant's now (they may have changed it since
 * they applied). Null while the application is pending, or once it is gone. The mail consumer reads it
 * here, so that the change log's event holds no address (mail/mail-from-changes.ts).
 */
export async function applicantToTell(db: Kysely<DB>, applicationId: string): Promise<{ email: string; lang: Lang } | null> {
  const row = await db.selectFrom('organisation_applications').select(['applicant_id', 'status']).where('id', '=', applicationId).executeTakeFirst()
  const applicant = row && row.status !== 'pending' ? await personById(db, row.applicant_id) : undefined
  return applicant ? { email: applicant.email, lang: applicant.lang } : null
}

async function findApplication(db: Kysely<DB>, id: string): Promise<ApplicationView> {
  const row = await db.selectFrom('organisation_applications').select(APPLICATION_COLUMNS).where('organisation_applications.id', '=', id).executeTakeFirstOrThrow()
  const [view] = await withApplicants(db, [row])
  if (!view) throw new Error(`application ${id}: no applicant ${row.applicant_id}`)
  return view
}

type ApplicationColumns = Pick<ApplicationRow, 'id' | 'applicant_id' | 'name' | 'description' | 'original_lang' | 'kind' | 'country' | 'website' | 'motivation' | 'status' | 'reason' | 'organisation_id' | 'created_at' | 'decided_at'>
type ApplicationView = ApplicationColumns & { applicant_name: string; applicant_email: string }

/** The applicants' names and addresses, from the accounts domain in one query (an applicant always exists: foreign key). */
async function withApplicants(db: Kysely<DB>, rows: ApplicationColumns[]): Promise<ApplicationView[]> {
  const people = await peopleByIds(db, rows.map((row) => row.applicant_id))
  return rows.flatMap((row) => {
    const applicant = people.get(row.applicant_id)
    return applicant ? [{ ...row, applicant_name: applicant.name, applicant_email: applicant.email }] : []
  })
}

/** The application as the change log keeps it: the applicant by id only. */
function applicationSnapshot(row: ApplicationView) {
  const { applicant: _applicant, ...rest } = presentApplication(row)
  return { applicantId: row.applicant_id, ...rest }
}

export function presentApplication(row: ApplicationView) {
  return {
    id: row.id,
    applicant: { id: row.applicant_id, name: row.applicant_name, email: row.applicant_email },
    name: row.name as TranslatedText,
    description: row.description as TranslatedText,
    originalLang: row.original_lang,
    kind: row.kind as OrganisationKind,
    country: row.country,
    website: row.website,
    motivation: row.motivation,
    status: row.status,
    reason: row.reason,
    organisationId: row.organisation_id,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
  }
}

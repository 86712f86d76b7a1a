import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { peopleByIds } from '../accounts/people-directory.js'
import { organisationsByIds } from './organisation-refs.js'

/**
 * What the organisations domain's mails say, read when they are rendered (mail/invitation-mail.ts,
 * mail/application-decided-mail.ts), so that queued mail holds ids, not copies. One query per table for a
 * whole batch of mails. A leaf module: the mail renderers import it, and it imports nothing of the mail.
 */

/** Invitations by id, with their organisation (deleted ones included: the caller drops them) and inviter's name. */
export async function invitationsToMail(db: Kysely<DB>, ids: Iterable<string>) {
  const wanted = [...new Set(ids)]
  const rows = wanted.length === 0 ? [] : await db.selectFrom('invitations').select(['id', 'email', 'role', 'revoked_at', 'organisation_id', 'invited_by']).where('id', 'in', wanted).execute()
  const [organisations, inviters] = await Promise.all([
    organisationsByIds(db, rows.map((row) => row.organisation_id)),
    peopleByIds(db, rows.flatMap((row) => (row.invited_by ? [row.invited_by] : []))),
  ])
  return new Map(
    rows.flatMap((row) => {
      const organisation = organisations.get(row.organisation_id)
      if (!organisation) return []
      const inviterName = row.invited_by ? (inviters.get(row.invited_by)?.name ?? null) : null
      const fact = { ...row, name: organisation.name, original_lang: organisation.original_lang, deleted_at: organisation.deleted_at, inviter_name: inviterName }
      return [[row.id, fact] as const]
    }),
  )
}

/** Applications by id, with their applicant's name. */
export async function applicationsToMail(db: Kysely<DB>, ids: Iterable<string>) {
  const wanted = [...new Set(ids)]
  const rows = wanted.length === 0 ? [] : await db.selectFrom('organisation_applications').select(['id', 'status', 'reason', 'name', 'original_lang', 'applicant_id']).where('id', 'in', wanted).execute()
  const applicants = await peopleByIds(db, rows.map((row) => row.applicant_id))
  return new Map(
    rows.flatMap((row) => {
      const applicant = applicants.get(row.applicant_id)
      return applicant ? [[row.id, { ...row, applicant_name: applicant.name }] as const] : []
    }),
  )
}

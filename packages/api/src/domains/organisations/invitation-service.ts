import { randomUUID } from 'node:crypto'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { InvitationTable, OrganisationRole } from '../../db/account-tables.js'
import type { DB, Lang } from '../../db/schema.js'
import { WeGovError } from '../../errors.js'
import { localize } from '../../i18n/languages.js'
import type { InvitationMailPayload } from '../../mail/invitation-mail.js'
import { queueMail } from '../../mail/render-outbox-mail.js'
import { personById, personIdByEmail } from '../accounts/people-directory.js'
import { hashToken, newSecretToken } from '../accounts/secret-tokens.js'
import { recordChange } from '../changes/change-log.js'
import { parseEmail } from '../signatures/canonical-email.js'
import { addMembership } from './membership-service.js'
import { type Requester, findLiveOrganisation } from './organisation-service.js'

/**
 * Invitations to join an organisation. The link's token is 256 random bits; the row keeps its hash only.
 * Only the person signed in with the invited address can accept, once, within INVITATION_DAYS.
 */

export const INVITATION_DAYS = 14

type InvitationRow = Selectable<InvitationTable>
export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired'

export function invitationStatus(row: Pick<InvitationRow, 'accepted_at' | 'revoked_at' | 'expires_at'>, now = new Date()): InvitationStatus {
  if (row.accepted_at) return 'accepted'
  if (row.revoked_at) return 'revoked'
  return row.expires_at.getTime() <= now.getTime() ? 'expired' : 'pending'
}

/** A person's address as accounts store it: as typed, NFKC, lower-cased. 400 WEGOV_INVALID_EMAIL otherwise. */
export function accountAddress(raw: string): string {
  const parsed = parseEmail(raw)
  if (!parsed) throw new WeGovError('WEGOV_INVALID_EMAIL', { errors: [{ field: 'email', message: 'not an email address WeGov can write to' }] })
  return parsed.address.toLowerCase()
}

/**
 * Invites an address to an organisation and queues the mail, in the caller's transaction. Inviting a member
 * is 409 WEGOV_ALREADY_MEMBER. An earlier pending invitation of the same address to the same organisation is
 * withdrawn: only the newest link works.
 */
export async function createInvitation(
  db: Kysely<DB>,
  who: Requester,
  invitation: { organisationId: string; email: string; role: OrganisationRole; lang: Lang; baseUrl: string },
): Promise<InvitationRow> {
  const email = accountAddress(invitation.email)
  const personId = await personIdByEmail(db, email)
  const member = personId && (await db.selectFrom('memberships').select('person_id').where('organisation_id', '=', invitation.organisationId).where('person_id', '=', personId).executeTakeFirst())
  if (member) throw new WeGovError('WEGOV_ALREADY_MEMBER')

  const withdrawn = await db
    .updateTable('invitations')
    .set({ revoked_at: sql`now()` })
    .where('organisation_id', '=', invitation.organisationId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returningAll()
    .execute()
  for (const row of withdrawn) await recordRevocation(db, who, row)

  const token = newSecretToken()
  const row = await db
    .insertInto('invitations')
    .values({
      id: randomUUID(),
      organisation_id: invitation.organisationId,
      email,
      role: invitation.role,
      lang: invitation.lang,
      token_hash: hashToken(token),
      invited_by: who.actor.kind === 'person' ? who.actor.personId : null,
      expires_at: sql<Date>`now() + ${INVITATION_DAYS}::integer * interval '1 day'`,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordChange(db, who, { action: 'invitation.created', subjectType: 'invitation', subjectId: row.id, organisationId: row.organisation_id, after: invitationSnapshot(row) })
  const payload: InvitationMailPayload = { invitationId: row.id, token, baseUrl: invitation.baseUrl, expiresInDays: INVITATION_DAYS }
  await queueMail(db, { kind: 'invitation', recipient: email, locale: invitation.lang, payload: { ...payload } })
  return row
}

/** Invites in one transaction (POST …/invitations). */
export async function inviteMember(db: Kysely<DB>, who: Requester, invitation: Parameters<typeof createInvitation>[2]): Promise<InvitationRow> {
  return db.transaction().execute(async (trx) => {
    await findLiveOrganisation(trx, invitation.organisationId, { lock: true })
    return createInvitation(trx, who, invitation)
  })
}

export async function listInvitations(db: Kysely<DB>, organisationId: string): Promise<InvitationRow[]> {
  await findLiveOrganisation(db, organisationId)
  return db.selectFrom('invitations').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').orderBy('id').limit(200).execute()
}

/** Withdraws a pending invitation; an accepted one is 409 WEGOV_INVITATION_USED, a withdrawn one stays so. */
export async function revokeInvitation(db: Kysely<DB>, who: Requester, organisationId: string, invitationId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('invitations').selectAll().where('id', '=', invitationId).where('organisation_id', '=', organisationId).forUpdate().executeTakeFirst()
    if (!row) throw new WeGovError('WEGOV_NOT_FOUND')
    if (row.accepted_at) throw new WeGovError('WEGOV_INVITATION_USED')
    if (row.revoked_at) return
    const revoked = await trx.updateTable('invitations').set({ revoked_at: sql`now()` }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow()
    await recordRevocation(trx, who, revoked)
  })
}

/** What an invitation link offers, for the page that asks the invited person to accept. */
export async function previewInvitation(db: Kysely<DB>, token: string, lang: Lang) {
  const row = await db
    .selectFrom('invitations')
    .innerJoin('organisations', 'organisations.id', 'invitations.organisation_id')
    .select(['invitations.role', 'invitations.email', 'invitations.accepted_at', 'invitations.revoked_at', 'invitations.expires_at'])
    .select(['organisations.id as organisation_id', 'organisations.slug', 'organisations.name', 'organisations.original_lang', 'organisations.deleted_at'])
    .where('invitations.token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row || row.deleted_at) throw new WeGovError('WEGOV_NOT_FOUND')
  return {
    organisation: { id: row.organisation_id, slug: row.slug, name: localize(row.name, lang, row.original_lang)! },
    role: row.role,
    email: row.email,
    status: invitationStatus(row),
    expiresAt: row.expires_at.toISOString(),
  }
}

/**
 * The signed-in person accepts: they become a member with the invitation's role. Unknown token 404, accepted
 * 409 WEGOV_INVITATION_USED, withdrawn or past its date 410 WEGOV_INVITATION_EXPIRED, another person's
 * address 403 WEGOV_INVITATION_OTHER_ADDRESS, already a member 409 WEGOV_ALREADY_MEMBER.
 */
export async function acceptInvitation(db: Kysely<DB>, who: Requester, personId: string, token: string) {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('invitations').selectAll().where('token_hash', '=', hashToken(token)).forUpdate().executeTakeFirst()
    if (!row) throw new WeGovError('WEGOV_NOT_FOUND')
    const status = invitationStatus(row)
    if (status === 'accepted') throw new WeGovError('WEGOV_INVITATION_USED')
    if (status !== 'pending') throw new WeGovError('WEGOV_INVITATION_EXPIRED')
    const person = await personById(trx, personId)
    if (!person) throw new Error(`no person ${personId}`)
    if (person.email.toLowerCase() !== row.email) throw new WeGovError('WEGOV_INVITATION_OTHER_ADDRESS')
    await findLiveOrganisation(trx, row.organisation_id, { lock: true })
    await addMembership(trx, who, { organisationId: row.organisation_id, personId, role: row.role })
    const accepted = await trx.updateTable('invitations').set({ accepted_at: sql`now()`, accepted_by: personId }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow()
    await recordChange(trx, who, { action: 'invitation.accepted', subjectType: 'invitation', subjectId: row.id, organisationId: row.organisation_id, before: invitationSnapshot(row), after: invitationSnapshot(accepted) })
    return { organisationId: row.organisation_id, role: row.role }
  })
}

async function recordRevocation(db: Kysely<DB>, who: Requester, revoked: InvitationRow): Promise<void> {
  await recordChange(db, who, {
    action: 'invitation.revoked',
    subjectType: 'invitation',
    subjectId: revoked.id,
    organisationId: revoked.organisation_id,
    before: invitationSnapshot({ ...revoked, revoked_at: null }),
    after: invitationSnapshot(revoked),
  })
}

/** The invitation as the change log keeps it: never its token or the token's hash. */
function invitationSnapshot(row: InvitationRow) {
  return { email: row.email, role: row.role, lang: row.lang, expiresAt: row.expires_at.toISOString(), status: invitationStatus(row) }
}

export function presentInvitation(row: InvitationRow) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    lang: row.lang,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    status: invitationStatus(row),
  }
}

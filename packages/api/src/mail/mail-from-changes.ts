import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import type { ChangeHandler } from '../domains/changes/change-consumers.js'
import type { LoggedChange } from '../domains/changes/change-reader.js'
import { applicantToTell } from '../domains/organisations/application-service.js'
import type { ApplicationDecidedMailPayload } from './application-decided-mail.js'
import { personById } from '../domains/accounts/people-directory.js'
import { petitionDecisions } from '../domains/petitions/petition-facts.js'
import type { PetitionDecidedMailPayload } from './petition-decided-mail.js'
import type { PetitionRespondedEvent } from '../domains/petitions/petition-responses.js'
import { queueFanout } from './mail-fanouts.js'
import type { PetitionResponseMailPayload } from './petition-response-mail.js'
import { queueMail } from './render-outbox-mail.js'

/**
 * Mails that only announce an event are derived from the change log by the `mail` consumer, not queued by
 * the write: the writer needs not know who is told, and a new announcement never touches a writer. Mails
 * that carry a secret (sign-in codes, confirmation and invitation tokens) are still queued in the write's
 * own transaction (queueMail): the secret exists only there, and the log must never hold one.
 */

export const MAIL_CONSUMER = 'mail'

type QueuedMail = Parameters<typeof queueMail>[1]

/**
 * The mails one event calls for (none when there is no one left to tell). Recipients and languages are read
 * from the subject's own row, so the log holds no address.
 */
export type MailsForChange = (db: Kysely<DB>, change: LoggedChange, context: { publicUrl: string }) => Promise<QueuedMail[]>

const applicationDecided: MailsForChange = async (db, change, { publicUrl }) => {
  const applicant = await applicantToTell(db, change.subject_id)
  if (!applicant) return []
  const payload: ApplicationDecidedMailPayload = { applicationId: change.subject_id, baseUrl: change.origin ?? publicUrl }
  return [{ kind: 'application-decided', recipient: applicant.email, locale: applicant.lang, payload: { ...payload } }]
}

/** The creator of a petition hears of the moderators' decision, in their own language. */
const petitionDecided: MailsForChange = async (db, change, { publicUrl }) => {
  const petition = (await petitionDecisions(db, [change.subject_id])).get(change.subject_id)
  const creator = petition?.creator_person_id ? await personById(db, petition.creator_person_id) : undefined
  if (!creator) return []
  const payload: PetitionDecidedMailPayload & { creatorName: string } = { petitionId: change.subject_id, baseUrl: change.origin ?? publicUrl, creatorName: creator.name.trim() }
  return [{ kind: 'petition-decided', recipient: creator.email, locale: creator.lang, payload: { ...payload } }]
}

/**
 * An announcement to many: the consumer records it as one fan-out row (mail-fanouts.ts), and the mail worker
 * queues its mails in bounded chunks, each in its own short transaction, by INSERT ... SELECT in the database
 * (never loaded into the process). A petition with 100,000 consenting signers is 200 chunks of 500, not one
 * statement in the consumer's transaction. The worker then sends them a few at a time, as it sends any mail.
 */
export type MailsQueuedForChange = (db: Kysely<DB>, change: LoggedChange, context: { publicUrl: string }) => Promise<void>

/** The signers who asked to hear of a petition's response get it, the first time one is recorded (petition-responses.ts). */
const petitionResponded: MailsQueuedForChange = async (db, change, { publicUrl }) => {
  const event = change.after as PetitionRespondedEvent | null
  if (!event?.firstResponse) return
  const payload: PetitionResponseMailPayload = { petitionId: change.subject_id, baseUrl: change.origin ?? publicUrl }
  await queueFanout(db, { kind: 'petition-response', petitionId: change.subject_id, payload: { ...payload } })
}

/** The subject types of the actions below: only their events wake the mail consumer. */
export const MAIL_SUBJECTS: readonly string[] = ['application', 'petition']

/**
 * Which change-log actions send which mail. Add an announcement here (its subject type to MAIL_SUBJECTS, and
 * its renderer in mail-kinds.ts).
 */
export const MAIL_FROM_CHANGES: Record<string, MailsForChange> = {
  // application-service.ts recordDecision: `application.${status}`.
  'application.approved': applicationDecided,
  'application.declined': applicationDecided,
  // petition-launches.ts: approvePetition, rejectPetition.
  'petition.published': petitionDecided,
  'petition.rejected': petitionDecided,
  'petition.hidden': petitionDecided,
}

/** Which change-log actions send a mail to many, queued in the database (MailsQueuedForChange). */
export const MAILS_QUEUED_FROM_CHANGES: Record<string, MailsQueuedForChange> = {
  // petition-responses.ts recordPetitionResponse.
  'petition.responded': petitionResponded,
}

/** The mail consumer: queues each event's mails in the transaction that advances its position. */
export function mailFromChanges(publicUrl: string): ChangeHandler {
  return async (trx, changes) => {
    for (const change of changes) {
      if (Object.hasOwn(MAILS_QUEUED_FROM_CHANGES, change.action)) await MAILS_QUEUED_FROM_CHANGES[change.action]!(trx, change, { publicUrl })
      if (!Object.hasOwn(MAIL_FROM_CHANGES, change.action)) continue
      for (const mail of await MAIL_FROM_CHANGES[change.action]!(trx, change, { publicUrl })) await queueMail(trx, mail)
    }
  }
}
